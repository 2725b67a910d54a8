/** Threshold limits and measured values in their unit, for every place that shows a threshold. */
import type { ThresholdResult } from "../model/result.ts";
import type { ThresholdUnit } from "../model/threshold_key.ts";
import { formatMs } from "./format.ts";

/**
 * A value with its unit. Limits are printed as written (`1000 ms`, `0.5%`); measured values get a
 * fixed precision so columns line up (`312.4 ms`, `0.52%`).
 */
export function formatThresholdQuantity(unit: ThresholdUnit, n: number, asLimit = false): string {
  switch (unit) {
    case "ratio":
      return `${asLimit ? trimNumber(n * 100) : (n * 100).toFixed(2)}%`;
    case "req/s":
      return `${asLimit ? trimNumber(n) : n.toFixed(1)} req/s`;
    case "ms":
      return `${asLimit ? trimNumber(n) : formatMs(n)} ms`;
  }
}

/** A measured value in its threshold's unit; "—" when there is no finite value. */
export function formatThresholdValue(unit: ThresholdUnit, value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? formatThresholdQuantity(unit, value) : "—";
}

/** The human form of a limit: `<= 1000 ms`, `<= 1%`, `>= 5 req/s` (throughput is the only floor). */
export function describeThresholdLimit(unit: ThresholdUnit, limit: number): string {
  return `${unit === "req/s" ? ">=" : "<="} ${formatThresholdQuantity(unit, limit, true)}`;
}

const NAME_WIDTH = 22;
const VALUE_WIDTH = 12;

/**
 * One line of the text summary, readable without colour:
 * `✓ PASS  response_time_p95          312.4 ms  <= 1000 ms`.
 */
export function formatThresholdLine(t: ThresholdResult): string {
  const mark = t.ok ? "✓ PASS" : "✗ FAIL";
  const value = formatThresholdValue(t.unit, t.value);
  return `${mark}  ${t.name.padEnd(NAME_WIDTH)} ${value.padStart(VALUE_WIDTH)}  ${t.threshold}`;
}

/** Up to 6 significant digits without float noise (0.1 * 100 -> "10", not "10.000000000000002"). */
function trimNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}
