/**
 * An endurance run's charts as chart options: p95 over the whole run with its fitted drift line over
 * the analysed window, and p95 and error rate per period. Fitted lines are drawn from the analysis'
 * own start and end levels, at the first and last point it fitted.
 */
import type { EnduranceAnalysis } from "../../model/analysis.ts";
import type { DriftResult } from "../../model/analysis.ts";
import type { Point } from "../chart/paths.ts";
import type { SeriesInput } from "../chart/xy_chart.ts";
import { timelineSeries } from "../chart/timeline_series.ts";
import type { RunResult, TimelinePoint } from "../../model/result.ts";
import type { LineChartOptions } from "../chart/line_chart.ts";
import { driftSlope, signed } from "./endurance_view.ts";
import { timeChartCommon } from "./time_charts.ts";

/** Palette indices of a fitted line: red when it fails the tolerance, purple when it does not. */
const FAILING_COLOUR = 3;
const HOLDING_COLOUR = 4;
const EPS = 1e-6;
/** The drift chart's axis ends at this many times the higher fitted level. */
export const DRIFT_AXIS_LEVELS = 3;

/** The drift of `series`, when the analysis has one with both levels. */
export function driftOf(endurance: EnduranceAnalysis | undefined, series: string): DriftResult | undefined {
  const d = endurance?.drift.find((x) => x.series === series);
  return d && Number.isFinite(d.start) && Number.isFinite(d.end) && d.n >= 2 ? d : undefined;
}

/** The fitted line from `x0` to `x1`; none when the span is empty. */
export function fittedLine(d: DriftResult, x0: number, x1: number): Point[] | undefined {
  return x1 > x0 ? [{ x: x0, y: d.start }, { x: x1, y: d.end }] : undefined;
}

/** "fitted: +0.58 ms/h (+3.1%/h)". */
function fittedName(d: DriftResult): string {
  const pct = d.slope_pct_per_hour === undefined ? "" : ` (${signed(d.slope_pct_per_hour)}%/h)`;
  return `fitted: ${driftSlope(d)}${pct}`;
}

/**
 * Where the fitted p95 line starts and ends: the first and last timeline point the analysis kept (those
 * inside its window). The fit's x is each interval's middle; the chart draws each interval at its end,
 * so the line is drawn at the ends too, to lie over the data it fits.
 */
function analysedSpan(timeline: readonly TimelinePoint[], window: EnduranceAnalysis["window"]) {
  const kept = timeline.filter((p) =>
    p.t - p.interval_s >= window.start_s - EPS && p.t <= window.end_s + EPS
  );
  const first = kept[0];
  const last = kept[kept.length - 1];
  return first && last ? [first.t, last.t] as const : undefined;
}

function fittedSeries(
  d: DriftResult | undefined,
  span: readonly [number, number] | undefined,
): SeriesInput[] {
  const points = d && span && fittedLine(d, span[0], span[1]);
  if (!d || !points) return [];
  return [{ name: fittedName(d), points, dashed: true, colour: d.fails ? FAILING_COLOUR : HOLDING_COLOUR }];
}

/** p95 per interval over the run, the fitted drift over the analysed window; a marker where it starts. */
export function driftChart(result: RunResult): LineChartOptions | undefined {
  const endurance = result.endurance;
  if (!endurance) return undefined;
  const common = timeChartCommon(result);
  const start = endurance.window.start_s;
  const drift = driftOf(endurance, "p95_ms");
  const warmup = start > 0 ? [{ x: start, label: "analysis starts (after warm-up)" }] : [];
  return {
    ...common,
    id: "endurance-drift",
    title: "p95 over time with its fitted drift",
    series: [
      { name: "p95", points: timelineSeries(result.timeline, "p95_ms") },
      ...fittedSeries(drift, analysedSpan(result.timeline, endurance.window)),
    ],
    // An incident's spike would flatten a drift of a few ms: the axis stops at a few times the fitted level.
    yMax: drift && Math.max(drift.start, drift.end) > 0
      ? DRIFT_AXIS_LEVELS * Math.max(drift.start, drift.end)
      : undefined,
    markers: [...common.markers, ...warmup],
    legend: true,
  };
}

/** A level per period as a step line: it holds from the period's start to its end. */
function perPeriod(
  endurance: EnduranceAnalysis,
  y: (p: EnduranceAnalysis["periods"][number]) => number | undefined,
) {
  const periods = endurance.periods;
  const first = periods[0];
  if (!first) return [];
  return [{ x: first.start_s, y: y(first) }, ...periods.map((p) => ({ x: p.end_s, y: y(p) }))];
}

/** p95 (left) and error rate (right) per period; undefined with fewer than two periods. */
export function periodsChart(result: RunResult): LineChartOptions | undefined {
  const endurance = result.endurance;
  if (!endurance || endurance.periods.length < 2) return undefined;
  return {
    ...timeChartCommon(result),
    id: "endurance-periods",
    title: "p95 and error rate per period",
    series: [
      { name: "p95 (requests-weighted)", points: perPeriod(endurance, (p) => p.p95_ms), step: "before" },
      {
        name: "error rate",
        points: perPeriod(endurance, (p) => p.error_rate * 100),
        step: "before",
        axis: "right",
        colour: FAILING_COLOUR,
      },
    ],
    right: { kind: "percent", label: "error rate" },
  };
}
