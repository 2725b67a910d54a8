/**
 * Latency by percentile (the HdrHistogram percentile distribution): log x from 0% to 99.99%, one line
 * per series (the whole run, or one per endpoint).
 */
import { describeSpectrum } from "../../src/report/chart/describe.ts";
import { safeId } from "../../src/report/chart/layout.ts";
import { spectrumChartGeometry, type SpectrumSeriesInput } from "../../src/report/chart/xy_chart.ts";
import { XyChart } from "./xy_plot.tsx";

export interface SpectrumChartProps {
  /** Prefix of every id in the SVG; unique on the page. */
  id: string;
  title: string;
  /** Overrides the generated description (each series at p50, p90, p99, p99.9, p99.99). */
  desc?: string;
  /** Points from `spectrumFromEncoded` / `spectrumFromHistogram` / `spectrumFromPairs`. */
  series: readonly SpectrumSeriesInput[];
  legend?: boolean;
  width?: number;
  height?: number;
}

function describe(series: readonly SpectrumSeriesInput[]): string {
  if (series.every((s) => s.points.length === 0)) return "No data.";
  return `Latency by percentile. ${series.map((s) => describeSpectrum(s.name, s.points)).join("; ")}.`;
}

export function SpectrumChart(props: SpectrumChartProps) {
  const prefix = safeId(props.id);
  const geometry = spectrumChartGeometry({
    width: props.width ?? 720,
    height: props.height ?? 260,
    series: props.series,
    legend: props.legend,
  });
  const desc = props.desc ?? describe(props.series);
  return <XyChart geometry={geometry} prefix={prefix} title={props.title} desc={desc} />;
}
