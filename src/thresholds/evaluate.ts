/**
 * Final threshold verdicts (design §2, thresholds/): pure functions from the run's figures to
 * `ThresholdResult`s. The live sliding-window evaluation lives elsewhere; this is the end-of-run check
 * that decides exit code 99.
 */
import type { LatencySummaryMs, StatsFigures, ThresholdResult } from "../model/result.ts";
import { describeThresholdLimit } from "../format/threshold_format.ts";
import { parseThresholdKey, type ThresholdMetric, thresholdUnit } from "../model/threshold_key.ts";

/** What a threshold is checked against: the run as a whole or one endpoint. */
export interface ThresholdSubject {
  stats: StatsFigures;
  /** Any percentile (0-100] in ms, answered from the HDR histogram. */
  percentileMs(p: number): number;
}

/** Thresholds declared for one endpoint; `subject` is undefined when the endpoint sent nothing. */
export interface EndpointThresholds {
  /** `METHOD path`, e.g. `GET /api/items/`. */
  endpoint: string;
  thresholds: Record<string, number>;
  subject: ThresholdSubject | undefined;
}

/** The percentiles the summary already carries, so they need no histogram lookup. */
const SUMMARY_PERCENTILES: ReadonlyMap<number, keyof LatencySummaryMs> = new Map([
  [50, "p50"],
  [90, "p90"],
  [95, "p95"],
  [99, "p99"],
  [99.9, "p999"],
]);

/**
 * Evaluates every threshold: the run's first (in key order), then each endpoint's (in the order given).
 *
 * @example
 * ```ts
 * const results = evaluateThresholds({ error_rate: 0.01 }, run, []);
 * const failed = results.some((t) => !t.ok);
 * ```
 */
export function evaluateThresholds(
  runThresholds: Record<string, number>,
  run: ThresholdSubject,
  endpointThresholds: EndpointThresholds[],
): ThresholdResult[] {
  const results = Object.entries(runThresholds).map(([key, limit]) => evaluateOne(key, limit, run));
  for (const ep of endpointThresholds) {
    for (const [key, limit] of Object.entries(ep.thresholds)) {
      const result = evaluateOne(key, limit, ep.subject);
      results.push({ ...result, name: `${ep.endpoint}: ${key}`, endpoint: ep.endpoint });
    }
  }
  return results;
}

/**
 * Evaluates one key against one subject; a missing subject never passes. Config validation rejects
 * unknown keys, so one reaching here is a bug, and a silent pass would hide it.
 */
export function evaluateOne(
  key: string,
  limit: number,
  subject: ThresholdSubject | undefined,
): ThresholdResult {
  const metric = parseThresholdKey(key);
  if (!metric) throw new Error(`unknown threshold key "${key}" reached evaluation`);
  const unit = thresholdUnit(metric);
  const base = { name: key, key, unit, threshold: describeThresholdLimit(unit, limit), limit };
  const requests = subject?.stats.requests ?? 0;
  if (!subject || requests <= 0) {
    // No data is not a pass, except "at least 0 req/s", which nothing can fail.
    return { ...base, value: 0, ok: metric.kind === "throughput" && limit <= 0 };
  }
  const raw = measure(metric, subject);
  const value = Number.isFinite(raw) ? raw : 0;
  return { ...base, value, ok: Number.isFinite(raw) && passes(metric, value, limit) };
}

/** The observed value for a metric, in the unit of its limit (ms, fraction, req/s). */
export function measure(metric: ThresholdMetric, subject: ThresholdSubject): number {
  const { stats } = subject;
  switch (metric.kind) {
    case "percentile": {
      const field = SUMMARY_PERCENTILES.get(metric.percentile);
      return field ? stats.latency_ms[field] : subject.percentileMs(metric.percentile);
    }
    case "avg":
      return stats.latency_ms.mean;
    case "max":
      return stats.latency_ms.max;
    case "error_rate":
      return stats.error_rate;
    case "throughput":
      return stats.rps;
  }
}

/** Throughput is a floor; everything else is a ceiling. Equal to the limit passes either way. */
export function passes(metric: ThresholdMetric, value: number, limit: number): boolean {
  return metric.kind === "throughput" ? value >= limit : value <= limit;
}
