/**
 * The percentile spectrum (HdrHistogram's "latency by percentile distribution" plot): latency against
 * percentile, with x = 1 / (1 - p) on a log axis so 90%, 99%, 99.9% and 99.99% are evenly spaced and
 * the tail, where the trouble hides, gets as much room as the median.
 */
import { decodeHistogram, type Histogram, percentileMs } from "../../metrics/histogram.ts";
import type { LatencySummaryMs } from "../../model/result.ts";
import { formatPercentile } from "./format.ts";

/** The spectrum stops here: past it, a run's last few requests are the whole story. */
export const MAX_SPECTRUM_PERCENTILE = 99.99;

export interface SpectrumPoint {
  /** 0-100. */
  readonly percentile: number;
  /** 1 / (1 - percentile / 100): 1 at 0%, 10 at 90%, 10 000 at 99.99%. */
  readonly x: number;
  readonly ms: number;
}

/** 1 / (1 - p/100); 99.99 -> 10 000. Rounded to 10 digits so 99.99 gives 10 000, not 9999.99999999. */
export function percentileToX(percentile: number): number {
  return Number((1 / (1 - percentile / 100)).toPrecision(10));
}

export function xToPercentile(x: number): number {
  return Number((100 * (1 - 1 / x)).toPrecision(12));
}

/** The x ticks of a spectrum chart, one per "nine": 0%, 90%, 99%, 99.9%, 99.99%. */
export function spectrumTicks(maxPercentile = MAX_SPECTRUM_PERCENTILE): { x: number; label: string }[] {
  const ticks: { x: number; label: string }[] = [];
  for (let x = 1; x <= percentileToX(maxPercentile) * (1 + 1e-9); x *= 10) {
    ticks.push({ x, label: formatPercentile(xToPercentile(x)) });
  }
  return ticks;
}

/** Percentiles people quote, always on the curve so a label "p99" reads the exact p99. */
const MILESTONE_PERCENTILES: readonly number[] = [50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99];

/**
 * Percentiles evenly spaced on the log x axis from 0% to `maxPercentile`, `stepsPerDecade` of them per
 * nine (20 gives 81 points up to 99.99%, smooth at any chart width), plus the milestones.
 */
export function spectrumPercentiles(stepsPerDecade = 20, maxPercentile = MAX_SPECTRUM_PERCENTILE): number[] {
  const decades = Math.log10(percentileToX(maxPercentile));
  const steps = Math.max(1, Math.round(decades * stepsPerDecade));
  const even = Array.from({ length: steps + 1 }, (_, i) => xToPercentile(10 ** ((i / steps) * decades)));
  const milestones = MILESTONE_PERCENTILES.filter((p) => p <= maxPercentile);
  return [...new Set([...even, ...milestones])].toSorted((a, b) => a - b);
}

/** The spectrum of a histogram recorded in microseconds; empty for an empty histogram. */
export function spectrumFromHistogram(histogram: Histogram, stepsPerDecade = 20): SpectrumPoint[] {
  if (histogram.totalCount === 0) return [];
  return spectrumPercentiles(stepsPerDecade).map((percentile) => ({
    percentile,
    x: percentileToX(percentile),
    ms: percentileMs(histogram, percentile),
  }));
}

/** The spectrum of a result's encoded histogram (`summary.histogram`, `endpoints[].histogram`). */
export function spectrumFromEncoded(encoded: string, stepsPerDecade = 20): SpectrumPoint[] {
  if (encoded === "") return [];
  return spectrumFromHistogram(decodeHistogram(encoded), stepsPerDecade);
}

/**
 * The spectrum from known [percentile, ms] pairs (sorted, capped at the maximum percentile, 100%
 * dropped since its x is infinite), for results that carry percentiles but no histogram.
 */
export function spectrumFromPairs(
  pairs: readonly (readonly [number, number])[],
  maxPercentile = MAX_SPECTRUM_PERCENTILE,
): SpectrumPoint[] {
  return pairs
    .filter(([p, ms]) => p >= 0 && p <= maxPercentile && Number.isFinite(ms))
    .toSorted((a, b) => a[0] - b[0])
    .map(([percentile, ms]) => ({ percentile, x: percentileToX(percentile), ms }));
}

/** The [percentile, ms] pairs a latency summary carries: min as 0%, then p50 up to p99.9. */
export function summaryPercentilePairs(latency: LatencySummaryMs): [number, number][] {
  return [[0, latency.min], [50, latency.p50], [90, latency.p90], [95, latency.p95], [99, latency.p99], [
    99.9,
    latency.p999,
  ]];
}
