/**
 * Final threshold verdicts (design §2, thresholds/): pure functions from the run's figures to
 * `ThresholdResult`s. The live sliding-window evaluation lives elsewhere; this is the end-of-run check
 * that decides exit code 99.
 */
import type { LatencySummaryMs, StatsFigures, ThresholdResult } from "../model/result.ts";
import { formatMs } from "../format/format.ts";
import { parseThresholdKey, type ThresholdMetric } from "../model/threshold_key.ts";

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

/** Evaluates one key against one subject; an unknown key or a missing subject never passes. */
export function evaluateOne(
  key: string,
  limit: number,
  subject: ThresholdSubject | undefined,
): ThresholdResult {
  const metric = parseThresholdKey(key);
  if (!metric) {
    // Config validation rejects unknown keys; reaching here is a bug, and a silent pass would hide it.
    return { name: key, threshold: `unknown threshold key`, limit, value: 0, ok: false };
  }
  const threshold = describeLimit(metric, limit);
  const requests = subject?.stats.requests ?? 0;
  if (!subject || requests <= 0) {
    // No data is not a pass, except "at least 0 req/s", which nothing can fail.
    const ok = metric.kind === "throughput" && limit <= 0;
    return { name: key, threshold, limit, value: 0, ok };
  }
  const raw = measure(metric, subject);
  const value = Number.isFinite(raw) ? raw : 0;
  return { name: key, threshold, limit, value, ok: Number.isFinite(raw) && passes(metric, value, limit) };
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

/** The human form of a limit: `<= 1000 ms`, `<= 1%`, `>= 5 req/s`. */
export function describeLimit(metric: ThresholdMetric, limit: number): string {
  const op = metric.kind === "throughput" ? ">=" : "<=";
  return `${op} ${formatQuantity(metric, limit, true)}`;
}

/**
 * A value with its unit. Limits are printed as written (`1000 ms`, `0.5%`); measured values get a
 * fixed precision so columns line up (`312.4 ms`, `0.52%`).
 */
export function formatQuantity(metric: ThresholdMetric, n: number, asLimit = false): string {
  switch (metric.kind) {
    case "error_rate":
      return `${asLimit ? trimNumber(n * 100) : (n * 100).toFixed(2)}%`;
    case "throughput":
      return `${asLimit ? trimNumber(n) : n.toFixed(1)} req/s`;
    default:
      return `${asLimit ? trimNumber(n) : formatMs(n)} ms`;
  }
}

/** The metric of a threshold named by its key, or `GET /x: key` for an endpoint's (the key is the last word). */
export function thresholdMetricOf(name: string): ThresholdMetric | undefined {
  return parseThresholdKey(name.slice(name.lastIndexOf(" ") + 1));
}

/** A value measured for a threshold, with its metric's unit (`312.4 ms`, `0.52%`); a bare number otherwise. */
export function formatThresholdValue(name: string, value: number): string {
  const metric = thresholdMetricOf(name);
  return metric ? formatQuantity(metric, value) : String(value);
}

/** Up to 6 significant digits without float noise (0.1 * 100 -> "10", not "10.000000000000002"). */
function trimNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}

const NAME_WIDTH = 22;
const VALUE_WIDTH = 12;

/**
 * One line of the text summary, readable without colour:
 * `✓ PASS  response_time_p95          312.4 ms  <= 1000 ms`.
 */
export function formatThresholdLine(t: ThresholdResult): string {
  const mark = t.ok ? "✓ PASS" : "✗ FAIL";
  const value = formatThresholdValue(t.name, t.value);
  return `${mark}  ${t.name.padEnd(NAME_WIDTH)} ${value.padStart(VALUE_WIDTH)}  ${t.threshold}`;
}
