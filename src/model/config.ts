/**
 * The config schema (YAML, snake_case, seed-compatible). Every object is strict: unknown keys are errors
 * (the loader turns them into "did you mean" hints). After parsing, every duration is in milliseconds.
 */
import { z } from "zod";
import { durationSchema, positiveDuration } from "./duration.ts";
import { alertingSchema, reportingSchema } from "./alerting_config.ts";
import {
  headersSchema,
  scenarioThresholdsSchema,
  stepSchema,
  taskSchema,
  thresholdsSchema,
  urlSchema,
} from "./task_config.ts";
import { monitorsSchema } from "./monitor_config.ts";
import { type StressPlanInput, validateStressPlan } from "./stress_plan.ts";
import { searchSchema } from "./search_config.ts";

export const TEST_TYPES = ["smoke", "load", "stress", "endurance", "spike", "breakpoint", "custom"] as const;
/** `http1`: raw HTTP/1.1 over sockets (fast, phase timings); `fetch`: Deno's fetch (HTTP/2 and the rest). */
export const ENGINE_NAMES = ["http1", "fetch"] as const;

/** Locust's wait times, in milliseconds. */
export type WaitTime =
  | { kind: "constant"; ms: number }
  | { kind: "between"; min_ms: number; max_ms: number }
  | { kind: "constant_pacing"; ms: number };

const WAIT_CALL = /^\s*(constant|between|constant_pacing)\s*\(\s*([^,)]*?)\s*(?:,\s*([^)]*?)\s*)?\)\s*$/;
const seconds = z.number().min(0);

const waitTimeObject = z.union([
  z.strictObject({ constant: seconds }).transform((w): WaitTime => ({
    kind: "constant",
    ms: w.constant * 1000,
  })),
  z.strictObject({ constant_pacing: seconds }).transform((w): WaitTime => ({
    kind: "constant_pacing",
    ms: w.constant_pacing * 1000,
  })),
  z.strictObject({ between: z.tuple([seconds, seconds]) }).transform((w): WaitTime => ({
    kind: "between",
    min_ms: Math.min(...w.between) * 1000,
    max_ms: Math.max(...w.between) * 1000,
  })),
]);

/** `wait_time: 1`, `wait_time: "between(1, 3)"` or `wait_time: {between: [1, 3]}` (seconds, as in Locust). */
export const waitTimeSchema = z.union([
  seconds.transform((s): WaitTime => ({ kind: "constant", ms: s * 1000 })),
  z.string().transform((text, ctx): WaitTime => {
    const match = WAIT_CALL.exec(text);
    const a = Number(match?.[2]);
    const b = match?.[3] === undefined ? undefined : Number(match[3]);
    const valid = match && Number.isFinite(a) && a >= 0 &&
      (match[1] === "between" ? b !== undefined && Number.isFinite(b) && b >= 0 : b === undefined);
    if (!valid) {
      ctx.addIssue({
        code: "custom",
        message: `invalid wait_time ${
          JSON.stringify(text)
        }: use "constant(1)", "between(1, 3)" or "constant_pacing(2)" (seconds)`,
      });
      return z.NEVER;
    }
    if (match[1] === "between") {
      return { kind: "between", min_ms: Math.min(a, b!) * 1000, max_ms: Math.max(a, b!) * 1000 };
    }
    return { kind: match[1] as "constant" | "constant_pacing", ms: a * 1000 };
  }),
  waitTimeObject,
]);

/**
 * `stress:` — steps of users (or arrivals per second with `unit: rate`) from `start` to `max`, each held
 * for `step_duration` and judged against the thresholds, then a drop back to `recovery_load` (default
 * `start`) for up to `recovery_limit` to time the recovery. Replaces users/stages/run_time.
 */
const stressSchema = z.strictObject({
  unit: z.enum(["users", "rate"]).optional().describe(
    "Steps of concurrent users (closed model, the default for fixed steps), or of iterations started per second (open model; always with `search`).",
  ),
  start: z.number().positive().optional().describe(
    "Load of the first step (whole users with `unit: users`); not with `search`.",
  ),
  step: z.number().positive().optional().describe("Load added at each step; not with `search`."),
  step_duration: positiveDuration.optional().describe(
    "How long each step holds its load; not with `search`.",
  ),
  max: z.number().positive().optional().describe(
    "Load of the last step; when `start + k × step` misses it, a last step at exactly `max` is added; not with `search`.",
  ),
  search: searchSchema.optional().describe(
    "Find the capacity instead of stepping: arrival-rate steps chosen one at a time (see docs/test-types.md).",
  ),
  /** Load of the recovery stage (formerly `baseline`, still accepted with a warning). */
  recovery_load: z.number().positive().optional().describe(
    "Load of the recovery stage after the last step (default: `start`; formerly `baseline`, still accepted with a warning).",
  ),
  recovery_limit: positiveDuration.optional().describe(
    "How long the recovery stage lasts: the recovery must begin and hold within it (default 60s).",
  ),
  /** Seconds at the start of each step left out of its figures while the load settles. */
  settle: durationSchema.optional().describe(
    "Left out of each step's figures at its start while the load settles (default 20% of a step, at most 10 s).",
  ),
});

/** The keys of fixed steps, which `search` replaces. */
const STEP_KEYS = ["start", "step", "step_duration", "max"] as const;

/** A search, or fixed steps with all four of their keys and a valid plan. */
function stressProblems(stress: z.output<typeof stressSchema>): string[] {
  const given = STEP_KEYS.filter((k) => stress[k] !== undefined);
  if (stress.search) {
    const problems = given.map((k) => `\`${k}\` sets fixed steps; a \`search\` chooses its own (remove one)`);
    if (stress.unit === "users") {
      problems.push("a `search` steps the arrival rate: use `unit: rate` or leave it out");
    }
    return problems;
  }
  const missing = STEP_KEYS.filter((k) => stress[k] === undefined);
  if (missing.length > 0) return [`fixed steps need ${missing.join(", ")} (or give \`search\`)`];
  return validateStressPlan(stressPlanInput(stress));
}

/** The stress plan's input from a config of fixed steps (durations in ms become seconds). */
export function stressPlanInput(stress: z.output<typeof stressSchema>): StressPlanInput {
  return {
    unit: stress.unit ?? "users",
    start: stress.start!,
    step: stress.step!,
    step_duration_s: stress.step_duration! / 1000,
    max: stress.max!,
    recovery_load: stress.recovery_load,
    recovery_limit_s: stress.recovery_limit === undefined ? undefined : stress.recovery_limit / 1000,
  };
}

/** `endurance:` — how the drift analysis judges a long run (every run gets the analysis when asked). */
const enduranceSchema = z.strictObject({
  /** Drift of p95, error rate (up) or throughput (down) beyond this many percent per hour fails. */
  tolerance: z.number().positive().default(10).describe(
    "Drift allowed, in % of the starting level per hour, in the bad direction.",
  ),
  /** Left out of the analysis at the start (ramp-up, warm caches). */
  warmup: durationSchema.optional().describe(
    "Left out of the whole analysis at the start (ramp-up, cold caches, a JIT warming up).",
  ),
  /** Length of the periods of the error-rate table (default: a tenth of the run, 1 min to 1 h). */
  period: positiveDuration.optional().describe(
    "Length of the periods of the error-rate table (default: a tenth of the analysed span, 1 min to 1 h).",
  ),
  /** Fail when the per-minute p95 spreads more than this coefficient of variation. */
  max_cv: z.number().positive().optional().describe(
    "When set, per-minute p95s spreading more than this coefficient of variation fail the verdict.",
  ),
});

/** A stage of a ramp: `users` (closed model, like Locust's LoadTestShape) or `rate` (open model). */
const stageSchema = z.strictObject({
  duration: positiveDuration,
  users: z.number().int().min(0).optional(),
  rate: z.number().min(0).optional(),
}).superRefine((stage, ctx) => {
  if ((stage.users === undefined) === (stage.rate === undefined)) {
    ctx.addIssue({
      code: "custom",
      message: "a stage needs either `users` (closed model) or `rate` (open model)",
    });
  }
});

export const scenarioSchema = z.strictObject({
  description: z.string().optional().describe("Shown in the result."),
  test_type: z.enum(TEST_TYPES).optional().describe(
    "A label in the result, the report and the trend page (default: the scenario's name if it is a test type, else `custom`); `endurance` also turns on the endurance analysis.",
  ),
  base_url: urlSchema.optional().describe("Base URL for this scenario (default: the top-level `base_url`)."),
  users: z.number().int().min(1).default(1).describe(
    "Concurrent virtual users (closed model without `stages`).",
  ),
  spawn_rate: z.number().positive().optional().describe(
    "Users started per second (default: all users within the first second). Closed model without `stages` only.",
  ),
  run_time: positiveDuration.default(30_000).describe(
    "How long users keep starting iterations (open model with a constant `rate`: how long iterations are scheduled).",
  ),
  wait_time: waitTimeSchema.default({ kind: "constant", ms: 0 }).describe(
    'Pause after each task, e.g. "constant(1)", "between(1, 3)", "constant_pacing(2)" (seconds). Closed model only.',
  ),
  tasks: z.array(taskSchema).default([]).describe(
    "The tasks: one request each, or a flow of `steps`; each iteration picks one by weight (empty: `GET /`).",
  ),
  /** A custom TypeScript user module (path relative to the config), instead of `tasks`. */
  user: z.string().min(1).optional().describe(
    "A custom TypeScript user module instead of `tasks` (not both), relative to the config file's directory. Closed model only.",
  ),
  /** Requests each user makes once when it starts (log in) and once when it stops (log out). */
  on_start: z.array(stepSchema).default([]).describe(
    "Steps each user runs once when it starts, before its first task (e.g. log in). Closed model only.",
  ),
  on_stop: z.array(stepSchema).default([]).describe(
    "Steps each user runs once when it stops (e.g. log out). Closed model only.",
  ),
  thresholds: scenarioThresholdsSchema.default({}).describe(
    "Pass/fail criteria for the whole scenario: a number, or `{limit, window, abort_on_fail, delay}` to also judge it live every second.",
  ),
  headers: headersSchema.default({}).describe(
    "Headers sent with every request of the scenario to its own origin (a task's or step's own headers win).",
  ),
  timeout: positiveDuration.default(30_000).describe(
    "Per-request timeout; a request that takes longer counts as a `timeout` error.",
  ),
  graceful_stop: durationSchema.default(10_000).describe(
    "At the end (or on Ctrl-C), how long requests in flight may take to finish before they are interrupted.",
  ),
  workers: z.number().int().min(1).max(256).optional().describe(
    "Worker threads for this scenario (default: one per core).",
  ),
  engine: z.enum(ENGINE_NAMES).default("http1").describe(
    "How requests are sent: `http1` is perf's own HTTP/1.1 client, `fetch` is Deno's `fetch`.",
  ),
  /** Open model: iterations started per second, whatever the target's latency (k6's arrival rate). */
  rate: z.number().positive().optional().describe(
    "Open model: iterations started per second; with rate `stages`, the rate the first stage ramps from.",
  ),
  /** Open model: the most users that may be busy at once; starts finding none free are dropped. */
  max_users: z.number().int().min(1).optional().describe(
    "Open model: the pool of users that carry the iterations (default: `-u`, else 1000).",
  ),
  stages: z.array(stageSchema).min(1).optional().describe(
    "A ramp: user stages (closed model) or rate stages (open model), not mixed.",
  ),
  stress: stressSchema.optional().describe(
    "Judged steps of users or of arrival rate, then a recovery stage, instead of `users`, `run_time` and `stages`.",
  ),
  endurance: enduranceSchema.optional().describe(
    "Drift analysis settings; any scenario with it gets the analysis.",
  ),
  /** Resource monitors of this scenario, added to the config's top-level ones. */
  monitor: monitorsSchema.optional().describe(
    "This scenario's resource monitors, added to the top-level ones; one with the same `name` replaces the top-level one.",
  ),
  tls: z.strictObject({
    /** PEM file of extra CAs to trust (a private CA, as in test environments). */
    ca_file: z.string().min(1).optional().describe(
      "PEM file of extra CAs to trust for https targets (a private CA). Both engines.",
    ),
    /**
     * http1 only: do not check that the certificate names the host (an IP address, a staging name).
     * The chain must still be trusted (ca_file); Deno offers no per-connection switch beyond this.
     */
    insecure: z.boolean().default(false).describe(
      "`http1` only: accept a certificate issued for another name (the chain is still verified).",
    ),
  }).optional(),
}).superRefine((scenario, ctx) => {
  const stages = scenario.stages ?? [];
  const rateStages = stages.filter((s) => s.rate !== undefined).length;
  if (rateStages > 0 && rateStages < stages.length) {
    ctx.addIssue({
      code: "custom",
      path: ["stages"],
      message: "stages must all give `users` or all give `rate`",
    });
  }
  if (scenario.user !== undefined && scenario.tasks.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["user"],
      message: "give either `user` (a TypeScript module) or `tasks`, not both",
    });
  }
  if (scenario.stress) {
    if (stages.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["stress"],
        message: "give either `stress` steps or `stages`, not both",
      });
    }
    for (const problem of stressProblems(scenario.stress)) {
      ctx.addIssue({ code: "custom", path: ["stress"], message: problem });
    }
  }
  if (scenario.rate !== undefined && stages.length > 0 && rateStages === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["rate"],
      message: "`rate` (open model) cannot be combined with user stages",
    });
  }
});

/**
 * `locust:` is accepted for migration: the loader maps the keys it knows (host, users, spawn_rate,
 * run_time) and warns about the rest, so this only checks it is a mapping.
 */
export const locustSchema = z.record(z.string(), z.unknown());

export const configSchema = z.strictObject({
  base_url: urlSchema.optional().describe(
    "Base URL for every scenario without its own. Required somewhere: here, in the scenario, or `-H`.",
  ),
  workers: z.number().int().min(1).max(256).optional().describe(
    "Default worker threads for every scenario (default: one per core); a scenario's own `workers` wins.",
  ),
  scenarios: z.record(z.string(), scenarioSchema).default({}).describe(
    "The scenarios. `perf run -c` without `-s` runs them all, in file order.",
  ),
  alerting: alertingSchema.optional().describe(
    "Email, Slack and webhook alerts on live breaches and failed runs.",
  ),
  // Named data sources; their format arrives with the test-data work, so each is kept as written.
  test_data: z.record(z.string(), z.unknown()).optional().describe(
    "Named CSV or JSON files of test data, read before the run.",
  ),
  reporting: reportingSchema.optional().describe(
    "The results directory and `keep_last` pruning of old runs.",
  ),
  /** Resource monitors for every scenario (the system under test's process, a Prometheus endpoint). */
  monitor: monitorsSchema.optional().describe(
    "Resource monitors for every scenario: the server's process, a Prometheus endpoint.",
  ),
  locust: locustSchema.optional().describe("The seed's Locust settings, accepted for migration."),
});

export type PerfConfig = z.output<typeof configSchema>;
export type ScenarioConfig = z.output<typeof scenarioSchema>;
export type TaskConfig = z.output<typeof taskSchema>;
export type StepConfig = z.output<typeof stepSchema>;
export type Thresholds = z.output<typeof thresholdsSchema>;
export type StressConfig = z.output<typeof stressSchema>;
export type EnduranceConfig = z.output<typeof enduranceSchema>;

export type EngineName = (typeof ENGINE_NAMES)[number];
