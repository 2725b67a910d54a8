/**
 * Per-step figures of a stress run computed from the timeline alone, for when the runner has no exact
 * per-step HDR histograms. Counts (requests, failures) are exact; latency percentiles are approximations
 * (see {@link stepFiguresFromTimeline}).
 */
import type { Thresholds } from "../model/config.ts";
import type { LatencySummaryMs, StatsFigures, ThresholdResult, TimelinePoint } from "../model/result.ts";
import type { ThresholdSubject } from "../thresholds/evaluate.ts";
import {
  errorRate,
  intervalLength,
  intervalMid,
  isNum,
  mean,
  type MonitorSeries,
  weightedMean,
} from "./series.ts";
import type { StressUnit } from "../model/stress_plan.ts";

/** Which seconds of the run a step covers (a `StressStage` of kind `step` fits). */
export interface StepWindow {
  index: number;
  target: number;
  unit: StressUnit;
  start_s: number;
  end_s: number;
}

/** A step's figures; unknown latency fields are NaN. */
export interface StepFigures extends StepWindow {
  requests: number;
  failures: number;
  /** Answers per second over the measured part of the step. */
  rps: number;
  error_rate: number;
  latency_ms: LatencySummaryMs;
}

/** What `analyzeStress` needs per step: its figures, its threshold verdicts and its resource means. */
export interface StressStepInput extends StepFigures {
  /** The scenario's thresholds evaluated on this step's figures alone; empty = judge by default criteria. */
  thresholds: ThresholdResult[];
  /** Mean of each monitored series over the step (see {@link stepResources}). */
  resources?: Record<string, number>;
}

/**
 * The first seconds of a step are transitional (users still spawning, queues filling): by default the
 * first 20% of the step, at most 10 s, is left out. A settle as long as the step keeps its second half.
 */
function settleFor(window: StepWindow, settleS?: number): number {
  const duration = Math.max(0, window.end_s - window.start_s);
  const wanted = settleS ?? Math.min(10, 0.2 * duration);
  return Math.min(Math.max(0, wanted), duration / 2);
}

/** Whether an instant (an interval's middle, a sample) falls in the settled part of the step. */
function inSettled(window: Pick<StepWindow, "start_s" | "end_s">, settle: number, t: number): boolean {
  return t >= window.start_s + settle && t < window.end_s;
}

/**
 * The timeline's intervals in a step after `settle_s`, each in the step that holds its midpoint: the
 * same intervals the step's figures are made of, for whatever else is judged on the step.
 */
export function pointsInStep<P extends TimelinePoint>(
  timeline: readonly P[],
  window: Pick<StepWindow, "start_s" | "end_s">,
  settle_s = 0,
): P[] {
  return timeline.filter((p) => inSettled(window, settle_s, intervalMid(p)));
}

/**
 * Step figures from the timeline: each interval belongs to the step holding its midpoint (so intervals
 * straddling a step change go to the step they mostly cover), after the settle.
 * - requests, failures: sums (exact);
 * - rps: requests over the seconds the included intervals cover (a time-weighted mean of req/s);
 * - p50/p95/p99: the requests-weighted mean of the per-interval percentiles. An APPROXIMATION: a mean of
 *   percentiles is not the percentile of the merged histogram (it under-reads a tail concentrated in a few
 *   intervals). min, mean, p90, p99.9 and max are NaN: the timeline does not carry them, and a threshold
 *   on them evaluated through {@link stepSubject} fails rather than passes on a guess.
 */
export function stepFiguresFromTimeline(
  timeline: readonly TimelinePoint[],
  windows: readonly StepWindow[],
  opts: { settle_s?: number } = {},
): StepFigures[] {
  return windows.map((w) => {
    const points = pointsInStep(timeline, w, settleFor(w, opts.settle_s));
    const requests = points.reduce((s, p) => s + (isNum(p.requests) ? p.requests : 0), 0);
    const failures = points.reduce((s, p) => s + (isNum(p.failures) ? p.failures : 0), 0);
    const seconds = points.reduce((s, p) => s + intervalLength(p), 0);
    const pct = (key: "p50_ms" | "p95_ms" | "p99_ms") =>
      weightedMean(points.map((p) => ({ value: p[key], weight: p.requests })));
    return {
      index: w.index,
      target: w.target,
      unit: w.unit,
      start_s: w.start_s,
      end_s: w.end_s,
      requests,
      failures,
      rps: seconds > 0 ? requests / seconds : 0,
      error_rate: errorRate(requests, failures),
      latency_ms: {
        min: NaN,
        mean: NaN,
        p50: pct("p50_ms"),
        p90: NaN,
        p95: pct("p95_ms"),
        p99: pct("p99_ms"),
        p999: NaN,
        max: NaN,
      },
    };
  });
}

/** The mean of each monitored series over the settled part of each step; series with no sample there are left out. */
export function stepResources(
  monitors: readonly MonitorSeries[],
  windows: readonly StepWindow[],
  opts: { settle_s?: number } = {},
): Record<string, number>[] {
  return windows.map((w) => {
    const settle = settleFor(w, opts.settle_s);
    const out: Record<string, number> = {};
    for (const m of monitors) {
      const values = m.points.filter((p) => isNum(p.value) && inSettled(w, settle, p.t));
      if (values.length) out[m.name] = mean(values.map((p) => p.value));
    }
    return out;
  });
}

/**
 * A threshold subject over a step's figures, so the runner can call `evaluateThresholds(scenario
 * thresholds, stepSubject(f), [])`. Endpoint thresholds cannot be judged per step from the timeline (it
 * is not per endpoint). Percentiles other than 50/95/99 answer NaN, which `evaluateOne` fails.
 */
export function stepSubject(f: StepFigures): ThresholdSubject {
  const stats: StatsFigures = {
    requests: f.requests,
    failures: f.failures,
    error_rate: f.error_rate,
    rps: f.rps,
    latency_ms: f.latency_ms,
    status_codes: {},
    errors: {},
    bytes_sent: 0,
    bytes_received: 0,
  };
  const known: Record<number, number> = { 50: f.latency_ms.p50, 95: f.latency_ms.p95, 99: f.latency_ms.p99 };
  return { stats, percentileMs: (p) => known[p] ?? NaN };
}

/**
 * The thresholds a step can be judged by from the timeline: p50/p95/p99, error rate and throughput.
 * Others (avg, max, other percentiles) have no per-step figure and would fail every step.
 */
export function stepJudgeable(thresholds: Thresholds): Thresholds {
  const judgeable = (key: string) =>
    /^response_time_p(50|95|99)$/.test(key) || key === "error_rate" || key === "throughput";
  return Object.fromEntries(Object.entries(thresholds).filter(([key]) => judgeable(key)));
}
