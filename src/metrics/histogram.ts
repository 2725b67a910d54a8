/**
 * The one place that configures latency histograms (design §3): integer microseconds, 1 µs to 1 h,
 * 3 significant digits. Everything else records, merges and reads through these functions.
 */
import * as hdr from "hdr-histogram-js";
import type { LatencySummaryMs } from "../model/result.ts";

export type Histogram = hdr.Histogram;

/** One hour in microseconds: longer latencies are clamped to it (and still counted). */
export const HIGHEST_TRACKABLE_US = 3_600_000_000;

export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: false,
  });
}

/** Records a latency in microseconds, clamped into the trackable range. */
export function recordMicros(histogram: Histogram, micros: number): void {
  const value = Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(micros)));
  histogram.recordValue(value);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false, HIGHEST_TRACKABLE_US);
}

/** Adds an encoded histogram into `target` (the exact merge used everywhere). */
export function addEncoded(target: Histogram, encoded: string): void {
  if (encoded === "") return;
  target.add(decodeHistogram(encoded));
}

const usToMs = (us: number) => Math.round(us) / 1000;

/** Latency at percentile p (0-100) in milliseconds; 0 for an empty histogram. */
export function percentileMs(histogram: Histogram, p: number): number {
  return histogram.totalCount === 0 ? 0 : usToMs(histogram.getValueAtPercentile(p));
}

/** The summary figures of the result contract, in milliseconds with µs resolution. */
export function summarizeLatency(histogram: Histogram): LatencySummaryMs {
  if (histogram.totalCount === 0) {
    return { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  }
  return {
    min: usToMs(histogram.minNonZeroValue),
    mean: Math.round(histogram.mean) / 1000,
    p50: percentileMs(histogram, 50),
    p90: percentileMs(histogram, 90),
    p95: percentileMs(histogram, 95),
    p99: percentileMs(histogram, 99),
    p999: percentileMs(histogram, 99.9),
    max: usToMs(histogram.maxValue),
  };
}
