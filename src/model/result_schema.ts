/**
 * The zod schema of result.json (design §1): the one definition readers validate with
 * (src/result/read_result.ts) and `perf schema result` publishes as JSON Schema. It mirrors the
 * interfaces of result.ts and its friends; the checks at the end keep the two from drifting.
 *
 * Objects are loose: unknown properties pass (and are kept), so an additive field needs no new
 * schema_version (see {@link RESULT_SCHEMA_VERSION}). Numbers an analysis may leave NaN or Infinity are
 * written as `null` by JSON.stringify; {@link jsonNumber} accepts that `null` and reads it back as NaN.
 */
import { z } from "zod";
import type { AlertOutcome } from "./alert.ts";
import type { EnduranceAnalysis, StressAnalysis } from "./analysis.ts";
import type { GeneratorHealth } from "./health.ts";
import type { MonitorsResult } from "./monitor.ts";
import type { RunResult } from "./result.ts";
import type { LiveThresholdRecord } from "./thresholds.ts";
import { THRESHOLD_UNITS } from "./threshold_key.ts";
import { SEARCH_STOP_REASONS, SEARCH_VERDICTS } from "./search.ts";

/** A number that JSON may carry as `null` (NaN, Infinity); read back as NaN. */
const jsonNumber = z.union([z.number(), z.null().transform(() => NaN)], {
  error: (issue) =>
    `Invalid input: expected number or null, received ${issue.input === null ? "null" : typeof issue.input}`,
});

const latencySummaryMs = {
  min: jsonNumber,
  mean: jsonNumber,
  p50: jsonNumber,
  p90: jsonNumber,
  p95: jsonNumber,
  p99: jsonNumber,
  p999: jsonNumber,
  max: jsonNumber,
};

const latencySummarySchema = z.looseObject(latencySummaryMs);
const phaseSummarySchema = z.looseObject({ ...latencySummaryMs, count: z.number() });

const statsFigures = {
  requests: z.number(),
  failures: z.number(),
  error_rate: z.number(),
  rps: z.number(),
  latency_ms: latencySummarySchema,
  status_codes: z.record(z.string(), z.number()),
  errors: z.record(z.string(), z.number()),
  bytes_sent: z.number(),
  bytes_received: z.number(),
  phases_ms: z.looseObject({
    dns: phaseSummarySchema.optional(),
    connect: phaseSummarySchema.optional(),
    tls: phaseSummarySchema.optional(),
    ttfb: phaseSummarySchema.optional(),
    download: phaseSummarySchema.optional(),
    service: phaseSummarySchema.optional(),
  }).optional(),
};

const endpointSchema = z.looseObject({
  ...statsFigures,
  name: z.string(),
  method: z.string(),
  histogram: z.string(),
});

const timelinePointSchema = z.looseObject({
  t: z.number(),
  interval_s: z.number(),
  users: z.number(),
  requests: z.number(),
  rps: z.number(),
  failures: z.number(),
  dropped: z.number().optional(),
  cpu_pct: z.number().optional(),
  loop_lag_ms: z.number().optional(),
  worker_busy_pct: z.number().optional(),
  rss_mb: z.number().optional(),
  p50_ms: jsonNumber,
  p95_ms: jsonNumber,
  p99_ms: jsonNumber,
});

const thresholdUnit = z.enum(THRESHOLD_UNITS);

const thresholdResultSchema = z.looseObject({
  name: z.string(),
  key: z.string(),
  endpoint: z.string().optional(),
  unit: thresholdUnit,
  threshold: z.string(),
  limit: jsonNumber,
  value: jsonNumber,
  ok: z.boolean(),
});

const stageMarkSchema = z.looseObject({ t_s: z.number(), label: z.string() });

/** `run.status` values; a new one bumps RESULT_SCHEMA_VERSION. */
export const RUN_STATUSES = ["running", "completed", "interrupted"] as const;

const runInfoSchema = z.looseObject({
  id: z.string(),
  scenario: z.string(),
  description: z.string().optional(),
  test_type: z.string(),
  base_url: z.string(),
  started_at: z.string(),
  ended_at: z.string(),
  duration_s: z.number(),
  config_file: z.string().optional(),
  config_digest: z.string().optional(),
  engine: z.string(),
  workers: z.number(),
  users: z.number(),
  spawn_rate: z.number(),
  run_time_s: z.number(),
  model: z.enum(["closed", "open"]),
  rate: z.number().optional(),
  stop_reason: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  stages: z.array(stageMarkSchema).optional(),
  segment: z.string().optional(),
  segments: z.number().optional(),
  merged_from: z.array(z.string()).optional(),
  perf_version: z.string(),
});

const generatorHealthSchema = z.looseObject({
  cores: z.number(),
  cpu_pct_mean: jsonNumber,
  cpu_pct_max: jsonNumber,
  loop_lag_ms_max: jsonNumber,
  loop_lag_ms_p95: jsonNumber,
  worker_busy_pct_mean: jsonNumber.optional(),
  saturated: z.boolean(),
  verdict: z.string(),
});

const monitorPointSchema = z.looseObject({ t: z.number(), value: jsonNumber });

const monitorsSchema = z.looseObject({
  series: z.array(z.looseObject({
    monitor: z.string(),
    name: z.string(),
    source: z.enum(["generator", "process", "prometheus"]),
    unit: z.enum(["%", "MB", "count", "ms", ""]),
    points: z.array(monitorPointSchema),
  })),
  errors: z.array(z.looseObject({
    monitor: z.string(),
    count: z.number(),
    last: z.string(),
    first_t: z.number(),
    last_t: z.number(),
  })),
});

const tValue = z.looseObject({ t: z.number(), value: jsonNumber });

const liveThresholdSchema = z.looseObject({
  name: z.string(),
  key: z.string(),
  unit: thresholdUnit,
  threshold: z.string(),
  window_s: z.number(),
  delay_s: z.number(),
  abort_on_fail: z.boolean(),
  evaluations: z.number(),
  failed_evaluations: z.number(),
  first_failure: tValue.optional(),
  last: z.looseObject({ t: z.number(), value: jsonNumber, ok: z.boolean() }).optional(),
});

const stressUnit = z.enum(["users", "rate"]);

const stressStepSchema = z.looseObject({
  index: z.number(),
  target: z.number(),
  unit: stressUnit,
  start_s: z.number(),
  end_s: z.number(),
  requests: z.number(),
  failures: z.number(),
  rps: jsonNumber,
  error_rate: jsonNumber,
  p95_ms: jsonNumber.optional(),
  ok: z.boolean(),
  not_judged: z.string().optional(),
  failed: z.array(z.string()),
  judged_by: z.enum(["thresholds", "default"]),
  resources: z.record(z.string(), jsonNumber).optional(),
});

const failedCheckSchema = z.looseObject({
  name: z.string(),
  key: z.string(),
  unit: thresholdUnit,
  threshold: z.string(),
  value: jsonNumber,
  limit: jsonNumber,
});

const stepRef = { index: z.number(), target: z.number(), unit: stressUnit, rps: jsonNumber };

const searchPathStepSchema = z.looseObject({
  index: z.number(),
  rate: z.number(),
  start_s: z.number(),
  end_s: z.number(),
  requests: z.number(),
  achieved_rps: jsonNumber,
  p95_ms: jsonNumber.optional(),
  pool_full_s: z.number().optional(),
  verdict: z.enum(SEARCH_VERDICTS),
  reasons: z.array(z.string()),
  failed: z.array(failedCheckSchema),
});

const stressSchema = z.looseObject({
  steps: z.array(stressStepSchema),
  max_sustainable_rps: jsonNumber.optional(),
  max_sustainable_step: z.looseObject(stepRef).optional(),
  breaking_point: z.looseObject({
    ...stepRef,
    error_rate: jsonNumber,
    p95_ms: jsonNumber.optional(),
    failed: z.array(failedCheckSchema),
  }).optional(),
  knee: z.looseObject({ ...stepRef, reason: z.string() }).optional(),
  peak_resources: z.record(z.string(), jsonNumber).optional(),
  recovery: z.looseObject({
    baseline: z.looseObject({
      target: z.number(),
      p95_ms: jsonNumber,
      error_rate: jsonNumber,
      band: z.looseObject({ p95_max_ms: jsonNumber, error_rate_max: jsonNumber, hold_s: z.number() }),
    }),
    recovered: z.boolean(),
    recovery_s: jsonNumber.optional(),
    limit_s: z.number(),
    explanation: z.string(),
  }),
  search: z.looseObject({
    path: z.array(searchPathStepSchema),
    bracket: z.looseObject({ held: z.number().optional(), failed: z.number().optional() }),
    stopped_by: z.enum(SEARCH_STOP_REASONS).optional(),
    recovery: z.looseObject({
      rate: z.number(),
      start_s: z.number(),
      end_s: z.number(),
      peak: z.looseObject({ rate: z.number(), start_s: z.number(), end_s: z.number() }).optional(),
    }).optional(),
  }).optional(),
  verdict: z.string(),
});

const driftSchema = z.looseObject({
  series: z.string(),
  unit: z.string(),
  slope_per_hour: jsonNumber,
  slope_se: jsonNumber,
  slope_pct_per_hour: jsonNumber.optional(),
  change_pct: jsonNumber.optional(),
  start: jsonNumber,
  end: jsonNumber,
  r2: jsonNumber,
  n: z.number(),
  tolerance_pct_per_hour: z.number(),
  verdict: z.enum(["stable", "rising", "falling"]),
  fails: z.boolean(),
  note: z.string().optional(),
});

const enduranceSchema = z.looseObject({
  window: z.looseObject({ start_s: z.number(), end_s: z.number() }),
  tolerance_pct_per_hour: z.number(),
  drift: z.array(driftSchema),
  consistency: z.looseObject({
    per_minute_p95: z.looseObject({
      min: jsonNumber,
      p50: jsonNumber,
      p95: jsonNumber,
      max: jsonNumber,
      minutes: z.number(),
    }),
    cv: jsonNumber,
    verdict: z.enum(["consistent", "variable", "erratic", "no data"]),
  }),
  periods: z.array(z.looseObject({
    start_s: z.number(),
    end_s: z.number(),
    requests: z.number(),
    failures: z.number(),
    error_rate: jsonNumber,
    p95_ms: jsonNumber.optional(),
  })),
  verdict: z.looseObject({ ok: z.boolean(), reasons: z.array(z.string()), summary: z.string() }),
});

const alertKind = z.enum(["breach", "failure", "success", "aborted", "test"]);

const alertOutcomeSchema = z.looseObject({
  channel: z.enum(["email", "slack", "webhook"]),
  kind: alertKind,
  threshold: z.string().optional(),
  ok: z.boolean(),
  attempts: z.number(),
  at: z.string(),
  error: z.string().optional(),
});

/** result.json: what `perf run` and `perf merge` write and every reader checks on load. */
export const runResultSchema = z.looseObject({
  schema_version: z.number().int(),
  run: runInfoSchema,
  summary: z.looseObject({
    ...statsFigures,
    histogram: z.string(),
    dropped_iterations: z.number().optional(),
  }),
  endpoints: z.array(endpointSchema),
  timeline: z.array(timelinePointSchema),
  thresholds: z.array(thresholdResultSchema),
  generator: generatorHealthSchema,
  monitors: monitorsSchema.optional(),
  live_thresholds: z.array(liveThresholdSchema).optional(),
  stress: stressSchema.optional(),
  endurance: enduranceSchema.optional(),
  alerts: z.array(alertOutcomeSchema).optional(),
  exit_code: z.number().int(),
});

/** The JSON Schema of result.json (what the file holds: `null` where a number was NaN). */
export function resultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runResultSchema, { io: "input", target: "draft-2020-12" });
}

// Compile-time: the schema's type and the interfaces are mutually assignable, so neither drifts alone.
// Loose objects add `[k: string]: unknown`, which interfaces lack: `Known` drops those index signatures.
type Known<T> = T extends readonly (infer E)[] ? Known<E>[]
  : T extends object
    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Known<T[K]> }
  : T;
type Parsed = Known<z.infer<typeof runResultSchema>>;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(): T | undefined => undefined;
check<Mutual<Parsed, RunResult>>();
check<Mutual<Known<z.infer<typeof generatorHealthSchema>>, GeneratorHealth>>();
check<Mutual<Known<z.infer<typeof monitorsSchema>>, MonitorsResult>>();
check<Mutual<Known<z.infer<typeof liveThresholdSchema>>, LiveThresholdRecord>>();
check<Mutual<Known<z.infer<typeof stressSchema>>, StressAnalysis>>();
check<Mutual<Known<z.infer<typeof enduranceSchema>>, EnduranceAnalysis>>();
check<Mutual<Known<z.infer<typeof alertOutcomeSchema>>, AlertOutcome>>();
