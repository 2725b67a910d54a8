/**
 * Drift of one series over an endurance run: a least-squares line, and a verdict that does not mistake
 * noise for drift.
 */
import { fitLine, type FitPoint, fittedAt } from "./least_squares.ts";
import { isNum } from "./series.ts";
import { round } from "../model/numbers.ts";
import type { BadDirection, DriftResult } from "../model/analysis.ts";

export interface DriftSeriesInput {
  /** `p95_ms`, `rps`, `error_rate`, or a monitor's name. */
  series: string;
  unit: string;
  /** x in HOURS since the run started, so the slope is per hour. */
  points: FitPoint[];
  bad: BadDirection;
  /**
   * Smallest level the relative drift is measured against: a series starting near 0 (error rate,
   * sub-millisecond latency) would otherwise turn a negligible rise into thousands of %/h.
   */
  level_floor?: number;
}

/**
 * Standard errors taken off the slope before it is judged: a ~99.9% one-sided bound for white noise.
 * 2 SE let about 1 in 200 flat, very noisy 5-minute series through as drift; 3 SE none in 6000, and still
 * catches a 15%/h drift under 20% noise over 2 h nearly always (tests/analysis).
 */
const SIGNIFICANCE_SE = 3;

/**
 * Fits and judges one series against a tolerance in % of the start level per hour. The slope judged is
 * the CONSERVATIVE one, |slope| − 3 × its standard error: the drift we are ~99.9% sure of. It drifts only
 * when that conservative slope
 * 1. is positive (the slope is significant at 3 SE),
 * 2. exceeds the tolerance per hour, relative to the start level (or `level_floor`), and
 * 3. over the span analysed adds up to more than the tolerance too, so a short run must move by at least
 *    the tolerance in total before a per-hour extrapolation can fail it.
 * A flat noisy series thus needs a >3 SE fluke AND a tolerance-sized one to read as drift; a real drift
 * well past the tolerance over an hour or more passes all three easily. Autocorrelated noise (GC cycles)
 * makes the SE optimistic, which is why 2 and 3 are required on top of 1. The reported slope and
 * slope_pct_per_hour are the plain least-squares estimates.
 */
export function judgeDrift(input: DriftSeriesInput, tolerancePctPerHour: number): DriftResult {
  const fit = fitLine(input.points);
  const base = {
    series: input.series,
    unit: input.unit,
    tolerance_pct_per_hour: tolerancePctPerHour,
    verdict: "stable" as const,
    fails: false,
  };
  if (!fit) {
    const values = input.points.map((p) => p.y).filter(isNum);
    const only = values.length === 1 ? values[0]! : NaN;
    return {
      ...base,
      slope_per_hour: 0,
      slope_se: Infinity,
      start: only,
      end: only,
      r2: 0,
      n: values.length,
      note: `too few points to fit a line (${values.length})`,
    };
  }
  const start = fittedAt(fit, fit.x_min);
  const end = fittedAt(fit, fit.x_max);
  const reference = referenceLevel(start, fit.y_mean, input.level_floor);
  const pct = reference > 0 ? (100 * fit.slope) / reference : undefined;
  const change = pct === undefined ? undefined : pct * (fit.x_max - fit.x_min);
  const sure = Math.abs(fit.slope) - SIGNIFICANCE_SE * fit.slope_se;
  const surePct = reference > 0 ? (100 * sure) / reference : 0;
  const drifting = sure > 0 && surePct > tolerancePctPerHour &&
    surePct * (fit.x_max - fit.x_min) > tolerancePctPerHour;
  const verdict = drifting ? (fit.slope > 0 ? "rising" : "falling") : "stable";
  return {
    ...base,
    slope_per_hour: round(fit.slope, 6),
    slope_se: round(fit.slope_se, 6),
    slope_pct_per_hour: pct === undefined ? undefined : round(pct, 3),
    change_pct: change === undefined ? undefined : round(change, 3),
    start: round(start, 6),
    end: round(end, 6),
    r2: round(fit.r2, 4),
    n: fit.n,
    verdict,
    fails: verdict !== "stable" && (input.bad === "both" || input.bad === verdict),
  };
}

/** The start level, or the floor, or (a series starting at 0) the mean level; 0 when all are 0. */
function referenceLevel(start: number, mean: number, floor = 0): number {
  const level = Math.max(Math.abs(start), floor);
  return level > 0 ? level : Math.abs(mean);
}

/**
 * Memory in MB whatever unit it was sampled in (MB = 2^20 bytes, as ps, top and free show it), so
 * slopes read in MB/h. Other units are left as they are.
 */
export function toMegabytes(unit: string): { unit: string; factor: number } {
  const factors: Record<string, number> = {
    b: 1 / 2 ** 20,
    bytes: 1 / 2 ** 20,
    kb: 1 / 1024,
    kib: 1 / 1024,
    mb: 1,
    mib: 1,
    gb: 1024,
    gib: 1024,
  };
  const factor = factors[unit.toLowerCase()];
  return factor === undefined ? { unit, factor: 1 } : { unit: "MB", factor };
}
