/**
 * The trend across runs (the seed's `reports/performance_report.html`): per scenario, each run's p95,
 * throughput and error rate at its start time, oldest first, with the change of the latest run against
 * the one before it. Pure: the caller reads the results and says where each run's report lives.
 */
import type { RunResult } from "../model/result.ts";
import type { LatestChange, ScenarioTrend, TrendRun } from "../model/trend.ts";
import { relativeChange } from "./compare.ts";

export interface TrendInput {
  result: RunResult;
  href?: string;
}

export function trendRun({ result, href }: TrendInput): TrendRun {
  const { run, summary } = result;
  return {
    id: run.id,
    started_at: run.started_at,
    t: Date.parse(run.started_at) / 1000,
    status: run.status,
    test_type: run.test_type,
    duration_s: run.duration_s,
    requests: summary.requests,
    rps: summary.rps,
    p95_ms: summary.latency_ms.p95,
    p99_ms: summary.latency_ms.p99,
    error_rate: summary.error_rate,
    thresholds: result.thresholds.length,
    failed_thresholds: result.thresholds.filter((t) => !t.ok).length,
    href,
  };
}

/** Runs grouped by scenario (scenarios by name, runs by start time); a run read twice counts once. */
export function buildTrends(inputs: readonly TrendInput[]): ScenarioTrend[] {
  const byScenario = new Map<string, Map<string, TrendRun>>();
  for (const input of inputs) {
    const runs = byScenario.get(input.result.run.scenario) ?? new Map<string, TrendRun>();
    byScenario.set(input.result.run.scenario, runs);
    if (!runs.has(input.result.run.id)) runs.set(input.result.run.id, trendRun(input));
  }
  return [...byScenario.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scenario, runs]) => ({
      scenario,
      runs: [...runs.values()].sort((a, b) => a.t - b.t || a.id.localeCompare(b.id)),
    }));
}

/** How the latest run moved against the previous one; undefined with fewer than two runs. */
export function latestChange(trend: ScenarioTrend): LatestChange | undefined {
  const [previous, latest] = trend.runs.slice(-2);
  if (!previous || !latest) return undefined;
  return {
    p95: relativeChange(previous.p95_ms, latest.p95_ms) ?? undefined,
    rps: relativeChange(previous.rps, latest.rps) ?? undefined,
    error_rate_points: (latest.error_rate - previous.error_rate) * 100,
  };
}
