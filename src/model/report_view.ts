/**
 * The run report's page as finished data, shared by `src/report/html/` (which judges and words it) and
 * `templates/report/` (which only draws it): the verdict, figure cards and table rows, every text
 * already formatted, and the report's set of charts (as `src/report/html/` decides them, or drawn).
 */
import type { EnduranceAnalysis, StressAnalysis } from "./analysis.ts";
import type { ChartDrawing } from "./chart_view.ts";
import type { MonitorError, MonitorSeries } from "./monitor.ts";
import type { PhaseSummaryMs, RunResult } from "./result.ts";

/** A headline figure shown as a card: "192.5 req/s · Max sustainable", tinted when it is bad news. */
export interface FigureCard {
  label: string;
  value: string;
  unit?: string;
  tone?: "bad" | "warn" | "ok";
  /** A line of detail under the label, e.g. the failed checks. */
  detail?: string;
}

export type VerdictTone = "pass" | "fail" | "interrupted" | "none";

export interface Verdict {
  tone: VerdictTone;
  /** One word: PASS, FAIL, INTERRUPTED, DONE. */
  label: string;
  headline: string;
  /** Things the reader must know before trusting the figures. */
  notes: string[];
}

export interface LiveThresholdRow {
  name: string;
  limit: string;
  /** "30s", or "whole run so far" for a window of 0. */
  window: string;
  delay: string;
  abort: boolean;
  evaluations: string;
  failed: string;
  /** "3s: 42.62%", or "—" when it never failed. */
  firstFailure: string;
  /** "42.62% at 3s", "—" when never judged; `lastOk` says whether it held then. */
  last: string;
  lastOk?: boolean;
  /** Any evaluation failed. */
  bad: boolean;
}

export interface StepRow {
  load: string;
  time: string;
  requests: string;
  rps: string;
  p95: string;
  errorRate: string;
  ok: boolean;
  /** Why the step was not judged, when it was not. */
  notJudged?: string;
  breaking: boolean;
  /** The checks it failed, with their values for the breaking point. */
  failed: string;
  /** Means of the monitored resources over the step, in `resourceNames` order ("—" when missing). */
  resources: string[];
}

/** A stress run's section: how the steps were judged, the headline cards, one row per step. */
export interface StressView {
  analysis: StressAnalysis;
  judgedBy: string;
  cards: FigureCard[];
  steps: StepRow[];
  /** The monitored resources shown as columns. */
  resourceNames: string[];
  /** The recovery chart's p95 axis ends at this many times the band's limit. */
  recoveryAxisBands: number;
}

export interface DriftRow {
  series: string;
  start: string;
  end: string;
  slope: string;
  pct: string;
  r2: string;
  n: number;
  verdict: string;
  tolerance: string;
  fails: boolean;
  note?: string;
}

export interface PeriodRow {
  span: string;
  requests: string;
  failures: string;
  errorRate: string;
  p95: string;
  /** Failures stand out: an error rate of 1% or more, or over twice the typical period's. */
  bad: boolean;
}

/** An endurance run's section: what was analysed, the drift rows, consistency cards, periods. */
export interface EnduranceView {
  analysis: EnduranceAnalysis;
  intro: string;
  drift: DriftRow[];
  consistency: FigureCard[];
  periods: PeriodRow[];
  /** Says which periods are shown when not all of them are. */
  periodsNote?: string;
  /** The drift chart's axis ends at this many times the higher fitted level. */
  driftAxisLevels: number;
}

/** A measured request phase: its name in words and its figures. */
export interface PhaseRow {
  label: string;
  figures: PhaseSummaryMs;
}

/** Everything the run report shows beside its charts. */
export interface RunReportView {
  result: RunResult;
  verdict: Verdict;
  liveThresholds: LiveThresholdRow[];
  stress?: StressView;
  endurance?: EnduranceView;
  /** Measured phases in request order; empty when the engine measures none. */
  phases: PhaseRow[];
}

/** A resource monitor's charts (one per unit), or only its error when it never produced a sample. */
export interface MonitorChartSet<C> {
  monitor: string;
  source: MonitorSeries["source"] | undefined;
  charts: C[];
  error?: MonitorError;
}

/** Every chart of a run report, each a `C`: a spec to draw, or a drawing. */
export interface RunChartSet<C> {
  throughput: C;
  latency: C;
  errors: C;
  /** Stress runs: req/s and p95 per step against the load; p95 through the recovery. */
  stressSteps?: C;
  stressRecovery?: C;
  /** Capacity searches: the offered rate and req/s answered over time, each step's verdict. */
  stressSearch?: C;
  /** Endurance runs: p95 with its fitted drift; p95 and error rate per period. */
  drift?: C;
  periods?: C;
  /** One entry per resource monitor, in the result's order. */
  monitors: MonitorChartSet<C>[];
  /** Undefined when nothing was measured (no requests, or no latency recorded). */
  spectrum?: C;
  statusCodes?: C;
  errorKinds?: C;
  phases?: C;
  generator?: C;
  /** perf's own resident memory, when the timeline has it. */
  generatorMemory?: C;
  /** One per endpoint, in the result's order; undefined for an endpoint without latency data. */
  endpoints: (C | undefined)[];
}

/** The charts of one scenario on the trend page. */
export interface ScenarioChartSet<C> {
  p95: C;
  rps: C;
  errors: C;
}

export type DrawnRunCharts = RunChartSet<ChartDrawing>;
export type DrawnMonitorCharts = MonitorChartSet<ChartDrawing>;
export type DrawnScenarioCharts = ScenarioChartSet<ChartDrawing>;
