/**
 * How a step of the capacity search is judged (issue 15), pure. Besides the scenario's thresholds (or
 * the default criteria), a step fails when the target did not answer at the offered rate, or when its
 * latency rose through the step by more than noise explains: a queue that builds is an overload before
 * any p95 limit is reached. A step that cannot be judged, or that the generator could not drive, says so.
 */
import type { ThresholdResult } from "../model/result.ts";
import type { FailedCheck } from "../model/thresholds.ts";
import type { SearchVerdict } from "../model/search.ts";
import { round } from "../model/numbers.ts";
import { fitLine } from "./least_squares.ts";
import { MIN_STEP_REQUESTS } from "./stress.ts";

/** Below this share of the offered rate answered, the target (or perf) did not keep up. */
export const MIN_ACHIEVED_SHARE = 0.95;
/** A slope this many standard errors above zero is not noise ... */
export const RISE_T_STAT = 3;
/** ... and counts when the p95 rose over the step by more than this share of its mean (or 2 ms). */
export const RISE_SHARE = 0.2;
const RISE_FLOOR_MS = 2;

export interface SearchStepFigures {
  offered_rate: number;
  /** Answers per second over the settled part of the step. */
  achieved_rps: number;
  requests: number;
  /** Each second's p95 in the settled part of the step, in time order. */
  p95_per_second: readonly { t: number; p95_ms: number }[];
  /** The scenario's thresholds (or default criteria) on the step's figures. */
  checks: readonly ThresholdResult[];
  /** The run ended before the step did (a signal, a live abort, used-up data). */
  cut_short: boolean;
  /** Why perf itself could not drive the step (no free user, CPU at its limit), when it could not. */
  generator_limit?: string;
}

export interface SearchStepJudgement {
  verdict: SearchVerdict;
  /** Why it failed, was not judged or hit the generator's limit; empty when it held. */
  reasons: string[];
  /** The checks it failed, with their values and limits (empty unless it failed). */
  failed: FailedCheck[];
}

/** The p95's rise through the step, when it is beyond noise; undefined otherwise. */
export function latencyRise(points: SearchStepFigures["p95_per_second"]): string | undefined {
  const fit = fitLine(points.map((p) => ({ x: p.t, y: p.p95_ms })));
  if (!fit || fit.n < 5 || !(fit.slope > 0)) return undefined;
  const tStat = fit.slope_se === 0 ? Infinity : fit.slope / fit.slope_se;
  const rise = fit.slope * (fit.x_max - fit.x_min);
  if (tStat < RISE_T_STAT || rise <= Math.max(RISE_SHARE * fit.y_mean, RISE_FLOOR_MS)) return undefined;
  return `p95 rose ${round(rise, 1)} ms through the step (${round(fit.slope, 2)} ms/s, ` +
    `${Number.isFinite(tStat) ? round(tStat, 1) : "∞"} standard errors): a queue was building`;
}

/** The p95's rise through the step as a failed check, when it is beyond noise. */
function riseCheck(points: SearchStepFigures["p95_per_second"]): FailedCheck | undefined {
  const fit = fitLine(points.map((p) => ({ x: p.t, y: p.p95_ms })));
  const reason = latencyRise(points);
  if (!fit || !reason) return undefined;
  const limit = round(Math.max(RISE_SHARE * fit.y_mean, RISE_FLOOR_MS), 1);
  const value = round(fit.slope * (fit.x_max - fit.x_min), 1);
  return {
    name: "p95 trend",
    key: "response_time_p95",
    unit: "ms",
    threshold: `rise <= ${limit} ms`,
    value,
    limit,
  };
}

export function judgeSearchStep(step: SearchStepFigures): SearchStepJudgement {
  if (step.cut_short) {
    return { verdict: "not_judged", reasons: ["the run ended before the step did"], failed: [] };
  }
  if (step.generator_limit) {
    return { verdict: "generator_limit", reasons: [step.generator_limit], failed: [] };
  }
  if (step.requests < MIN_STEP_REQUESTS) {
    return { verdict: "not_judged", reasons: [`too few answers to judge (${step.requests})`], failed: [] };
  }
  const failed: FailedCheck[] = [];
  const reasons: string[] = [];
  const floor = MIN_ACHIEVED_SHARE * step.offered_rate;
  if (step.achieved_rps < floor) {
    reasons.push(
      `answered ${round(step.achieved_rps, 1)} req/s of ${round(step.offered_rate, 1)}/s offered ` +
        `(under ${MIN_ACHIEVED_SHARE * 100}%)`,
    );
    failed.push({
      name: "achieved rate",
      key: "throughput",
      unit: "req/s",
      threshold: `>= ${MIN_ACHIEVED_SHARE * 100}% of ${round(step.offered_rate, 1)}/s`,
      value: round(step.achieved_rps, 1),
      limit: round(floor, 1),
    });
  }
  const rise = riseCheck(step.p95_per_second);
  if (rise) {
    reasons.push(latencyRise(step.p95_per_second)!);
    failed.push(rise);
  }
  for (const check of step.checks.filter((c) => !c.ok)) {
    reasons.push(`${check.name} ${check.threshold}`);
    const { name, key, unit, threshold, value, limit } = check;
    failed.push({ name, key, unit, threshold, value, limit });
  }
  return { verdict: reasons.length > 0 ? "failed" : "held", reasons, failed };
}
