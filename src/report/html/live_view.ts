/**
 * Live thresholds for the report: each one's window, delay, whether it may abort the run, how often it
 * was judged and failed, its first failure and its last value, in the threshold's own unit.
 */
import type { LiveThresholdRecord } from "../../model/thresholds.ts";
import type { LiveThresholdRow } from "../../model/report_view.ts";
import { formatCount, formatSeconds } from "../../format/report_format.ts";
import { formatThresholdValue } from "../../format/threshold_format.ts";

export function liveThresholdRows(records: readonly LiveThresholdRecord[]): LiveThresholdRow[] {
  return records.map((r) => ({
    name: r.name,
    limit: r.threshold,
    window: r.window_s > 0 ? formatSeconds(r.window_s) : "whole run so far",
    delay: r.delay_s > 0 ? formatSeconds(r.delay_s) : "none",
    abort: r.abort_on_fail,
    evaluations: formatCount(r.evaluations),
    failed: formatCount(r.failed_evaluations),
    firstFailure: r.first_failure
      ? `at ${formatSeconds(r.first_failure.t)}: ${formatThresholdValue(r.unit, r.first_failure.value)}`
      : "—",
    last: r.last ? `${formatThresholdValue(r.unit, r.last.value)} at ${formatSeconds(r.last.t)}` : "—",
    lastOk: r.last?.ok,
    bad: r.failed_evaluations > 0,
  }));
}
