/**
 * The trend across runs as data, shared by `src/report/trend.ts` (which builds it) and the trend page
 * (which only draws it): per scenario, each run's figures at its start time, how the latest run moved.
 */
import type { DrawnScenarioCharts } from "./report_view.ts";
import type { RunResult } from "./result.ts";

export interface TrendRun {
  id: string;
  started_at: string;
  /** Start in epoch seconds: the trend charts' x. */
  t: number;
  status: RunResult["run"]["status"];
  test_type: string;
  duration_s: number;
  requests: number;
  rps: number;
  p95_ms: number;
  p99_ms: number;
  error_rate: number;
  thresholds: number;
  failed_thresholds: number;
  /** The run's report.html, relative to the trend page; absent when it has none. */
  href?: string;
}

export interface ScenarioTrend {
  scenario: string;
  /** Oldest first. */
  runs: TrendRun[];
}

export interface LatestChange {
  /** Relative changes of the latest run against the one before it (0.1 = +10%; 0 when both are 0; undefined from 0 to more). */
  p95?: number;
  rps?: number;
  /** Error rate change in percentage points (the rate is often 0, so relative change says little). */
  error_rate_points: number;
}

/** One scenario on the trend page: its runs, its charts drawn, and how the latest run moved. */
export interface TrendScenarioView {
  trend: ScenarioTrend;
  charts: DrawnScenarioCharts;
  /** Undefined with fewer than two runs. */
  latest?: LatestChange;
}
