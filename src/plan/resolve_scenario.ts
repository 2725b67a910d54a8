/**
 * A scenario of the config (or a preset) plus the CLI overrides, resolved into everything a run needs.
 * Pure: the CLI passes in what it read.
 */
import type { EngineName } from "../vu/engine.ts";
import { type ScenarioConfig, TEST_TYPES, type Thresholds, type WaitTime } from "../config/schema.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { endpointKey } from "../metrics/aggregate.ts";
import { buildRequestPlans, type RequestPlan } from "./request_plan.ts";

export interface ScenarioOverrides {
  users?: number;
  spawn_rate?: number;
  run_time_ms?: number;
  base_url?: string;
  workers?: number;
  engine?: EngineName;
}

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
  requests: RequestPlan[];
  thresholds: Thresholds;
  endpoint_thresholds: EndpointThresholds[];
  graceful_stop_ms: number;
  workers?: number;
  engine: EngineName;
  /** Path of a PEM file of extra trusted CAs; read by the CLI before the run. */
  ca_file?: string;
}

export function validateBaseUrl(value: string, origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new PerfError(
      `Invalid base URL ${JSON.stringify(value)} (${origin}): expected an absolute http:// or https:// URL`,
      ExitCode.usage,
    );
  }
  return value;
}

export function resolveScenario(
  name: string,
  scenario: ScenarioConfig,
  configBaseUrl: string | undefined,
  overrides: ScenarioOverrides,
): ResolvedScenario {
  const baseUrlSource = overrides.base_url ?? scenario.base_url ?? configBaseUrl;
  if (baseUrlSource === undefined) {
    throw new PerfError(
      `Scenario "${name}" has no base URL`,
      ExitCode.usage,
      "set base_url in the config or pass -H http://host:port",
    );
  }
  const base_url = validateBaseUrl(
    baseUrlSource,
    overrides.base_url !== undefined ? "-H/--host" : "base_url",
  );
  const users = overrides.users ?? scenario.users;
  const requests = buildRequestPlans(scenario, base_url);
  if (requests.every((r) => r.weight === 0)) {
    throw new PerfError(
      `Scenario "${name}": every task has weight 0, so there is nothing to send`,
      ExitCode.invalidConfig,
    );
  }
  const tasks = scenario.tasks;
  return {
    name,
    description: scenario.description,
    test_type: scenario.test_type ??
      ((TEST_TYPES as readonly string[]).includes(name) ? name : "custom"),
    base_url,
    users,
    // Without a spawn rate every user starts within the first second (Locust's default of 1/s would
    // stretch a 100-user ramp over most of a short test).
    spawn_rate: overrides.spawn_rate ?? scenario.spawn_rate ?? users,
    run_time_ms: overrides.run_time_ms ?? scenario.run_time,
    wait_time: scenario.wait_time,
    requests,
    thresholds: scenario.thresholds,
    endpoint_thresholds: tasks.flatMap((task, i) =>
      Object.keys(task.thresholds).length === 0
        ? []
        : [{ endpoint: endpointKey(requests[i]!.method, requests[i]!.name), thresholds: task.thresholds }]
    ),
    graceful_stop_ms: scenario.graceful_stop,
    workers: overrides.workers ?? scenario.workers,
    engine: overrides.engine ?? scenario.engine,
    ca_file: scenario.tls?.ca_file,
  };
}
