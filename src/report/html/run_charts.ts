/**
 * Every chart of a run report, decided once: which charts the result has data for, their props, and
 * the file each becomes under `plots/`. The page and the standalone SVGs both draw from this, so they
 * always show the same charts, and each histogram is decoded only once.
 */
import type { RunResult } from "../../result/types.ts";
import type { BarChartProps } from "../../../templates/chart/bar_chart.tsx";
import type { LineChartProps } from "../../../templates/chart/line_chart.tsx";
import type { SpectrumChartProps } from "../../../templates/chart/spectrum_chart.tsx";
import {
  endpointLabel,
  endpointSpectrumChart,
  errorKindsChart,
  latencySpectrum,
  phasesChart,
  spectrumChart,
  statusCodesChart,
} from "./distribution_charts.ts";
import { slug, uniqueNames } from "./plot_names.ts";
import {
  errorsChart,
  generatorChart,
  hasGeneratorSamples,
  latencyChart,
  throughputChart,
} from "./time_charts.ts";

/** One chart: which component draws it, with what, and its file name under `plots/`. */
export type ChartSpec =
  | { kind: "line"; file: string; props: LineChartProps }
  | { kind: "spectrum"; file: string; props: SpectrumChartProps }
  | { kind: "bar"; file: string; props: BarChartProps };

export interface RunCharts {
  throughput: ChartSpec;
  latency: ChartSpec;
  errors: ChartSpec;
  /** Undefined when nothing was measured (no requests, or no latency recorded). */
  spectrum?: ChartSpec;
  statusCodes?: ChartSpec;
  errorKinds?: ChartSpec;
  phases?: ChartSpec;
  generator?: ChartSpec;
  /** One per endpoint, in the result's order; undefined for an endpoint without latency data. */
  endpoints: (ChartSpec | undefined)[];
}

const line = (file: string, props: LineChartProps): ChartSpec => ({ kind: "line", file, props });
const bar = (file: string, props: BarChartProps | undefined): ChartSpec | undefined =>
  props && { kind: "bar", file, props };
const spectrum = (file: string, props: SpectrumChartProps | undefined): ChartSpec | undefined =>
  props && { kind: "spectrum", file, props };

function endpointCharts(result: RunResult): RunCharts["endpoints"] {
  const files = uniqueNames(result.endpoints.map((e) => `endpoint-${slug(endpointLabel(e))}`));
  return result.endpoints.map((e, i) => spectrum(`${files[i]}.svg`, endpointSpectrumChart(e, i)));
}

export function runCharts(result: RunResult): RunCharts {
  const endpoints = endpointCharts(result);
  const endpointSpectra = result.endpoints.map((e, i) => ({
    label: endpointLabel(e),
    points: endpoints[i]?.kind === "spectrum" ? endpoints[i].props.series[0]!.points : [],
  }));
  const runSpectrum = latencySpectrum(result.summary.histogram, result.summary);
  return {
    throughput: line("throughput.svg", throughputChart(result)),
    latency: line("latency.svg", latencyChart(result)),
    errors: line("errors.svg", errorsChart(result)),
    spectrum: spectrum("spectrum.svg", spectrumChart(runSpectrum, endpointSpectra)),
    statusCodes: bar("status_codes.svg", statusCodesChart(result.summary)),
    errorKinds: bar("error_kinds.svg", errorKindsChart(result.summary)),
    phases: bar("phases.svg", phasesChart(result.summary)),
    generator: hasGeneratorSamples(result) ? line("generator.svg", generatorChart(result)) : undefined,
    endpoints,
  };
}

/** Every chart present, in page order. */
export function allCharts(charts: RunCharts): ChartSpec[] {
  const { throughput, latency, errors, spectrum, statusCodes, errorKinds, phases, generator } = charts;
  return [
    throughput,
    latency,
    errors,
    spectrum,
    statusCodes,
    errorKinds,
    phases,
    generator,
    ...charts.endpoints,
  ]
    .filter((c): c is ChartSpec => c !== undefined);
}
