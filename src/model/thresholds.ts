import type { ThresholdUnit } from "./threshold_key.ts";

/** Live thresholds: what the plan asks for and what the run recorded. */
export interface LiveThresholdSpec {
  key: string;
  limit: number;
  /** The sliding window; 0 means "the run so far" (every interval since the start). */
  window_s: number;
  abort_on_fail: boolean;
  /** No evaluation before this many seconds into the run (warm-up). */
  delay_s: number;
}

/** What happened to one live threshold over the run, for result.json. */
export interface LiveThresholdRecord {
  name: string;
  key: string;
  unit: ThresholdUnit;
  threshold: string;
  window_s: number;
  delay_s: number;
  abort_on_fail: boolean;
  evaluations: number;
  failed_evaluations: number;
  /** Seconds into the run of the first failed evaluation, and what it saw. */
  first_failure?: { t: number; value: number };
  /** The last evaluation (value over the window then). */
  last?: { t: number; value: number; ok: boolean };
}

/** A threshold (or default criterion) a step failed: `value` measured against `limit`. */
export interface FailedCheck {
  name: string;
  /** The threshold key (`error_rate`), without the endpoint or `default: ` prefix of `name`. */
  key: string;
  unit: ThresholdUnit;
  /** Human form of the limit: `<= 1000 ms`. */
  threshold: string;
  value: number;
  limit: number;
}
