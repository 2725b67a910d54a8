/**
 * Resource charts as chart options: each monitor's series over the run, one chart per unit (CPU %,
 * memory MB, ms) and one per count (threads, open files), with the endurance analysis' fitted drift
 * dashed beside each series it fitted; a monitor that never produced a sample gets its error instead.
 * And perf's own memory (timeline rss_mb).
 */
import type { EnduranceAnalysis } from "../../model/analysis.ts";
import type { ValueKind } from "../chart/format.ts";
import type { SeriesInput } from "../chart/xy_chart.ts";
import { timelineSeries } from "../chart/timeline_series.ts";
import type { MonitorError, MonitorSeries, MonitorUnit } from "../../model/monitor.ts";
import type { MonitorPoint } from "../../model/monitor.ts";
import type { Point } from "../chart/paths.ts";
import type { RunResult } from "../../model/result.ts";
import type { LineChartOptions } from "../chart/line_chart.ts";
import { driftOf, fittedLine } from "./endurance_charts.ts";
import { timeChartCommon } from "./time_charts.ts";

/** One monitor on the page: its charts, or (when it never answered) only its error. */
export interface MonitorView {
  monitor: string;
  source: MonitorSeries["source"] | undefined;
  charts: LineChartOptions[];
  error?: MonitorError;
}

const UNIT_KIND: Readonly<Record<MonitorUnit, ValueKind>> = {
  "%": "percent",
  "ms": "ms",
  "MB": "count",
  "count": "count",
  "": "count",
};

/** Words for a chart's unit in ids and titles. */
const UNIT_WORD: Readonly<Record<MonitorUnit, string>> = {
  "%": "cpu",
  "ms": "time",
  "MB": "memory",
  "count": "count",
  "": "value",
};

/**
 * A monitor's samples as points, with a gap where samples are missing for more than three times the
 * usual spacing (a target that went away, an exporter that was down): the line does not bridge them.
 */
export function monitorPoints(points: readonly MonitorPoint[]): Point[] {
  const gaps = points.slice(1).map((p, i) => p.t - points[i]!.t).sort((a, b) => a - b);
  const usual = gaps[Math.floor((gaps.length - 1) / 2)] ?? Infinity;
  return points.flatMap((p, i): Point[] => {
    const previous = points[i - 1];
    const hole = previous !== undefined && p.t - previous.t > 3 * usual;
    const point = { x: p.t, y: p.value };
    return hole ? [{ x: (previous.t + p.t) / 2, y: undefined }, point] : [point];
  });
}

/** The series, then a dashed fitted drift in its colour (over the analysed window) when it has one. */
function seriesWithDrift(
  series: readonly MonitorSeries[],
  endurance: EnduranceAnalysis | undefined,
): SeriesInput[] {
  return series.flatMap((s, colour): SeriesInput[] => {
    const points = monitorPoints(s.points);
    const drift = driftOf(endurance, `${s.monitor}.${s.name}`);
    const analysed = endurance ? s.points.filter((p) => p.t >= endurance.window.start_s - 1e-6) : [];
    const line = drift && drift.unit === s.unit && analysed.length > 1
      ? fittedLine(drift, analysed[0]!.t, analysed[analysed.length - 1]!.t)
      : undefined;
    const fitted = line
      ? [{ name: `${s.name} fitted`, points: line, dashed: true, colour, legend: false }]
      : [];
    return [{ name: s.name, points, colour }, ...fitted];
  });
}

/** Two charts side by side when a monitor has several: sized to be drawn about 1:1 in a column. */
const HALF_CHART = { width: 560, height: 240 };

/** Counts (threads, open files, pool connections) are different things on different scales. */
const unitless = (unit: MonitorUnit) => unit === "" || unit === "count";

/** The chart a series goes on: one per unit (CPU %, memory MB, times), one per series for counts. */
const chartKey = (s: MonitorSeries) => (unitless(s.unit) ? `${s.unit}:${s.name}` : s.unit);

function unitChart(
  result: RunResult,
  monitor: string,
  series: MonitorSeries[],
  size: { width: number; height: number } | undefined,
): LineChartOptions {
  const unit = series[0]!.unit;
  const names = series.map((s) => s.name).join(", ");
  return {
    ...timeChartCommon(result),
    ...size,
    id: `monitor-${monitor}-${unitless(unit) ? names : UNIT_WORD[unit]}`,
    title: `${monitor}: ${names}${unitless(unit) ? "" : ` (${unit})`}`,
    series: seriesWithDrift(series, result.endurance),
    yKind: UNIT_KIND[unit],
    yLabel: unitless(unit) ? undefined : unit,
  };
}

/** Every monitor in the order it first appears (series first, then monitors that only failed). */
export function monitorViews(result: RunResult): MonitorView[] {
  const monitors = result.monitors;
  if (!monitors) return [];
  const byMonitor = Map.groupBy(monitors.series, (s) => s.monitor);
  const errors = new Map(monitors.errors.map((e) => [e.monitor, e]));
  const views: MonitorView[] = [...byMonitor].map(([monitor, series]) => {
    const groups = [...Map.groupBy(series, chartKey).values()];
    const size = groups.length > 1 ? HALF_CHART : undefined;
    return {
      monitor,
      source: series[0]!.source,
      charts: groups.map((group) => unitChart(result, monitor, group, size)),
      error: errors.get(monitor),
    };
  });
  const failedOnly = monitors.errors.filter((e) => !byMonitor.has(e.monitor));
  return [
    ...views,
    ...failedOnly.map((error) => ({ monitor: error.monitor, source: undefined, charts: [], error })),
  ];
}

/** perf's own resident memory per interval; undefined for results without it. */
export function generatorMemoryChart(result: RunResult): LineChartOptions | undefined {
  if (!result.timeline.some((p) => p.rss_mb !== undefined)) return undefined;
  return {
    ...timeChartCommon(result),
    id: "generator-memory",
    title: "Load generator: resident memory (RSS)",
    series: [{ name: "perf RSS (highest per interval)", points: timelineSeries(result.timeline, "rss_mb") }],
    yKind: "count",
    yLabel: "MB",
    legend: true,
  };
}
