/**
 * The run's charts over time as chart options: throughput with users, latency percentiles, failures
 * (and dropped starts) with the error rate, and the generator's own CPU and event-loop lag. Stage
 * changes become markers on every one of them.
 */
import type { Marker } from "../chart/markers.ts";
import type { Interval } from "../chart/scales.ts";
import { errorRateSeries, timelineSeries } from "../chart/timeline_series.ts";
import type { RunResult, TimelinePoint } from "../../model/result.ts";
import type { LineChartOptions } from "../chart/line_chart.ts";

/** Full-width charts: wide enough for hours of data, scaled down by the page on small screens. */
export const WIDE_CHART = { width: 960, height: 280 };

/** Stage starts as chart markers (none for the plain models). */
function stageMarkers(result: RunResult): Marker[] {
  return (result.run.stages ?? []).map((s) => ({ x: s.t_s, label: s.label }));
}

/** The time axis spans the whole run, even when the last interval closed a little early. */
function timeDomain(result: RunResult): Interval {
  const last = result.timeline[result.timeline.length - 1]?.t ?? 0;
  return [0, Math.max(1, result.run.duration_s, last)];
}

/** Size, stage markers and the run's whole time span: what every chart over the run's time shares. */
export function timeChartCommon(result: RunResult) {
  return { ...WIDE_CHART, markers: stageMarkers(result), xDomain: timeDomain(result) };
}

export function throughputChart(result: RunResult): LineChartOptions {
  const timeline = result.timeline;
  return {
    ...timeChartCommon(result),
    id: "throughput",
    title: "Throughput and users over time",
    series: [
      { name: "requests/s", points: timelineSeries(timeline, "rps") },
      // Users are counted at each point's t (0 at the last one, once every user stopped): the level
      // holds from one count to the next, so it drops at the end of the run, not an interval before.
      { name: "users", points: timelineSeries(timeline, "users"), axis: "right", step: "after" },
    ],
    yKind: "count",
    yLabel: "req/s",
    right: { kind: "count", label: "users" },
    area: true,
  };
}

export function latencyChart(result: RunResult): LineChartOptions {
  const timeline = result.timeline;
  return {
    ...timeChartCommon(result),
    id: "latency",
    title: "Latency over time (p50, p95, p99 per interval)",
    series: [
      { name: "p50", points: timelineSeries(timeline, "p50_ms") },
      { name: "p95", points: timelineSeries(timeline, "p95_ms") },
      { name: "p99", points: timelineSeries(timeline, "p99_ms") },
    ],
  };
}

/** Counts per second, so coarsened intervals (43 s in a 24 h run) read on the same scale as short ones. */
function perSecond(timeline: readonly TimelinePoint[]): TimelinePoint[] {
  return timeline.map((p) => ({
    ...p,
    failures: p.failures / p.interval_s,
    ...(p.dropped === undefined ? {} : { dropped: p.dropped / p.interval_s }),
  }));
}

export function errorsChart(result: RunResult): LineChartOptions {
  const rates = perSecond(result.timeline);
  const open = result.run.model === "open";
  return {
    ...timeChartCommon(result),
    id: "errors",
    title: open ? "Failures and dropped iterations over time" : "Failures over time",
    series: [
      { name: "failures/s", points: timelineSeries(rates, "failures") },
      ...(open ? [{ name: "dropped/s", points: timelineSeries(rates, "dropped") }] : []),
      { name: "error rate", points: errorRateSeries(result.timeline), axis: "right" as const },
    ],
    yKind: "count",
    yLabel: "per s",
    right: { kind: "percent", label: "error rate" },
    area: true,
  };
}

/** True when the timeline carries the generator's own samples (results before they existed do not). */
export function hasGeneratorSamples(result: RunResult): boolean {
  return result.timeline.some((p) => p.cpu_pct !== undefined || p.loop_lag_ms !== undefined);
}

export function generatorChart(result: RunResult): LineChartOptions {
  const timeline = result.timeline;
  return {
    ...timeChartCommon(result),
    id: "generator",
    title: "Load generator: CPU and event-loop lag",
    series: [
      { name: "CPU (100% = one core)", points: timelineSeries(timeline, "cpu_pct") },
      ...(timeline.some((p) => p.worker_busy_pct !== undefined)
        ? [{
          name: "busiest worker thread (busy: running or waiting for a core)",
          points: timelineSeries(timeline, "worker_busy_pct"),
        }]
        : []),
      { name: "event-loop lag", points: timelineSeries(timeline, "loop_lag_ms"), axis: "right" },
    ],
    yKind: "percent",
    yLabel: "CPU",
    right: { kind: "ms", label: "lag ms" },
    legend: true,
  };
}
