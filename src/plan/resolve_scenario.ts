/**
 * A scenario of the config (or a preset) plus the CLI overrides, resolved into everything a run needs.
 * Pure: the CLI passes in what it read.
 */
import type { EngineName } from "../model/config.ts";
import type { LoadedSource } from "../data/load_data.ts";
import {
  type EnduranceConfig,
  type ScenarioConfig,
  type StressConfig,
  stressPlanInput,
  TEST_TYPES,
  type Thresholds,
  type WaitTime,
} from "../model/config.ts";
import { isHttpUrl, type ThresholdSetting } from "../model/task_config.ts";
import type { MonitorConfig } from "../model/monitor_config.ts";
import { planStress, type StressStage } from "../model/stress_plan.ts";
import type { LiveThresholdSpec } from "../model/thresholds.ts";
import { stressRateStages, stressUserStages } from "./stress_workload.ts";
import { nextSearchStep, SEARCH_TAIL_S, type SearchPlan } from "./capacity_search.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { endpointKey } from "../metrics/aggregate.ts";
import { constantRate, type RateSpan, rateSpans, scheduleLengthMs } from "./arrival_schedule.ts";
import { stagesLengthMs, type UserStage } from "./closed_model.ts";
import type { RequestPlan } from "./request_plan.ts";
import type { ScenarioSegment } from "./worker_plan.ts";
import { buildFlows, type Flows } from "./flow_plan.ts";
import { TemplateError } from "../flow/template.ts";

export interface ScenarioOverrides {
  users?: number;
  spawn_rate?: number;
  run_time_ms?: number;
  base_url?: string;
  workers?: number;
  engine?: EngineName;
  /** `--rate`: run the open model at this many iterations per second. */
  rate?: number;
}

/** The workload model: closed (users that wait for their answers) or open (arrivals on a schedule). */
export type Workload =
  | { model: "closed"; stages?: UserStage[] }
  | { model: "open"; spans: RateSpan[]; max_users: number };

/** Users available to the open model when `max_users` is not given. */
export const DEFAULT_MAX_USERS = 1000;

export interface EndpointThresholds {
  endpoint: string;
  thresholds: Thresholds;
}

export interface ResolvedScenario {
  name: string;
  description?: string;
  test_type: string;
  base_url: string;
  users: number;
  spawn_rate: number;
  run_time_ms: number;
  wait_time: WaitTime;
  workload: Workload;
  /** Every request plan (each step of each flow), as engines prepare and count them. */
  requests: RequestPlan[];
  flows: Flows;
  /** Limits of the scenario's thresholds, judged over the whole run at the end. */
  thresholds: Thresholds;
  /** Thresholds also judged every second over a sliding window (window, delay, abort_on_fail). */
  live_thresholds: LiveThresholdSpec[];
  endpoint_thresholds: EndpointThresholds[];
  /** Resource monitors: the config's top-level ones, then the scenario's (same name: the scenario's). */
  monitors: MonitorConfig[];
  /** A stress test: its steps and recovery stage (the workload follows them), and how long steps settle. */
  stress?: { stages: StressStage[]; settle_s?: number };
  /** A capacity search (`stress.search`): the workload holds its first step; the search steps it on. */
  search?: SearchPlan;
  /** The endurance analysis's settings, for endurance tests (and any scenario with `endurance:`). */
  endurance?: EnduranceConfig;
  graceful_stop_ms: number;
  workers?: number;
  engine: EngineName;
  /** Path of a PEM file of extra trusted CAs; read by the CLI before the run. */
  ca_file?: string;
  /** Skip the certificate's host-name check (http1). */
  tls_insecure?: boolean;
  /** A custom user module: its path as configured, then (CLI) its file URL, checked before the run. */
  user_module?: string;
  /** Test data sources (loaded by the CLI; empty when the config has none). */
  data?: Record<string, LoadedSource>;
  /** Settings that were given but do not apply to the chosen model (printed as warnings). */
  ignored?: string[];
  /** `--segment i/n` (set by segmentScenario): this run is one share of the plan; `users` is the share's. */
  segment?: ScenarioSegment;
}

/** Which given settings the chosen model leaves unused, so the user hears about them. */
export function ignoredSettings(
  scenario: ScenarioConfig,
  overrides: ScenarioOverrides,
  workload: Workload,
): string[] {
  const ignored: string[] = [];
  if (scenario.tls?.insecure && (overrides.engine ?? scenario.engine) === "fetch") {
    ignored.push("tls.insecure (only the http1 engine can skip the host-name check)");
  }
  if (scenario.stress) {
    if (overrides.run_time_ms !== undefined) ignored.push("-t/--run-time (the stress steps set the length)");
    if (overrides.rate !== undefined) ignored.push("--rate (the stress steps set the load)");
    if (overrides.users !== undefined && workload.model === "closed") {
      ignored.push("-u/--users (the stress steps set the users)");
    }
    return ignored;
  }
  const stages = scenario.stages ?? [];
  if (overrides.rate !== undefined && stages.length > 0) {
    ignored.push("the scenario's stages (--rate replaces them)");
  }
  if (stages.length > 0 && overrides.rate === undefined) {
    if (overrides.run_time_ms !== undefined) ignored.push("-t/--run-time (the stages set the length)");
    if (workload.model === "closed" && overrides.users !== undefined) {
      ignored.push("-u/--users (the stages set the users)");
    }
  }
  if (overrides.spawn_rate !== undefined && (workload.model === "open" || stages.length > 0)) {
    ignored.push("-r/--spawn-rate (only the plain closed model ramps at a spawn rate)");
  }
  return ignored;
}

export function validateBaseUrl(value: string, origin: string): string {
  if (!isHttpUrl(value)) {
    throw new PerfError(
      `Invalid base URL ${JSON.stringify(value)} (${origin}): expected an absolute http:// or https:// URL`,
      ExitCode.usage,
    );
  }
  return value;
}

/** Limits for the end-of-run check, and the thresholds with live options, from the scenario's settings. */
export function splitThresholds(
  settings: Record<string, ThresholdSetting>,
): { limits: Thresholds; live: LiveThresholdSpec[] } {
  const entries = Object.entries(settings);
  return {
    limits: Object.fromEntries(entries.map(([key, t]) => [key, t.limit])),
    live: entries.filter(([, t]) => t.live).map(([key, t]) => ({
      key,
      limit: t.limit,
      // Without a window a live threshold judges the run so far (k6's abortOnFail).
      window_s: "window" in t && t.window !== undefined ? t.window / 1000 : 0,
      abort_on_fail: t.abort_on_fail,
      delay_s: "delay" in t && t.delay !== undefined ? t.delay / 1000 : 0,
    })),
  };
}

/** Top-level monitors, then the scenario's; a scenario monitor replaces a top-level one of the same name. */
export function mergeMonitors(top: readonly MonitorConfig[], own: readonly MonitorConfig[]): MonitorConfig[] {
  const names = new Set(own.map((m) => m.name));
  return [...top.filter((m) => !names.has(m.name)), ...own];
}

/** Endurance settings: the scenario's, or the defaults for an endurance test. */
function enduranceSettings(scenario: ScenarioConfig, testType: string): EnduranceConfig | undefined {
  return scenario.endurance ?? (testType === "endurance" ? { tolerance: 10 } : undefined);
}

export function resolveScenario(
  name: string,
  scenario: ScenarioConfig,
  configBaseUrl: string | undefined,
  overrides: ScenarioOverrides,
  configMonitors: readonly MonitorConfig[] = [],
): ResolvedScenario {
  const base_url = resolveBaseUrl(name, scenario, configBaseUrl, overrides);
  // The stress plan is computed once: its stages are both the workload and what the analysis reads back.
  const search = scenario.stress?.search ? searchOf(scenario.stress) : undefined;
  const stress = scenario.stress && !search ? stressOf(scenario.stress) : undefined;
  const { workload, users, run_time_ms } = search
    ? searchWorkload(scenario, overrides, search)
    : resolveWorkload(scenario, overrides, stress?.stages);
  const flows = compileFlows(name, scenario, base_url);
  checkFlowsFit(name, flows);
  const test_type = scenario.test_type ??
    ((TEST_TYPES as readonly string[]).includes(name) ? name : "custom");
  const thresholds = splitThresholds(scenario.thresholds);
  const endurance = enduranceSettings(scenario, test_type);
  return {
    name,
    description: scenario.description,
    test_type,
    base_url,
    users,
    // Without a spawn rate every user starts within the first second (Locust's default of 1/s would
    // stretch a 100-user ramp over most of a short test).
    spawn_rate: overrides.spawn_rate ?? scenario.spawn_rate ?? users,
    run_time_ms,
    wait_time: scenario.wait_time,
    workload,
    requests: flows.requests,
    flows,
    thresholds: thresholds.limits,
    live_thresholds: thresholds.live,
    monitors: mergeMonitors(configMonitors, scenario.monitor ?? []),
    ...(stress ? { stress } : {}),
    ...(search ? { search } : {}),
    ...(endurance ? { endurance } : {}),
    endpoint_thresholds: endpointThresholds(scenario, flows),
    graceful_stop_ms: scenario.graceful_stop,
    workers: overrides.workers ?? scenario.workers,
    engine: overrides.engine ?? scenario.engine,
    ca_file: scenario.tls?.ca_file,
    ...(scenario.user ? { user_module: scenario.user } : {}),
    ...(scenario.tls?.insecure ? { tls_insecure: true } : {}),
    ...ignoredOrNothing(ignoredSettings(scenario, overrides, workload)),
  };
}

/** -H, then the scenario's base_url, then the config's; checked, with the setting it came from. */
function resolveBaseUrl(
  name: string,
  scenario: ScenarioConfig,
  configBaseUrl: string | undefined,
  overrides: ScenarioOverrides,
): string {
  const source = overrides.base_url ?? scenario.base_url ?? configBaseUrl;
  if (source === undefined) {
    throw new PerfError(
      `Scenario "${name}" has no base URL`,
      ExitCode.usage,
      "set base_url in the config or pass -H http://host:port",
    );
  }
  return validateBaseUrl(source, overrides.base_url !== undefined ? "-H/--host" : "base_url");
}

/** Refuses flows with nothing to send. */
function checkFlowsFit(name: string, flows: Flows): void {
  if (flows.flows.every((f) => f.weight === 0)) {
    throw new PerfError(
      `Scenario "${name}": every task has weight 0, so there is nothing to send`,
      ExitCode.invalidConfig,
    );
  }
}

/** A task's thresholds apply to each of its requests (all its steps, for a flow). */
function endpointThresholds(scenario: ScenarioConfig, flows: Flows): ResolvedScenario["endpoint_thresholds"] {
  return scenario.tasks.flatMap((task, i) =>
    Object.keys(task.thresholds).length === 0 ? [] : flows.flows[i]!.steps.map((step) => {
      const plan = flows.requests[step.index]!;
      return { endpoint: endpointKey(plan.method, plan.name), thresholds: task.thresholds };
    })
  );
}

/** A stress test's workload: its steps as user stages, or (unit: rate) as arrival-rate stages. */
function stressWorkload(
  scenario: ScenarioConfig,
  stages: readonly StressStage[],
  overrides: ScenarioOverrides,
): { workload: Workload; users: number; run_time_ms: number } {
  if (stages[0]?.unit === "rate") {
    const spans = rateSpans(stressRateStages(stages), 0);
    const max_users = overrides.users ?? scenario.max_users ?? DEFAULT_MAX_USERS;
    return {
      workload: { model: "open", spans, max_users },
      users: max_users,
      run_time_ms: scheduleLengthMs(spans),
    };
  }
  const userStages = stressUserStages(stages);
  return {
    workload: { model: "closed", stages: userStages },
    users: Math.max(...userStages.map((s) => s.users)),
    run_time_ms: stagesLengthMs(userStages),
  };
}

/**
 * Picks the model: `--rate`, `rate` or rate stages make it open (arrivals per second, `max_users` as the
 * pool); user stages make a closed ramp; otherwise the plain closed model of `users` at `spawn_rate`.
 */
export function resolveWorkload(
  scenario: ScenarioConfig,
  overrides: ScenarioOverrides,
  stressStages?: readonly StressStage[],
): { workload: Workload; users: number; run_time_ms: number } {
  if (stressStages) return stressWorkload(scenario, stressStages, overrides);
  const runTime = overrides.run_time_ms ?? scenario.run_time;
  const stages = scenario.stages ?? [];
  const rateStages = stages.filter((s) => s.rate !== undefined);
  const rate = overrides.rate ?? scenario.rate;
  const constant = overrides.rate !== undefined || (rateStages.length === 0 && rate !== undefined);
  if (constant || rateStages.length > 0) {
    const spans = constant
      ? constantRate(rate!, runTime)
      : rateSpans(stages.map((s) => ({ duration_ms: s.duration, rate: s.rate! })), rate ?? 0);
    const max_users = overrides.users ?? scenario.max_users ?? DEFAULT_MAX_USERS;
    return {
      workload: { model: "open", spans, max_users },
      users: max_users,
      run_time_ms: scheduleLengthMs(spans),
    };
  }
  if (stages.length > 0) {
    const userStages = stages.map((s) => ({ duration_ms: s.duration, users: s.users! }));
    return {
      workload: { model: "closed", stages: userStages },
      users: Math.max(...userStages.map((s) => s.users)),
      run_time_ms: stagesLengthMs(userStages),
    };
  }
  return { workload: { model: "closed" }, users: overrides.users ?? scenario.users, run_time_ms: runTime };
}

function stressOf(stress: StressConfig): NonNullable<ResolvedScenario["stress"]> {
  const stages = planStress(stressPlanInput(stress));
  return stress.settle === undefined ? { stages } : { stages, settle_s: stress.settle / 1000 };
}

function searchOf(stress: StressConfig): SearchPlan {
  const c = stress.search!;
  return {
    settings: {
      start_rate: c.start_rate,
      factor: c.factor,
      precision: c.precision,
      max_duration_s: c.max_duration / 1000,
      min_samples: c.min_samples,
      min_step_s: c.min_step / 1000,
      max_step_s: c.max_step / 1000,
      ...(c.max_rate !== undefined ? { max_rate: c.max_rate } : {}),
    },
    ...(c.settle !== undefined ? { settle_s: c.settle / 1000 } : {}),
    recovery_limit_s: (stress.recovery_limit ?? 60_000) / 1000,
    ...(stress.recovery_load !== undefined ? { recovery_rate: stress.recovery_load } : {}),
  };
}

/** A search's workload as planned: its first step (and the tail); the search reschedules the rest. */
function searchWorkload(
  scenario: ScenarioConfig,
  overrides: ScenarioOverrides,
  search: SearchPlan,
): { workload: Workload; users: number; run_time_ms: number } {
  const first = nextSearchStep(search.settings, []);
  const rate = first.kind === "step" ? first.rate : search.settings.start_rate;
  const duration_s = first.kind === "step" ? first.duration_s : search.settings.min_step_s;
  const spans = constantRate(rate, (duration_s + SEARCH_TAIL_S) * 1000);
  const max_users = overrides.users ?? scenario.max_users ?? DEFAULT_MAX_USERS;
  return {
    workload: { model: "open", spans, max_users },
    users: max_users,
    run_time_ms: scheduleLengthMs(spans),
  };
}

function ignoredOrNothing(ignored: string[]): { ignored?: string[] } {
  return ignored.length > 0 ? { ignored } : {};
}

/** Compiles the scenario's flows; a malformed placeholder is a config error naming the scenario. */
export function compileFlows(name: string, scenario: ScenarioConfig, baseUrl: string): Flows {
  try {
    return buildFlows(scenario, baseUrl);
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new PerfError(`Scenario "${name}": ${error.message}`, ExitCode.invalidConfig);
    }
    throw error;
  }
}
