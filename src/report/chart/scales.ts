/**
 * Scales map data values to pixels; ticks pick round values to label an axis. Pure, no DOM.
 *
 * ```ts
 * const y = linearScale([0, 37], [200, 0]).nice(5); // domain [0, 40]
 * y.map(20); // 100
 * y.ticks(5); // [0, 10, 20, 30, 40]
 * ```
 */

export type Interval = readonly [number, number];

export interface Scale {
  readonly domain: Interval;
  readonly range: Interval;
  /** Data value -> pixel. */
  map(value: number): number;
  /** Pixel -> data value. */
  invert(pixel: number): number;
}

export interface LinearScale extends Scale {
  /** The same scale with its domain widened to round tick values. */
  nice(count?: number): LinearScale;
  ticks(count?: number): number[];
}

/** Interpolates `t` in [0, 1] across a range. */
function lerp(range: Interval, t: number): number {
  return range[0] + t * (range[1] - range[0]);
}

/** Where `value` sits in `domain`, as a fraction; a zero-width domain maps everything to its middle. */
function fraction(domain: Interval, value: number): number {
  const span = domain[1] - domain[0];
  return span === 0 ? 0.5 : (value - domain[0]) / span;
}

export function linearScale(domain: Interval, range: Interval): LinearScale {
  return {
    domain,
    range,
    map: (value) => lerp(range, fraction(domain, value)),
    invert: (pixel) => lerp(domain, fraction(range, pixel)),
    nice: (count = 5) => linearScale(niceDomain(domain[0], domain[1], count), range),
    ticks: (count = 5) => niceTicks(domain[0], domain[1], count),
  };
}

/**
 * A log10 scale; values at or below zero are clamped to the domain's low end (a log axis has no zero).
 * Both domain ends must be positive.
 */
export function logScale(domain: Interval, range: Interval): Scale {
  if (!(domain[0] > 0 && domain[1] > 0)) {
    throw new RangeError(`log scale needs a positive domain, got [${domain[0]}, ${domain[1]}]`);
  }
  const logDomain: Interval = [Math.log10(domain[0]), Math.log10(domain[1])];
  return {
    domain,
    range,
    map: (value) => lerp(range, fraction(logDomain, Math.log10(Math.max(value, domain[0])))),
    invert: (pixel) => 10 ** lerp(logDomain, fraction(range, pixel)),
  };
}

/** The 1, 2 or 5 × 10^k step that cuts `span` into about `count` pieces. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  // Thresholds at the geometric means (√50, √10, √2) pick the step closest to the raw one.
  const factor = residual >= Math.SQRT2 * 5
    ? 10
    : residual >= Math.sqrt(10)
    ? 5
    : residual >= Math.SQRT2
    ? 2
    : 1;
  return factor * magnitude;
}

/** Removes float noise (0.30000000000000004 -> 0.3) from a multiple of `step`. */
function snap(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 20)));
}

/** A zero-width domain widened so it can carry ticks: [0, 0] -> [0, 1], [5, 5] -> [4, 6]. */
function widenEmpty(min: number, max: number): Interval {
  if (min !== max) return min < max ? [min, max] : [max, min];
  if (min === 0) return [0, 1];
  const pad = Math.abs(min) * 0.2;
  return [min - pad, max + pad];
}

/** The domain widened outward to multiples of the nice step. */
export function niceDomain(min: number, max: number, count = 5): Interval {
  const [lo, hi] = widenEmpty(min, max);
  const step = niceStep(hi - lo, count);
  return [snap(Math.floor(lo / step) * step, step), snap(Math.ceil(hi / step) * step, step)];
}

/** Round tick values (1/2/5 × 10^k steps) inside [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const [lo, hi] = widenEmpty(min, max);
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  // A tiny epsilon keeps ends that are exact multiples despite float error.
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let i = first; i <= last; i++) ticks.push(snap(i * step, step));
  return ticks;
}

/**
 * The [min, max] of the finite values, undefined when there are none. A loop rather than
 * `Math.max(...values)`, which overflows the call stack on very long series.
 */
export function extent(values: Iterable<number>): Interval | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}
