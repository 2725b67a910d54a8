/**
 * Weighted least-squares line fit (design §4: drift analysis as small pure functions). Used by the
 * endurance drift analysis; generic so reports or `compare` can reuse it.
 */

/** One observation. `y` may be missing (a gap); `w` defaults to 1 and `w <= 0` drops the point. */
export interface FitPoint {
  x: number;
  y: number | null | undefined;
  w?: number;
}

/** The line `y = intercept + slope·x` and how well it explains the points. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Share of the (weighted) variance of y the line explains, 0..1; 0 when y does not vary at all. */
  r2: number;
  /** Points used (finite x and y, positive weight). */
  n: number;
  /**
   * Standard error of the slope; `Infinity` with 2 points (a line through two points says nothing
   * about noise), 0 when the points lie exactly on the line.
   */
  slope_se: number;
  /** Range of x over the points used, so callers can read fitted levels at the ends. */
  x_min: number;
  x_max: number;
  /** Weighted mean of y. */
  y_mean: number;
}

interface Usable {
  x: number;
  y: number;
  w: number;
}

function usable(points: readonly FitPoint[]): Usable[] {
  const out: Usable[] = [];
  for (const p of points) {
    const w = p.w ?? 1;
    const y = p.y;
    if (y === null || y === undefined) continue;
    if (!Number.isFinite(p.x) || !Number.isFinite(y) || !Number.isFinite(w) || w <= 0) continue;
    out.push({ x: p.x, y, w });
  }
  return out;
}

/**
 * Fits `y = a + b·x` by weighted least squares, skipping points with a missing or non-finite value and
 * points whose weight is not positive (e.g. latency of an interval that answered nothing).
 * Returns `undefined` when no line is defined: fewer than 2 usable points, or all x equal.
 *
 * Weights are relative (scaling them all changes nothing): the slope's standard error uses the weighted
 * residual variance over n − 2 degrees of freedom, as for precision weights.
 *
 * @example
 * ```ts
 * const fit = fitLine([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]);
 * // fit.slope === 2, fit.intercept === 1, fit.r2 === 1
 * ```
 */
export function fitLine(points: readonly FitPoint[]): LinearFit | undefined {
  const pts = usable(points);
  if (pts.length < 2) return undefined;
  let sw = 0, sx = 0, sy = 0;
  for (const p of pts) {
    sw += p.w;
    sx += p.w * p.x;
    sy += p.w * p.y;
  }
  const xMean = sx / sw;
  const yMean = sy / sw;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of pts) {
    const dx = p.x - xMean;
    const dy = p.y - yMean;
    sxx += p.w * dx * dx;
    sxy += p.w * dx * dy;
    syy += p.w * dy * dy;
  }
  let xMin = Infinity, xMax = -Infinity;
  for (const p of pts) {
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
  }
  // All x equal (up to rounding): the slope is undefined, not zero.
  if (sxx <= 0 || xMax - xMin <= 1e-12 * Math.max(1, Math.abs(xMean))) return undefined;
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  // Residual sum of squares; clamp the float error that can make it slightly negative.
  const sse = Math.max(0, syy - slope * sxy);
  const r2 = syy > 0 ? Math.min(1, Math.max(0, 1 - sse / syy)) : 0;
  const n = pts.length;
  // With weights normalised to mean 1 the scale cancels: SE² = SSE / (n − 2) / Sxx.
  const slopeSe = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  return {
    slope,
    intercept,
    r2,
    n,
    slope_se: slopeSe,
    x_min: xMin,
    x_max: xMax,
    y_mean: yMean,
  };
}

/** The fitted level at `x`. */
export function fittedAt(fit: LinearFit, x: number): number {
  return fit.intercept + fit.slope * x;
}
