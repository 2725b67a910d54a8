/** Measured threshold values in the threshold's own unit, for the report's live and stress tables. */
import { formatQuantity, thresholdMetricOf } from "../../thresholds/evaluate.ts";

/**
 * A value measured for a threshold, in the threshold's unit ("42.62%", "468 ms", "199.5 req/s"). The
 * key is the name's last word (`GET /x: error_rate`, `default: response_time_p95`); other names get a
 * plain number.
 */
export function formatThresholdValue(name: string, value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const metric = thresholdMetricOf(name);
  return metric ? formatQuantity(metric, value) : String(Number(value.toPrecision(4)));
}
