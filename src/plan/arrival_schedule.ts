/**
 * The open model's schedule as data: arrivals per second over time, piecewise linear (constant `rate`,
 * or `stages` ramping from one target rate to the next). Each arrival k gets an intended start time,
 * the reference its latency is measured from (coordinated omission corrected, design §3).
 */

export interface RateSpan {
  /** Offset from the run's start, ms. */
  start_ms: number;
  duration_ms: number;
  /** Arrivals per second at the start and at the end of the segment (linear in between). */
  from_rate: number;
  to_rate: number;
}

export interface RateStage {
  duration_ms: number;
  /** Target arrivals per second at the end of the stage. */
  rate: number;
}

/** k6's ramping arrival rate: each stage ramps linearly from the previous target (or `startRate`). */
export function rateSpans(stages: readonly RateStage[], startRate = 0): RateSpan[] {
  let start = 0;
  let from = startRate;
  return stages.map((stage) => {
    const segment = { start_ms: start, duration_ms: stage.duration_ms, from_rate: from, to_rate: stage.rate };
    start += stage.duration_ms;
    from = stage.rate;
    return segment;
  });
}

export function constantRate(rate: number, durationMs: number): RateSpan[] {
  return [{ start_ms: 0, duration_ms: durationMs, from_rate: rate, to_rate: rate }];
}

/**
 * The schedule with everything after `fromMs` replaced by `next` (spans starting at or after `fromMs`).
 * Arrivals up to `fromMs` keep their numbers and times, so workers that each take every n-th arrival
 * stay interleaved; the span that holds `fromMs` is cut there at its rate then.
 */
export function rescheduleFrom(
  spans: readonly RateSpan[],
  fromMs: number,
  next: readonly RateSpan[],
): RateSpan[] {
  const kept: RateSpan[] = [];
  for (const s of spans) {
    if (s.start_ms >= fromMs) break;
    const end = s.start_ms + s.duration_ms;
    if (end <= fromMs) kept.push(s);
    else kept.push({ ...s, duration_ms: fromMs - s.start_ms, to_rate: rateAt([s], fromMs) });
  }
  return [...kept, ...next.filter((s) => s.start_ms >= fromMs)];
}

export function scheduleLengthMs(spans: readonly RateSpan[]): number {
  const last = spans[spans.length - 1];
  return last ? last.start_ms + last.duration_ms : 0;
}

/** Arrivals within one segment up to `tau` ms into it: the integral of the rate. */
function arrivalsInto(s: RateSpan, tau: number): number {
  const slope = (s.to_rate - s.from_rate) / s.duration_ms; // per second, per ms
  return (s.from_rate * tau + (slope * tau * tau) / 2) / 1000;
}

/** Expected arrivals from the start up to `t` ms (fractional). */
export function arrivalsBy(spans: readonly RateSpan[], t: number): number {
  let total = 0;
  for (const s of spans) {
    if (t <= s.start_ms) break;
    total += arrivalsInto(s, Math.min(t - s.start_ms, s.duration_ms));
  }
  return total;
}

/**
 * When arrival k (0-based) is due, in ms from the start: the time at which k + 1 arrivals have been
 * scheduled, minus one, i.e. arrival k is due when the running count reaches k. Undefined past the end.
 */
export function arrivalTimeMs(spans: readonly RateSpan[], k: number): number | undefined {
  let before = 0;
  for (const s of spans) {
    const inSegment = arrivalsInto(s, s.duration_ms);
    if (k < before + inSegment) return s.start_ms + solveTau(s, k - before);
    before += inSegment;
  }
  return undefined;
}

/** Solves arrivalsInto(s, tau) = n for tau in [0, duration]. */
function solveTau(s: RateSpan, n: number): number {
  const a = (s.to_rate - s.from_rate) / s.duration_ms / 2000; // tau^2 coefficient
  const b = s.from_rate / 1000; // tau coefficient
  if (Math.abs(a) < 1e-15) return b > 0 ? n / b : 0;
  // a tau^2 + b tau - n = 0, the root in range (the smaller positive one when decelerating).
  const disc = Math.max(0, b * b + 4 * a * n);
  const tau = (-b + Math.sqrt(disc)) / (2 * a);
  return Math.min(Math.max(tau, 0), s.duration_ms);
}

/** The schedule's highest arrival rate per second. */
/** The scheduled arrival rate per second at `t` ms (0 outside the schedule). */
export function rateAt(spans: readonly RateSpan[], t: number): number {
  const s = spans.find((span) => t >= span.start_ms && t < span.start_ms + span.duration_ms);
  if (!s) return 0;
  return s.from_rate + ((s.to_rate - s.from_rate) * (t - s.start_ms)) / s.duration_ms;
}

export function peakRate(spans: readonly RateSpan[]): number {
  return Math.max(0, ...spans.flatMap((s) => [s.from_rate, s.to_rate]));
}
