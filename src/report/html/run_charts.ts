/**
 * Every chart of a run report, decided once: which charts the result has data for, their options, and
 * the file each becomes under `plots/`. The page and the standalone SVGs both draw from this, so they
 * always show the same charts, and each histogram is decoded only once.
 */
import type { RunResult } from "../../model/result.ts";
import type { MonitorChartSet, RunChartSet } from "../../model/report_view.ts";
import type { BarChartOptions } from "../chart/bar_chart.ts";
import type { LineChartOptions } from "../chart/line_chart.ts";
import type { LoadChartOptions } from "../chart/load_chart.ts";
import type { SpectrumChartOptions } from "../chart/spectrum_chart.ts";
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
import { generatorMemoryChart, monitorViews } from "./resource_charts.ts";
import { recoveryChart, searchPathChart, stressStepsChart } from "./stress_charts.ts";
import {
  errorsChart,
  generatorChart,
  hasGeneratorSamples,
  latencyChart,
  throughputChart,
} from "./time_charts.ts";

/** One chart: what it shows, as which kind of chart, and its file name under `plots/`. */
export type ChartSpec =
  | { kind: "line"; file: string; props: LineChartOptions }
  | { kind: "spectrum"; file: string; props: SpectrumChartOptions }
  | { kind: "bar"; file: string; props: BarChartOptions }
  | { kind: "load"; file: string; props: LoadChartOptions };

type MonitorCharts = MonitorChartSet<ChartSpec>;

export type RunCharts = RunChartSet<ChartSpec>;

const line = (file: string, props: LineChartOptions): ChartSpec => ({ kind: "line", file, props });
const maybeLine = (file: string, props: LineChartOptions | undefined): ChartSpec | undefined =>
  props && line(file, props);
const bar = (file: string, props: BarChartOptions | undefined): ChartSpec | undefined =>
  props && { kind: "bar", file, props };
const load = (file: string, props: LoadChartOptions | undefined): ChartSpec | undefined =>
  props && { kind: "load", file, props };
const spectrum = (file: string, props: SpectrumChartOptions | undefined): ChartSpec | undefined =>
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
    stressSearch: maybeLine("stress_search.svg", searchPathChart(result)),
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
    charts.stressSearch,
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
