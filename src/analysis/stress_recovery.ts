/**
 * Recovery after the stress peak: how long, once the load is back at the baseline, until the target
 * answers like it did at the baseline again. Measured on the timeline's intervals, pure.
 */
import type { RecoveryBaseline } from "../model/analysis.ts";
import type { RecoveryResult } from "../model/analysis.ts";
import type { TimelinePoint } from "../model/result.ts";
import { formatMs, formatPercent } from "../format/format.ts";
import { errorRate, intervalStart, isNum } from "./series.ts";
import { round } from "../model/numbers.ts";

/**
 * The band an interval must be in to count as "back to baseline", and for how long in a row.
 * Per-interval p95s scatter more than a whole step's p95 (fewer samples each), hence a factor and an
 * absolute slack rather than "≤ baseline p95": `p95 ≤ baseline_p95 × p95_factor + p95_slack_ms` and
 * `error_rate ≤ baseline_error_rate + error_rate_slack`.
 */
export interface RecoveryBand {
  p95_factor: number;
  /** Keeps a 1-2 ms loopback baseline from making a few ms of jitter read as "not recovered". */
  p95_slack_ms: number;
  /** As a fraction: 0.01 = one percentage point. */
  error_rate_slack: number;
  /** Seconds in a row the intervals must be within the band ... */
  hold_s: number;
  /**
   * ... but for this many isolated ones (each after 3 calm seconds in a row): a one-second spike from a
   * GC pause of perf's or the server's is not a queue still draining (measured: 13 and 21 ms seconds
   * among 3-5 ms ones at 2,455 req/s, with the server's queue long empty).
   */
  outliers: number;
}

export const DEFAULT_RECOVERY_BAND: RecoveryBand = {
  p95_factor: 1.5,
  p95_slack_ms: 5,
  error_rate_slack: 0.01,
  hold_s: 10,
  outliers: 1,
};

/** Same-instant tolerance for interval edges written as floats. */
const EPS = 1e-6;

/**
 * Finds the earliest instant after the peak from which every interval for `hold_s` seconds is within the
 * band. Intervals are taken whole (resolution = interval_s, so coarse intervals give a coarse answer);
 * an interval that started before the peak ended is ignored (it mixes peak and recovery); a missing
 * interval or one with no answers breaks the stretch (no answers is no evidence of recovery).
 */
export function measureRecovery(
  timeline: readonly TimelinePoint[],
  window: { start_s: number; end_s: number },
  baseline: RecoveryBaseline,
  band: RecoveryBand = DEFAULT_RECOVERY_BAND,
): RecoveryResult {
  const limits = {
    p95_max_ms: round(baseline.p95_ms * band.p95_factor + band.p95_slack_ms),
    error_rate_max: round(baseline.error_rate + band.error_rate_slack, 6),
    hold_s: band.hold_s,
  };
  const base = { baseline: { ...baseline, band: limits }, limit_s: round(window.end_s - window.start_s) };
  if (!isNum(baseline.p95_ms)) {
    return {
      ...base,
      recovered: false,
      explanation: "not measured: the baseline step has no latency figures",
    };
  }
  const points = timeline
    .filter((p) => intervalStart(p) >= window.start_s - EPS && p.t <= window.end_s + EPS)
    .sort((a, b) => a.t - b.t);
  const inBand = (p: TimelinePoint) =>
    p.requests > 0 && p.p95_ms <= limits.p95_max_ms &&
    errorRate(p.requests, p.failures) <= limits.error_rate_max;
  let runStart: number | undefined;
  let prevEnd: number | undefined;
  let lastOut: TimelinePoint | undefined;
  let outliers = 0;
  let calmInRow = 0;
  for (const p of points) {
    const s = intervalStart(p);
    if (prevEnd !== undefined && s > prevEnd + EPS) runStart = undefined;
    prevEnd = p.t;
    if (!inBand(p)) {
      const isolated = runStart !== undefined && calmInRow >= 3 && outliers < band.outliers;
      calmInRow = 0;
      lastOut = p;
      if (isolated) outliers++;
      else runStart = undefined;
      continue;
    }
    calmInRow++;
    if (runStart === undefined) outliers = 0;
    runStart ??= s;
    if (p.t - runStart >= band.hold_s - EPS) {
      const recovery = round(Math.max(0, runStart - window.start_s));
      const explanation = `back within the baseline band (p95 <= ${formatMs(limits.p95_max_ms)} ms, ` +
        `error rate <= ${
          formatPercent(limits.error_rate_max)
        }) ${recovery} s after the peak, held ${band.hold_s} s`;
      return { ...base, recovered: true, recovery_s: recovery, explanation };
    }
  }
  return {
    ...base,
    recovered: false,
    explanation: notRecovered(points, lastOut, runStart, limits, base.limit_s),
  };
}

/** Why there was no recovery: no data, still out of band, or in band too briefly before the window ended. */
function notRecovered(
  points: readonly TimelinePoint[],
  lastOut: TimelinePoint | undefined,
  runStart: number | undefined,
  limits: { p95_max_ms: number; error_rate_max: number; hold_s: number },
  limitS: number,
): string {
  if (points.length === 0) {
    return "not measured: no timeline intervals in the recovery window (the run ended before it?)";
  }
  const head = `did not recover within ${limitS} s`;
  const last = points[points.length - 1]!;
  if (runStart !== undefined) {
    const held = round(last.t - runStart);
    return `${head}: within the band for the last ${held} s only, ${limits.hold_s} s in a row are required`;
  }
  if (!lastOut) return head;
  if (lastOut.requests <= 0) return `${head}: no answers in the interval ending at ${lastOut.t} s`;
  return `${head}: at ${lastOut.t} s p95 was ${formatMs(lastOut.p95_ms)} ms ` +
    `(band <= ${formatMs(limits.p95_max_ms)} ms) and the error rate ` +
    `${formatPercent(errorRate(lastOut.requests, lastOut.failures))} (band <= ${
      formatPercent(limits.error_rate_max)
    })`;
}
