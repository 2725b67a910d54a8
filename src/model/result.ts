/**
 * The result contract (design §1): one `result.json` per scenario run, the single source of truth for
 * reports, alerts, compare and merge. Latencies are in milliseconds; histograms are HDR, in microseconds.
 */
import type { GeneratorHealth } from "./health.ts";
import type { EnduranceAnalysis } from "./analysis.ts";
import type { StressAnalysis } from "./analysis.ts";
import type { MonitorsResult } from "./monitor.ts";
import type { LiveThresholdRecord } from "./thresholds.ts";
import type { AlertOutcome } from "./alert.ts";
import type { ThresholdUnit } from "./threshold_key.ts";

/**
 * The version of the result contract (result_schema.ts is its zod schema, `perf schema result` its JSON
 * Schema). The rule:
 * - an additive field (a new optional property, anywhere) keeps the version: objects are loose, so older
 *   readers pass it through and newer readers treat its absence as "not recorded";
 * - a removed or renamed field, a changed type or meaning, a field becoming required, or a new value of an
 *   existing enum (e.g. `run.status`, `stress.steps[].judged_by`) bumps it;
 * - a reader meeting an older version says so (`written by an older perf`) instead of misreading it, and
 *   one meeting a newer version than it knows says so too (`written by a newer perf`); both exit 2.
 */
export const RESULT_SCHEMA_VERSION = 1;

export interface LatencySummaryMs {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** One request phase's timings (connect, tls, ttfb, download); `count` is how often it happened. */
export interface PhaseSummaryMs extends LatencySummaryMs {
  count: number;
}

/** The figures shared by the whole run and by each endpoint. */
export interface StatsFigures {
  requests: number;
  failures: number;
  /** failures / requests, 0 when nothing was sent. */
  error_rate: number;
  /** requests / elapsed seconds of the run. */
  rps: number;
  latency_ms: LatencySummaryMs;
  status_codes: Record<string, number>;
  errors: Record<string, number>;
  bytes_sent: number;
  bytes_received: number;
  /** Phase timings where the engine measures them (http1: all four; fetch: ttfb and download). */
  phases_ms?: Partial<Record<"dns" | "connect" | "tls" | "ttfb" | "download" | "service", PhaseSummaryMs>>;
}

export interface EndpointResult extends StatsFigures {
  name: string;
  method: string;
  /** HDR histogram of latencies in µs, compressed base64 (hdr-histogram-js encoding). */
  histogram: string;
}

export interface TimelinePoint {
  /** Seconds since the run started, at the end of the interval. */
  t: number;
  /** Length of the interval in seconds (long runs coarsen it). */
  interval_s: number;
  users: number;
  requests: number;
  rps: number;
  failures: number;
  /** Open model: starts dropped for lack of a free user in this interval. */
  dropped?: number;
  /** The generator itself: CPU of the perf process (100 = one core) and its workers' worst timer lag. */
  cpu_pct?: number;
  loop_lag_ms?: number;
  /**
   * How busy the busiest worker thread was: the share of the interval it was running or ready to run and
   * waiting for a core (100 = never idle). A worker is one thread: at 100 it could not send faster.
   */
  worker_busy_pct?: number;
  /** Resident memory of the perf process, MB: sampled once per interval (the highest on merged points). */
  rss_mb?: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

export interface ThresholdResult {
  /** Threshold key as written, e.g. `response_time_p95`; endpoint ones are prefixed `GET /items: `. */
  name: string;
  /** The key as configured (`response_time_p95`), without the endpoint prefix of `name`. */
  key: string;
  /** The endpoint it applies to, absent for the whole run. */
  endpoint?: string;
  /** The unit of `limit` and `value`. */
  unit: ThresholdUnit;
  /** Human form of the limit, e.g. `< 1000 ms`, `>= 5 req/s`. */
  threshold: string;
  limit: number;
  value: number;
  ok: boolean;
}

/** The live threshold that ended a run (abort_on_fail): the failed evaluation, its window and when. */
export type ThresholdAbort = ThresholdResult & { window_s: number; t: number };

/** One stage of the load plan: it starts at `t_s` and heads for the target in `label`. */
export interface StageMark {
  t_s: number;
  label: string;
}

export interface RunInfo {
  id: string;
  scenario: string;
  description?: string;
  test_type: string;
  base_url: string;
  started_at: string;
  ended_at: string;
  duration_s: number;
  config_file?: string;
  config_digest?: string;
  engine: string;
  workers: number;
  users: number;
  spawn_rate: number;
  run_time_s: number;
  /** `closed` (users wait for answers) or `open` (arrivals on a schedule, latency from intended start). */
  model: "closed" | "open";
  /** Open model: the schedule's peak arrival rate per second. */
  rate?: number;
  /** Why a completed run ended before its run_time (e.g. unique test data used up). */
  stop_reason?: string;
  /** How the run ended: completed (also when a live threshold aborted it: exit 108, stop_reason says which), interrupted (Ctrl-C / SIGTERM). */
  status: "running" | "completed" | "interrupted";
  /**
   * Where the load changes, for scenarios with `stages` (closed: users; open: arrival rate): each stage's
   * start in seconds since the run started and the target it ramps to (`→ 100 users`, `→ 500/s`).
   * Absent for the plain models. Reports draw them as markers on the time charts.
   */
  stages?: StageMark[];
  /** `perf run --segment 2/3`: this run is the 2nd of 3 shares of the plan (as typed, 1-based). */
  segment?: string;
  /** `perf merge`: how many segment results were merged, and their run ids in input order. */
  segments?: number;
  merged_from?: string[];
  perf_version: string;
}

export interface RunResult {
  schema_version: number;
  run: RunInfo;
  /**
   * `dropped_iterations` (open model): starts that found no free user, so the target was offered less
   * than the schedule; non-zero means `max_users` (or the generator) was too small for the rate.
   */
  summary: StatsFigures & { histogram: string; dropped_iterations?: number };
  endpoints: EndpointResult[];
  timeline: TimelinePoint[];
  thresholds: ThresholdResult[];
  /** Whether the generator, not the target, was the limit, with the figures that say so. */
  generator: GeneratorHealth;
  /** Resource monitors' series (the process under test, Prometheus metrics) and their failures. */
  monitors?: MonitorsResult;
  /** Thresholds judged live over a sliding window: evaluations, failures, the first failure. */
  live_thresholds?: LiveThresholdRecord[];
  /** Stress tests: each step judged, max sustainable rate, breaking point, knee, recovery. */
  stress?: StressAnalysis;
  /** Endurance (and any run with `endurance:`): drift per hour, consistency, errors per period. */
  endurance?: EnduranceAnalysis;
  /** Alerts tried for this run (live breaches and the end of the run): channel, kind, ok, attempts, error. */
  alerts?: AlertOutcome[];
  exit_code: number;
}
