/**
 * A stress run's charts as chart options: req/s and p95 per step against the offered load (the
 * breaking point shaded), and the recovery: p95 from the peak step to the end, with the baseline band
 * the target had to come back within and a marker where it did.
 */
import type { StressAnalysis, StressStepSummary } from "../../model/analysis.ts";
import { formatLoad } from "../../model/stress_plan.ts";
import type { Marker } from "../chart/markers.ts";
import type { Point } from "../chart/paths.ts";
import { errorRateSeries, timelineSeries } from "../chart/timeline_series.ts";
import { formatMs } from "../../format/format.ts";
import type { RunResult } from "../../model/result.ts";
import type { LineChartOptions } from "../chart/line_chart.ts";
import type { LoadChartOptions } from "../chart/load_chart.ts";
import { WIDE_CHART } from "./time_charts.ts";

/** Palette indices: the offered rate in teal, the baseline band in green, errors in red. */
const OFFERED_COLOUR = 5;
const BAND_COLOUR = 2;
const ERROR_COLOUR = 3;
/** The recovery chart's p95 axis ends at this many times the band's p95 limit. */
export const RECOVERY_AXIS_BANDS = 5;

/** One point per step at its load, in load order (a search runs its steps out of order). */
const perStep = (steps: readonly StressStepSummary[], y: (s: StressStepSummary) => number | undefined) =>
  [...steps].sort((a, b) => a.target - b.target).map((s): Point => ({ x: s.target, y: y(s) }));

/** req/s (left) and p95 (right) per step, x = the step's target; undefined without steps. */
export function stressStepsChart(stress: StressAnalysis | undefined): LoadChartOptions | undefined {
  const steps = stress?.steps ?? [];
  if (!stress || steps.length === 0) return undefined;
  const rate = steps[0]!.unit === "rate";
  const broken = stress.breaking_point;
  return {
    ...WIDE_CHART,
    id: "stress-steps",
    title: `Req/s and p95 per stress step (x: ${rate ? "offered rate" : "users"})`,
    // The offered rate first, so the measured lines are drawn over it where they coincide.
    series: [
      ...(rate
        ? [{
          name: "offered rate",
          points: perStep(steps, (s) => s.target),
          dashed: true,
          colour: OFFERED_COLOUR,
        }]
        : []),
      { name: "req/s answered", points: perStep(steps, (s) => s.rps), colour: 0 },
      { name: "p95", points: perStep(steps, (s) => s.p95_ms), axis: "right", colour: 1 },
    ],
    left: { kind: "count", label: "req/s" },
    right: { kind: "ms", label: "p95 ms" },
    xSuffix: rate ? "/s" : "",
    failed: steps.filter((s) => !s.ok).map((s) => s.target),
    failedFrom: broken?.target,
    zoneLabel: broken && `breaking point: ${formatLoad(broken.target, broken.unit)}`,
  };
}

/** The peak: the last step, or the failing rate a search ran again before its recovery. */
function peakWindow(stress: StressAnalysis): { start_s: number; end_s: number } | undefined {
  return stress.search?.recovery?.peak ?? stress.steps[stress.steps.length - 1];
}

/** Where the peak ends and recovery starts; undefined without steps. */
export function peakEnd(stress: StressAnalysis): number | undefined {
  return peakWindow(stress)?.end_s;
}

/**
 * A capacity search over time: the offered rate step by step (the drains between them included), the
 * req/s answered, and each step's verdict at its start. Undefined for fixed steps.
 */
export function searchPathChart(result: RunResult): LineChartOptions | undefined {
  const search = result.stress?.search;
  if (!search || search.path.length === 0) return undefined;
  // Each step's rate over the step, with a gap after it: what ran between steps (a drain) is in no step.
  const offered: Point[] = [];
  const hold = (rate: number, from: number, to: number): number =>
    offered.push({ x: from, y: rate }, { x: to, y: rate }, { x: to, y: undefined });
  for (const s of search.path) hold(s.rate, s.start_s, s.end_s);
  const r = search.recovery;
  if (r?.peak) hold(r.peak.rate, r.peak.start_s, r.peak.end_s);
  if (r) hold(r.rate, r.start_s, r.end_s);
  const mark = { held: "✓", failed: "✗", generator_limit: "perf limit", not_judged: "not judged" } as const;
  return {
    ...WIDE_CHART,
    id: "stress-search",
    title: "Capacity search: offered rate and req/s answered over time",
    series: [
      { name: "offered rate (steps)", points: offered, dashed: true, colour: OFFERED_COLOUR },
      { name: "req/s answered", points: timelineSeries(result.timeline, "rps"), colour: 0 },
    ],
    yKind: "count",
    yLabel: "req/s",
    legend: true,
    markers: search.path.map((s) => ({ x: s.start_s, label: `${mark[s.verdict]} ${s.rate}/s` })),
  };
}

function recoveryMarkers(stress: StressAnalysis, end: number): Marker[] {
  const start = peakEnd(stress)!;
  const r = stress.recovery;
  const unit = stress.steps[0]!.unit;
  const back: Marker = { x: start, label: `peak ends, load back to ${formatLoad(r.baseline.target, unit)}` };
  if (r.recovered && r.recovery_s !== undefined) {
    const recovered = { x: start + r.recovery_s, label: `recovered after ${r.recovery_s} s` };
    return r.recovery_s > 0 ? [back, recovered] : [{ ...recovered, label: "recovered at once" }];
  }
  const limit = start + r.limit_s;
  return limit <= end ? [back, { x: limit, label: `recovery limit (${r.limit_s} s)` }] : [back];
}

/**
 * p95 from the start of the peak step to the end of the run, the band's p95 limit as a dashed line,
 * error rate on the right when anything failed. Undefined when the run never reached the recovery.
 */
export function recoveryChart(result: RunResult): LineChartOptions | undefined {
  const stress = result.stress;
  const peak = stress && peakWindow(stress);
  if (!stress || !peak) return undefined;
  const window = result.timeline.filter((p) => p.t > peak.start_s);
  const last = window[window.length - 1];
  if (!last || last.t <= peak.end_s) return undefined;
  const band = stress.recovery.baseline.band.p95_max_ms;
  const failures = window.some((p) => p.failures > 0);
  return {
    ...WIDE_CHART,
    id: "stress-recovery",
    title: "Recovery after the peak: p95 per interval against the baseline band",
    series: [
      // Steps: each interval's p95 holds over the interval, so "recovered" lines up with its start.
      { name: "p95", points: timelineSeries(window, "p95_ms"), step: "before" },
      ...(Number.isFinite(band)
        ? [{
          name: `baseline band: p95 ≤ ${formatMs(band)} ms`,
          points: [{ x: peak.end_s, y: band }, { x: last.t, y: band }],
          dashed: true,
          colour: BAND_COLOUR,
        }]
        : []),
      ...(failures
        ? [{
          name: "error rate",
          points: errorRateSeries(window),
          axis: "right" as const,
          colour: ERROR_COLOUR,
        }]
        : []),
    ],
    right: failures ? { kind: "percent", label: "error rate" } : undefined,
    // A peak p95 of seconds would flatten a band of a few ms onto the axis: the axis stops at a few
    // times the band, so the return into it is what the eye sees.
    yMax: Number.isFinite(band) ? RECOVERY_AXIS_BANDS * band : undefined,
    legend: true,
    markers: recoveryMarkers(stress, last.t),
    xDomain: [Math.floor(peak.start_s), last.t],
  };
}
