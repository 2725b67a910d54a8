/**
 * The shapes of the test-type analyses a result carries (stress steps and recovery, endurance drift).
 * The analyses themselves live in src/analysis/; these are the contract their readers rely on.
 */
import type { FailedCheck } from "./thresholds.ts";
import type { SearchRecord } from "./search.ts";
import type { StressUnit } from "./stress_plan.ts";

export interface Consistency {
  /** Spread of the per-minute p95s (ms); `minutes` is how many minutes had answers. */
  per_minute_p95: { min: number; p50: number; p95: number; max: number; minutes: number };
  /** Standard deviation / mean of the per-minute p95s. */
  cv: number;
  /** `consistent` cv ≤ 0.2, `variable` ≤ 0.5, `erratic` above; `no data` without answers. */
  verdict: "consistent" | "variable" | "erratic" | "no data";
}

export interface EndurancePeriod {
  start_s: number;
  end_s: number;
  requests: number;
  failures: number;
  error_rate: number;
  /** Requests-weighted mean of the intervals' p95 (an approximation); absent without answers. */
  p95_ms?: number;
}

export interface EnduranceAnalysis {
  /** The seconds analysed (after the warm-up). */
  window: { start_s: number; end_s: number };
  tolerance_pct_per_hour: number;
  drift: DriftResult[];
  consistency: Consistency;
  periods: EndurancePeriod[];
  verdict: { ok: boolean; reasons: string[]; summary: string };
}

export interface StressStepSummary {
  index: number;
  target: number;
  unit: StressUnit;
  start_s: number;
  end_s: number;
  requests: number;
  failures: number;
  rps: number;
  error_rate: number;
  /** Absent when the step had no answers. */
  p95_ms?: number;
  /** Judged and met every check. A step that was not judged is not ok, and not a failure either. */
  ok: boolean;
  /** Why the step was not judged (cut short, too few answers); it is then neither held nor broken. */
  not_judged?: string;
  /** Names of the failed thresholds (or `default: ...` criteria). */
  failed: string[];
  /** `thresholds`: the scenario's; `default`: {@link DefaultCriteria}. */
  judged_by: "thresholds" | "default";
  resources?: Record<string, number>;
}

export interface StressAnalysis {
  steps: StressStepSummary[];
  /** rps of the highest step such that it and every step below it met every threshold. */
  max_sustainable_rps?: number;
  max_sustainable_step?: { index: number; target: number; unit: StressUnit; rps: number };
  /** The first step that failed. */
  breaking_point?: {
    index: number;
    target: number;
    unit: StressUnit;
    rps: number;
    error_rate: number;
    p95_ms?: number;
    failed: FailedCheck[];
  };
  knee?: { index: number; target: number; unit: StressUnit; rps: number; reason: string };
  /** Resource means over the highest-load step. */
  peak_resources?: Record<string, number>;
  recovery: RecoveryResult;
  /** A capacity search (`stress.search`): the path it took, its bracket and what ended it. */
  search?: SearchRecord;
  verdict: string;
}

/** Which way of drifting is a problem: latency, errors and memory rising; throughput falling. */
export type BadDirection = "rising" | "falling" | "both";

export interface DriftResult {
  series: string;
  unit: string;
  /** Change per hour, in `unit` (MB/h for memory). */
  slope_per_hour: number;
  /** Standard error of the slope (same unit; Infinity, null in JSON, without a fit); see {@link SIGNIFICANCE_SE}. */
  slope_se: number;
  /** slope / reference level × 100, the reference being the fitted start level (or `level_floor`). */
  slope_pct_per_hour?: number;
  /** Relative change over the analysed span, %. */
  change_pct?: number;
  /** Fitted levels at the first and last point analysed; NaN (null in JSON) without points. */
  start: number;
  end: number;
  r2: number;
  n: number;
  /** The tolerance this series was judged against. */
  tolerance_pct_per_hour: number;
  verdict: "stable" | "rising" | "falling";
  fails: boolean;
  /** Why no verdict could be reached, e.g. too few points. */
  note?: string;
}

export interface RecoveryResult {
  baseline: RecoveryBaseline & { band: { p95_max_ms: number; error_rate_max: number; hold_s: number } };
  recovered: boolean;
  /** Seconds from the end of the peak to the start of the first in-band stretch of `hold_s`. */
  recovery_s?: number;
  /** Length of the recovery window: recovery must start AND hold within it. */
  limit_s: number;
  explanation: string;
}

/** The figures recovery is judged against: those of the step run at the baseline load. */
export interface RecoveryBaseline {
  target: number;
  p95_ms: number;
  error_rate: number;
}
