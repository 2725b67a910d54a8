/**
 * compilePlan: the config's chosen scenarios, the command's overrides and what was read before (test
 * data) become one RunPlan, frozen. Everything a run needs is resolved here (CLI overrides and
 * `--set`, the config's defaults, test data, the segment's share, user-module URLs, stress steps and
 * workloads), so nothing downstream edits a plan. Pure: the I/O (reading data, importing user modules
 * to check them) happens around it.
 */
import YAML from "yaml";
import { type MonitorConfig } from "../model/monitor_config.ts";
import { type ScenarioConfig, scenarioSchema } from "../model/config.ts";
import { didYouMean } from "../config/suggest.ts";
import { ExitCode, PerfError } from "../errors.ts";
import type { LoadedSource } from "../data/load_data.ts";
import { moduleUrl } from "../user/load_user_module.ts";
import { type ResolvedScenario, resolveScenario, type ScenarioOverrides } from "./resolve_scenario.ts";
import { segmentScenario } from "./segment.ts";
import type { Segment } from "./worker_plan.ts";

/** The scenarios of one command, in the order they run. */
export interface RunPlan {
  readonly scenarios: readonly ResolvedScenario[];
}

/** The config-wide settings a scenario inherits. */
export interface PlanDefaults {
  base_url?: string;
  workers?: number;
  monitor?: readonly MonitorConfig[];
}

export interface PlanInputs {
  overrides: ScenarioOverrides;
  /** `--set key=value`, applied to every scenario. */
  sets: readonly string[];
  /** `--segment i/n`: this process runs that share of the users, arrivals and unique data. */
  segment?: Segment;
  /** Test data sources, already read. */
  data: Record<string, LoadedSource>;
  /** Directory that relative user-module paths start from (relative ones from the current directory). */
  moduleDir: string;
}

export function compilePlan(
  chosen: readonly { name: string; scenario: ScenarioConfig }[],
  defaults: PlanDefaults | undefined,
  inputs: PlanInputs,
): RunPlan {
  const scenarios = chosen.map(({ name, scenario }) => {
    const applied = applySets(scenario, inputs.sets);
    // The config's top-level `workers` is a default; a scenario's own setting wins over it.
    const withWorkers = { ...applied, workers: applied.workers ?? defaults?.workers };
    const whole: ResolvedScenario = {
      ...resolveScenario(name, withWorkers, defaults?.base_url, inputs.overrides, [
        ...(defaults?.monitor ?? []),
      ]),
      data: inputs.data,
    };
    const share = inputs.segment ? segmentScenario(whole, inputs.segment) : whole;
    return share.user_module
      ? { ...share, user_module: moduleUrl(share.user_module, inputs.moduleDir) }
      : share;
  });
  return deepFreeze({ scenarios });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parseYamlValue(key: string, text: string): unknown {
  try {
    return YAML.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PerfError(
      `--set ${key}: cannot read ${JSON.stringify(text)} as a YAML value: ${why}`,
      ExitCode.usage,
    );
  }
}

/** Applies `--set key=value` (value as YAML) to a scenario, validated by the scenario schema. */
export function applySets(scenario: ScenarioConfig, sets: readonly string[]): ScenarioConfig {
  const shape = scenarioSchema.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }
  >;
  const updated: Record<string, unknown> = { ...scenario };
  for (const assignment of sets) {
    const eq = assignment.indexOf("=");
    const key = assignment.slice(0, eq).trim();
    if (eq <= 0) {
      throw new PerfError(`--set ${JSON.stringify(assignment)}: expected key=value`, ExitCode.usage);
    }
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) {
      throw new PerfError(
        `--set: unknown scenario key "${key}"${didYouMean(key, Object.keys(shape))}`,
        ExitCode.usage,
      );
    }
    const parsed = field.safeParse(parseYamlValue(key, assignment.slice(eq + 1)));
    if (!parsed.success) {
      const why = parsed.error?.issues.map((i) => i.message).join("; ") ?? "invalid value";
      throw new PerfError(`--set ${key}: ${why}`, ExitCode.usage);
    }
    updated[key] = parsed.data;
  }
  return updated as ScenarioConfig;
}
