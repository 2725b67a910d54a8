/**
 * Charts in words, for each SVG's <desc>: what a screen reader says, and what a reader of the raw
 * file sees. "p95 from 12 ms to 40 ms (peak 52 ms) over 10 minutes".
 */
import type { Category } from "./bars.ts";
import { formatCountTick, formatValue, type ValueKind } from "./format.ts";
import { isDefined, type Point } from "./paths.ts";
import type { SpectrumPoint } from "./spectrum.ts";
import { extent } from "./scales.ts";
import { describeDuration } from "./time_ticks.ts";

export interface DescribedSeries {
  readonly name: string;
  readonly points: readonly Point[];
  readonly kind: ValueKind;
  /** Unit words after counts, e.g. "req/s". */
  readonly unit?: string;
}

/** One series over time: first and last value, the peak when it is above both. */
export function describeTimeSeries(series: DescribedSeries, durationS: number): string {
  const defined = series.points.filter(isDefined);
  if (defined.length === 0) return `${series.name}: no data`;
  const show = (v: number) => formatValue(series.kind, v, series.unit);
  const first = defined[0]!.y;
  const last = defined[defined.length - 1]!.y;
  const peak = extent(defined.map((p) => p.y))![1];
  const peakNote = peak > Math.max(first, last) ? ` (peak ${show(peak)})` : "";
  return `${series.name} from ${show(first)} to ${show(last)}${peakNote} over ${describeDuration(durationS)}`;
}

/** Several series, one sentence each. */
export function describeTimeChart(series: readonly DescribedSeries[], durationS: number): string {
  if (series.every((s) => !s.points.some(isDefined))) return "No data.";
  return `${series.map((s) => describeTimeSeries(s, durationS)).join("; ")}.`;
}

const SPECTRUM_MILESTONES = [50, 90, 99, 99.9, 99.99];

/** A spectrum at its milestones: "GET /items: p50 7 ms, p99 23 ms, p99.99 69 ms". */
export function describeSpectrum(name: string, points: readonly SpectrumPoint[]): string {
  if (points.length === 0) return `${name}: no data`;
  const parts = SPECTRUM_MILESTONES.flatMap((milestone) => {
    const point = points.find((p) => Math.abs(p.percentile - milestone) < 1e-6);
    return point ? [`p${milestone} ${formatValue("ms", point.ms)}`] : [];
  });
  return `${name}: ${parts.join(", ")}`;
}

/** Categories with their counts and the total: "200: 501, 500: 5 (total 506)". */
export function describeCategories(categories: readonly Category[], unit = ""): string {
  if (categories.length === 0) return "No data.";
  const total = categories.reduce((sum, c) => sum + c.value, 0);
  const suffix = unit === "" ? "" : ` ${unit}`;
  const list = categories.map((c) => `${c.label}: ${formatCountTick(c.value)}`).join(", ");
  return `${list} (total ${formatCountTick(total)}${suffix}).`;
}
