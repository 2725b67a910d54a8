/**
 * Every chart of a run report, decided once: which charts the result has data for, their props, and
 * the file each becomes under `plots/`. The page and the standalone SVGs both draw from this, so they
 * always show the same charts, and each histogram is decoded only once.
 */
import type { RunResult } from "../../model/result.ts";
import type { BarChartProps } from "../../../templates/chart/bar_chart.tsx";
import type { LineChartProps } from "../../../templates/chart/line_chart.tsx";
import type { LoadChartProps } from "../../../templates/chart/load_chart.tsx";
import type { SpectrumChartProps } from "../../../templates/chart/spectrum_chart.tsx";
import { endpointLabel } from "../../format/report_format.ts";
import {
  endpointSpectrumChart,
  errorKindsChart,
  latencySpectrum,
  phasesChart,
  spectrumChart,
  statusCodesChart,
} from "./distribution_charts.ts";
import { driftChart, periodsChart } from "./endurance_charts.ts";
import { slug, uniqueNames } from "./plot_names.ts";
import { generatorMemoryChart, type MonitorView, monitorViews } from "./resource_charts.ts";
import { recoveryChart, stressStepsChart } from "./stress_charts.ts";
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
  | { kind: "bar"; file: string; props: BarChartProps }
  | { kind: "load"; file: string; props: LoadChartProps };

/** A resource monitor's charts (one per unit), or only its error when it never produced a sample. */
export interface MonitorCharts extends Omit<MonitorView, "charts"> {
  charts: ChartSpec[];
}

export interface RunCharts {
  throughput: ChartSpec;
  latency: ChartSpec;
  errors: ChartSpec;
  /** Stress runs: req/s and p95 per step against the load; p95 through the recovery. */
  stressSteps?: ChartSpec;
  stressRecovery?: ChartSpec;
  /** Endurance runs: p95 with its fitted drift; p95 and error rate per period. */
  drift?: ChartSpec;
  periods?: ChartSpec;
  /** One entry per resource monitor, in the result's order. */
  monitors: MonitorCharts[];
  /** Undefined when nothing was measured (no requests, or no latency recorded). */
  spectrum?: ChartSpec;
  statusCodes?: ChartSpec;
  errorKinds?: ChartSpec;
  phases?: ChartSpec;
  generator?: ChartSpec;
  /** perf's own resident memory, when the timeline has it. */
  generatorMemory?: ChartSpec;
  /** One per endpoint, in the result's order; undefined for an endpoint without latency data. */
  endpoints: (ChartSpec | undefined)[];
}

const line = (file: string, props: LineChartProps): ChartSpec => ({ kind: "line", file, props });
const maybeLine = (file: string, props: LineChartProps | undefined): ChartSpec | undefined =>
  props && line(file, props);
const bar = (file: string, props: BarChartProps | undefined): ChartSpec | undefined =>
  props && { kind: "bar", file, props };
const load = (file: string, props: LoadChartProps | undefined): ChartSpec | undefined =>
  props && { kind: "load", file, props };
const spectrum = (file: string, props: SpectrumChartProps | undefined): ChartSpec | undefined =>
  props && { kind: "spectrum", file, props };

function endpointCharts(result: RunResult): RunCharts["endpoints"] {
  const files = uniqueNames(result.endpoints.map((e) => `endpoint-${slug(endpointLabel(e))}`));
  return result.endpoints.map((e, i) => spectrum(`${files[i]}.svg`, endpointSpectrumChart(e, i)));
}

/** Each monitor chart named `monitor-<monitor>-<unit>`, unique on the page and in `plots/`. */
function monitorCharts(result: RunResult): MonitorCharts[] {
  const views = monitorViews(result);
  const names = uniqueNames(views.flatMap((v) => v.charts.map((c) => slug(c.id))));
  let next = 0;
  return views.map((view) => ({
    ...view,
    charts: view.charts.map((props) => {
      const name = names[next++]!;
      return line(`${name}.svg`, { ...props, id: name });
    }),
  }));
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
    stressSteps: result.stress && load("stress_steps.svg", stressStepsChart(result.stress)),
    stressRecovery: maybeLine("stress_recovery.svg", recoveryChart(result)),
    drift: maybeLine("endurance_drift.svg", driftChart(result)),
    periods: maybeLine("endurance_periods.svg", periodsChart(result)),
    monitors: monitorCharts(result),
    spectrum: spectrum("spectrum.svg", spectrumChart(runSpectrum, endpointSpectra)),
    statusCodes: bar("status_codes.svg", statusCodesChart(result.summary)),
    errorKinds: bar("error_kinds.svg", errorKindsChart(result.summary)),
    phases: bar("phases.svg", phasesChart(result.summary)),
    generator: hasGeneratorSamples(result) ? line("generator.svg", generatorChart(result)) : undefined,
    generatorMemory: maybeLine("generator_memory.svg", generatorMemoryChart(result)),
    endpoints,
  };
}

/** Every chart present: page order, except the endpoints' spectra come last. */
export function allCharts(charts: RunCharts): ChartSpec[] {
  const { throughput, latency, errors, spectrum, statusCodes, errorKinds, phases, generator } = charts;
  return [
    throughput,
    latency,
    errors,
    charts.stressSteps,
    charts.stressRecovery,
    charts.drift,
    charts.periods,
    ...charts.monitors.flatMap((m) => m.charts),
    spectrum,
    statusCodes,
    errorKinds,
    phases,
    generator,
    charts.generatorMemory,
    ...charts.endpoints,
  ]
    .filter((c): c is ChartSpec => c !== undefined);
}
