/** The text summary printed on stdout after a run: aligned columns, units, colour only when asked. */
import { ExitCode } from "../errors.ts";
import type { RunResult, StatsFigures } from "../model/result.ts";
import { formatThresholdLine } from "../format/threshold_format.ts";
import { formatMs, formatPercent } from "../format/format.ts";

const LATENCY_COLUMNS = ["min", "mean", "p50", "p90", "p95", "p99", "p999", "max"] as const;
const LATENCY_HEADERS = ["min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"];

export interface SummaryStyle {
  color: boolean;
}

const paint = (style: SummaryStyle, code: number, text: string) =>
  style.color ? `\x1b[${code}m${text}\x1b[0m` : text;

function row(label: string, s: StatsFigures): string[] {
  return [
    label,
    String(s.requests),
    String(s.failures),
    formatPercent(s.error_rate),
    s.rps.toFixed(1),
    ...LATENCY_COLUMNS.map((c) => formatMs(s.latency_ms[c])),
  ];
}

/** Lays rows out in columns: the first left-aligned, the rest right-aligned. */
export function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()
  );
}

function countsLine(label: string, counts: Record<string, number>): string | undefined {
  const entries = Object.entries(counts);
  if (entries.length === 0) return undefined;
  return `${label}: ${entries.map(([k, n]) => `${k} ×${n}`).join(", ")}`;
}

function latencyNote(result: RunResult): string {
  return result.run.model === "open"
    ? "  (latencies in ms, from each iteration's scheduled start: coordinated omission corrected)"
    : "  (latencies in ms)";
}

function trimRate(rate: number): string {
  return String(Number(rate.toPrecision(6)));
}

function verdictLine(result: RunResult, style: SummaryStyle): string {
  const failed = result.thresholds.filter((t) => !t.ok).length;
  const total = result.thresholds.length;
  if (result.run.status === "interrupted") {
    return paint(style, 33, `INTERRUPTED after ${result.run.duration_s.toFixed(1)}s: partial results`);
  }
  if (result.exit_code === ExitCode.thresholdAbort) {
    return paint(style, 31, `ABORTED by a live threshold: ${result.run.stop_reason ?? "abort_on_fail"}`);
  }
  if (failed > 0) return paint(style, 31, `FAIL: ${failed} of ${total} thresholds failed`);
  return paint(style, 32, total === 0 ? "DONE: no thresholds set" : `PASS: all ${total} thresholds met`);
}

export function renderTextSummary(result: RunResult, style: SummaryStyle = { color: false }): string {
  const { run } = result;
  const load = run.model === "open"
    ? `${trimRate(run.rate ?? 0)} req/s scheduled, up to ${run.users} users`
    : `${run.users} user${run.users === 1 ? "" : "s"}`;
  const header = `perf · ${run.scenario} · ${run.base_url} · ${run.duration_s.toFixed(1)}s · ${load} · ` +
    `${run.workers} worker${run.workers === 1 ? "" : "s"} · ${run.engine}`;
  const table = alignColumns([
    ["Endpoint", "Reqs", "Fails", "Err%", "RPS", ...LATENCY_HEADERS],
    ...result.endpoints.map((e) => row(`${e.method} ${e.name}`, e)),
    row("Total", result.summary),
  ]);
  const lines = [header, "", ...table, latencyNote(result), ""];
  const service = result.summary.phases_ms?.service;
  if (service) {
    lines.push(
      `Service time (from the actual send): p50 ${formatMs(service.p50)}  p95 ${formatMs(service.p95)}  ` +
        `p99 ${formatMs(service.p99)}  max ${formatMs(service.max)} ms`,
    );
  }
  if (result.generator) {
    const line = `Generator: ${result.generator.verdict}`;
    lines.push(result.generator.saturated ? paint(style, 33, `WARNING: ${line}`) : line);
  }
  const dropped = result.summary.dropped_iterations ?? 0;
  if (dropped > 0) {
    lines.push(paint(
      style,
      33,
      `Dropped iterations: ${dropped} (no free user within the timeout: raise max_users, or the generator is saturated)`,
    ));
  }
  const status = countsLine("Status codes", result.summary.status_codes);
  const errors = countsLine("Errors", result.summary.errors);
  if (status) lines.push(status);
  if (errors) lines.push(paint(style, 31, errors));
  // The stress test's answer in one sentence: max sustainable, breaking point, knee, recovery.
  if (result.stress) lines.push("", `Stress: ${result.stress.verdict}`);
  if (result.thresholds.length > 0) {
    lines.push("", "Thresholds");
    for (const t of result.thresholds) {
      lines.push(`  ${paint(style, t.ok ? 32 : 31, formatThresholdLine(t))}`);
    }
  }
  lines.push("", verdictLine(result, style));
  return lines.join("\n") + "\n";
}
