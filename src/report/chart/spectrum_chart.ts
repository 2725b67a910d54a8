/**
 * Latency by percentile (the HdrHistogram percentile distribution), ready to draw: log x from 0% to
 * 99.99%, one line per series (the whole run, or one per endpoint), described at its milestones.
 */
import type { XyChartDrawing } from "../../model/chart_view.ts";
import { describeSpectrum } from "./describe.ts";
import { chartText } from "./layout.ts";
import { spectrumChartGeometry, type SpectrumSeriesInput } from "./xy_chart.ts";

/** What a spectrum chart is asked to show. */
export interface SpectrumChartOptions {
  /** Prefix of every id in the SVG; unique on the page. */
  readonly id: string;
  readonly title: string;
  /** Overrides the generated description (each series at p50, p90, p99, p99.9, p99.99). */
  readonly desc?: string;
  /** Points from `spectrumFromEncoded` / `spectrumFromHistogram` / `spectrumFromPairs`. */
  readonly series: readonly SpectrumSeriesInput[];
  readonly legend?: boolean;
  readonly width?: number;
  readonly height?: number;
}

function describe(series: readonly SpectrumSeriesInput[]): string {
  if (series.every((s) => s.points.length === 0)) return "No data.";
  return `Latency by percentile. ${series.map((s) => describeSpectrum(s.name, s.points)).join("; ")}.`;
}

/** The spectrum chart ready to draw (720 × 260 px by default). */
export function spectrumChartDrawing(options: SpectrumChartOptions): XyChartDrawing {
  const geometry = spectrumChartGeometry({
    width: options.width ?? 720,
    height: options.height ?? 260,
    series: options.series,
    legend: options.legend,
  });
  const desc = options.desc ?? describe(options.series);
  return { kind: "xy", ...chartText(options.id, options.title, desc), geometry };
}
