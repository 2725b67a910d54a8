/**
 * The seed's threshold keys: `response_time_pNN` (any percentile, ms), `response_time_avg`,
 * `response_time_max` (ms), `error_rate` (fraction, upper bound) and `throughput` (req/s, lower bound).
 */
export type ThresholdMetric =
  | { kind: "percentile"; percentile: number }
  | { kind: "avg" }
  | { kind: "max" }
  | { kind: "error_rate" }
  | { kind: "throughput" };

export const THRESHOLD_KEY_EXAMPLES = [
  "response_time_p95",
  "response_time_p99.9",
  "response_time_avg",
  "response_time_max",
  "error_rate",
  "throughput",
];

const PERCENTILE_KEY = /^response_time_p(\d{1,2}(?:\.\d+)?|100)$/;

/** Parses a threshold key; undefined when the key is not one of the known forms. */
export function parseThresholdKey(key: string): ThresholdMetric | undefined {
  if (key === "response_time_avg") return { kind: "avg" };
  if (key === "response_time_max") return { kind: "max" };
  if (key === "error_rate") return { kind: "error_rate" };
  if (key === "throughput") return { kind: "throughput" };
  const match = PERCENTILE_KEY.exec(key);
  if (!match) return undefined;
  const percentile = Number(match[1]);
  return percentile > 0 && percentile <= 100 ? { kind: "percentile", percentile } : undefined;
}

/** The unit a threshold's limit and value are in: milliseconds, a fraction (0.01 = 1%), or req/s. */
export type ThresholdUnit = "ms" | "ratio" | "req/s";

export const THRESHOLD_UNITS: readonly ThresholdUnit[] = ["ms", "ratio", "req/s"];

export function thresholdUnit(metric: ThresholdMetric): ThresholdUnit {
  if (metric.kind === "error_rate") return "ratio";
  if (metric.kind === "throughput") return "req/s";
  return "ms";
}
