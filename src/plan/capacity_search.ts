/**
 * The capacity search of a stress test (issue 15), pure: from the steps run so far to the next offered
 * rate, or to the end of the search and why. It probes upwards by `factor` until a step fails, then
 * bisects (in log space, so each step halves the ratio between the bracket's ends) between the highest
 * rate that held and the lowest that failed, until they are within `precision` of each other.
 *
 * The runner runs the steps and a judge (thresholds, achieved rate, latency trend) gives each its
 * verdict; this module only decides what comes next, so it is tested against simulated servers without
 * sending a request.
 */
import type { SearchBracket, SearchStopReason, SearchVerdict } from "../model/search.ts";

export interface SearchSettings {
  /** Offered rate of the first step, arrivals per second. */
  start_rate: number;
  /** Each probe step multiplies the rate by this, until a step fails. */
  factor: number;
  /** The search ends when (lowest failing − highest holding) / highest holding is at most this. */
  precision: number;
  /** The search (all its steps) never runs longer than this; it ends with the best bracket found. */
  max_duration_s: number;
  /** Answers a step needs for its p95 to mean something: its length is `min_samples / rate` ... */
  min_samples: number;
  /** ... within these bounds, seconds (a short step cannot show a queue building). */
  min_step_s: number;
  max_step_s: number;
  /** Never offer more than this (the config's cap); undefined: no cap. */
  max_rate?: number;
}

/** A scenario's capacity search as planned: its settings, and what surrounds the steps. */
export interface SearchPlan {
  settings: SearchSettings;
  /** Seconds at the start of each step left out of its judgement while the rate settles. */
  settle_s?: number;
  /** How long the recovery stage after the search lasts. */
  recovery_limit_s: number;
  /** Rate of the recovery stage; default half the highest rate that held (or the first step's). */
  recovery_rate?: number;
}

/**
 * Each step's schedule runs this long past the step's end at the same rate, so the load does not stop
 * while the step is judged and the next one is sent to the workers (that second is in no step).
 */
export const SEARCH_TAIL_S = 5;

export const DEFAULT_SEARCH: SearchSettings = {
  start_rate: 10,
  factor: 2,
  precision: 0.05,
  max_duration_s: 600,
  min_samples: 400,
  min_step_s: 10,
  max_step_s: 40,
};

/** Below this rate a search that failed at every step stops going down. */
export const MIN_SEARCH_RATE = 1;

export interface SearchStep {
  rate: number;
  duration_s: number;
  verdict: SearchVerdict;
}

export type SearchDecision =
  | { kind: "step"; phase: "probe" | "refine"; rate: number; duration_s: number }
  | { kind: "done"; reason: SearchStopReason; bracket: SearchBracket };

/**
 * The bracket the steps so far give: the lowest failing rate is its upper end, and only rates that held
 * below it count (one that held above a failure was luck, not capacity).
 */
export function searchBracket(steps: readonly SearchStep[]): SearchBracket {
  const failed = steps.filter((s) => s.verdict === "failed").map((s) => s.rate);
  const lowestFailed = failed.length > 0 ? Math.min(...failed) : undefined;
  const held = steps
    .filter((s) => s.verdict === "held" && (lowestFailed === undefined || s.rate < lowestFailed))
    .map((s) => s.rate);
  return {
    ...(held.length > 0 ? { held: Math.max(...held) } : {}),
    ...(lowestFailed !== undefined ? { failed: lowestFailed } : {}),
  };
}

/** How long a step at `rate` runs: enough answers for its p95, within the step bounds. */
export function stepDuration(settings: SearchSettings, rate: number): number {
  const wanted = settings.min_samples / rate;
  return Math.min(settings.max_step_s, Math.max(settings.min_step_s, Math.ceil(wanted)));
}

/** Three significant digits: rates people can read (1240/s, 37.5/s), and the same decision every time. */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(3));
}

/** The next step of the search, or its end. */
export function nextSearchStep(settings: SearchSettings, steps: readonly SearchStep[]): SearchDecision {
  const last = steps.at(-1);
  const bracket = searchBracket(steps);
  const done = (reason: SearchStopReason): SearchDecision => ({ kind: "done", reason, bracket });
  if (last?.verdict === "generator_limit") return done("generator_limit");
  if (last?.verdict === "not_judged") return done("not_judged");
  const next = nextRate(settings, steps, bracket);
  if (typeof next === "string") return done(next);
  const duration_s = stepDuration(settings, next.rate);
  const elapsed = steps.reduce((sum, s) => sum + s.duration_s, 0);
  if (elapsed + duration_s > settings.max_duration_s) return done("max_duration");
  return { kind: "step", phase: next.phase, rate: next.rate, duration_s };
}

function nextRate(
  settings: SearchSettings,
  steps: readonly SearchStep[],
  { held, failed }: SearchBracket,
): { rate: number; phase: "probe" | "refine" } | SearchStopReason {
  const cap = settings.max_rate ?? Infinity;
  if (steps.length === 0) return { rate: roundRate(Math.min(settings.start_rate, cap)), phase: "probe" };
  if (failed === undefined) {
    // Nothing failed yet: probe upwards, up to the cap.
    if (held === undefined) return "not_judged";
    if (held >= cap) return "max_rate";
    return { rate: roundRate(Math.min(held * settings.factor, cap)), phase: "probe" };
  }
  if (held === undefined) {
    // Failed from the start: probe downwards until a step holds.
    const lowest = failed / settings.factor;
    return lowest < MIN_SEARCH_RATE ? "failed_at_lowest" : { rate: roundRate(lowest), phase: "probe" };
  }
  if ((failed - held) / held <= settings.precision) return "converged";
  const mid = roundRate(Math.sqrt(held * failed));
  // Rounding can land on an end of the bracket when it is already narrow: that is as precise as rates go.
  return mid <= held || mid >= failed ? "converged" : { rate: mid, phase: "refine" };
}
