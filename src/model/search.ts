/** The capacity search's shapes (issue 15): verdicts, stop reasons, the bracket, the path it took. */
import type { FailedCheck } from "./thresholds.ts";

/**
 * How a step ended: it held, it failed (the target could not sustain it), the generator could not drive
 * it (perf's limit, not the target's), or it was not judged (cut short by a signal or a live abort).
 */
export const SEARCH_VERDICTS = ["held", "failed", "generator_limit", "not_judged"] as const;
export type SearchVerdict = typeof SEARCH_VERDICTS[number];

/**
 * What ended a search: the bracket is within `precision` (`converged`); the next step would pass
 * `max_duration`; the generator could not drive a step (`generator_limit`: the limit found is perf's);
 * every step up to `max_rate` held; even the lowest rate failed (`failed_at_lowest`); a step was not
 * judged (`not_judged`: a signal or a live abort ended the run during it).
 */
export const SEARCH_STOP_REASONS = [
  "converged",
  "max_duration",
  "generator_limit",
  "max_rate",
  "failed_at_lowest",
  "not_judged",
] as const;
export type SearchStopReason = typeof SEARCH_STOP_REASONS[number];

/** The highest offered rate that held and the lowest that failed above it, as far as the steps tell. */
export interface SearchBracket {
  held?: number;
  failed?: number;
}

/** One step of a capacity search as it ran, for `stress.search.path`. */
export interface SearchPathStep {
  index: number;
  /** Offered arrivals per second. */
  rate: number;
  start_s: number;
  end_s: number;
  requests: number;
  /** Answers per second over the settled part. */
  achieved_rps: number;
  p95_ms?: number;
  /** Seconds of the step that ended with every user of the pool (`max_users`) busy; when any did. */
  pool_full_s?: number;
  verdict: SearchVerdict;
  /** Why it failed, was not judged or hit perf's own limit; empty when it held. */
  reasons: string[];
  /** The checks it failed, with their values and limits. */
  failed: FailedCheck[];
}

/** What a capacity search did: its steps in the order run, the bracket, what ended it, the recovery. */
export interface SearchRecord {
  path: SearchPathStep[];
  bracket: SearchBracket;
  /** Absent only while the search is still running. */
  stopped_by?: SearchStopReason;
  /**
   * The recovery stage: `rate` from `start_s` to `end_s`, timed from the end of the `peak` (the lowest
   * failing rate run once more after the search; absent when nothing failed).
   */
  recovery?: {
    rate: number;
    start_s: number;
    end_s: number;
    peak?: { rate: number; start_s: number; end_s: number };
  };
}
