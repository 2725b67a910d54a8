/**
 * What an alert says, built from the result (end of run) or from a live threshold breach. Pure; the
 * channels only render it.
 */
import { ExitCode } from "../errors.ts";
import { formatMs, formatPercent } from "../format/format.ts";
import type { RunResult, ThresholdResult } from "../model/result.ts";
import { formatThresholdValue } from "../format/threshold_format.ts";
import type { AlertFigure, AlertKind, AlertMessage, AlertThreshold, AlertVerdict } from "../model/alert.ts";

function thresholdLine(t: ThresholdResult): AlertThreshold {
  return {
    name: t.name,
    value: formatThresholdValue(t.unit, t.value),
    limit: t.threshold,
  };
}

function keyFigures(result: RunResult): AlertFigure[] {
  const s = result.summary;
  return [
    { label: "Requests", value: String(s.requests) },
    { label: "Failures", value: `${s.failures} (${formatPercent(s.error_rate)})` },
    { label: "Throughput", value: `${s.rps.toFixed(1)} req/s` },
    { label: "Latency p50", value: `${formatMs(s.latency_ms.p50)} ms` },
    { label: "Latency p95", value: `${formatMs(s.latency_ms.p95)} ms` },
    { label: "Latency p99", value: `${formatMs(s.latency_ms.p99)} ms` },
    { label: "Duration", value: `${result.run.duration_s.toFixed(1)} s` },
    ...stressFigures(result),
  ];
}

/** A stress test's answer: the maximum sustainable rate and where it broke. */
function stressFigures(result: RunResult): AlertFigure[] {
  const stress = result.stress;
  if (!stress) return [];
  const b = stress.breaking_point;
  const bracket = stress.search?.bracket;
  return [
    {
      label: "Max sustainable",
      value: stress.max_sustainable_rps === undefined ? "none" : `${stress.max_sustainable_rps} req/s`,
    },
    {
      label: "Breaking point",
      value: b
        ? `${b.target}${b.unit === "rate" ? "/s" : " users"}${
          bracket ? ` (held at ${bracket.held ?? "none"}/s)` : ""
        }`
        : "not reached",
    },
  ];
}

/** The end-of-run kind: aborted (a live threshold stopped it), failure, or success (passed / stopped by hand). */
export function runAlertKind(result: RunResult): AlertKind {
  if (result.exit_code === ExitCode.thresholdAbort) return "aborted";
  if (result.run.status === "interrupted") return "success";
  return result.exit_code === ExitCode.ok ? "success" : "failure";
}

function runVerdict(result: RunResult, failed: number): { verdict: AlertVerdict; headline: string } {
  const total = result.thresholds.length;
  if (result.exit_code === ExitCode.thresholdAbort) {
    return { verdict: "ABORTED", headline: result.run.stop_reason ?? "a live threshold ended the run" };
  }
  if (result.run.status === "interrupted") {
    return { verdict: "INTERRUPTED", headline: "stopped by hand, partial results" };
  }
  if (failed > 0) return { verdict: "FAIL", headline: `${failed} of ${total} thresholds failed` };
  return { verdict: "PASS", headline: total === 0 ? "no thresholds set" : `all ${total} thresholds met` };
}

export function runAlertMessage(
  result: RunResult,
  paths: { result?: string; report?: string } = {},
): AlertMessage {
  const failed = result.thresholds.filter((t) => !t.ok);
  const { verdict, headline } = runVerdict(result, failed.length);
  return {
    kind: runAlertKind(result),
    verdict,
    scenario: result.run.scenario,
    title: `perf: ${result.run.scenario} ${verdict}: ${headline}`,
    summary: `The ${result.run.test_type} test "${result.run.scenario}" against ${result.run.base_url} ` +
      `ran ${result.run.duration_s.toFixed(1)} s with ${result.run.users} users: ${headline}.`,
    base_url: result.run.base_url,
    run_id: result.run.id,
    started_at: result.run.started_at,
    figures: keyFigures(result),
    failed_thresholds: failed.map(thresholdLine),
    ...(paths.result ? { result_path: paths.result } : {}),
    ...(paths.report ? { report_path: paths.report } : {}),
  };
}

export interface BreachContext {
  scenario: string;
  base_url: string;
  run_id?: string;
  started_at?: string;
  /** Seconds into the run. */
  t: number;
  window_s: number;
}

/** A live threshold failing during the run (sent once per threshold per cooldown). */
export function breachAlertMessage(threshold: ThresholdResult, context: BreachContext): AlertMessage {
  const line = thresholdLine(threshold);
  const over = context.window_s > 0 ? `over the last ${context.window_s} s` : "over the run so far";
  return {
    kind: "breach",
    verdict: "BREACH",
    scenario: context.scenario,
    title: `perf: ${context.scenario} BREACH: ${threshold.name} ${line.value} (limit ${line.limit})`,
    summary: `Threshold ${threshold.name} failed ${over}, ${Math.round(context.t)} s into the run against ` +
      `${context.base_url}: ${line.value} where the limit is ${line.limit}. The run goes on.`,
    base_url: context.base_url,
    ...(context.run_id ? { run_id: context.run_id } : {}),
    ...(context.started_at ? { started_at: context.started_at } : {}),
    figures: [{ label: `${threshold.name} (${over})`, value: line.value }],
    failed_thresholds: [line],
  };
}

/** `perf alert test`: proves a channel works without running a test. */
export function testAlertMessage(baseUrl: string | undefined): AlertMessage {
  return {
    kind: "test",
    verdict: "TEST",
    scenario: "alert test",
    title: "perf: TEST alert: this channel works",
    summary: "A test message from `perf alert test`: if you can read this, perf can alert you here.",
    base_url: baseUrl ?? "(no base_url configured)",
    started_at: new Date().toISOString(),
    figures: [],
    failed_thresholds: [],
  };
}
