/**
 * The stress test's load plan as data (design §2, pure): steps of users or arrival rate from `start` to
 * `max`, then a drop back to the recovery load to measure recovery. The runner turns the stages into its own
 * phases; `analyzeStress` reads the same stages back to know which seconds belong to which step.
 */
import { ExitCode, PerfError } from "../errors.ts";
import { round } from "./numbers.ts";

export type StressUnit = "users" | "rate";

export interface StressPlanInput {
  /** Load of the first step (users, or arrivals per second for `rate`). */
  start: number;
  /** Load added at each step. */
  step: number;
  /** How long each step holds its load, seconds. */
  step_duration_s: number;
  /** Load of the last step; when `start + k·step` misses it, one last step at exactly `max` is added. */
  max: number;
  unit: StressUnit;
  /** Load to drop back to after the peak; default `start`. */
  recovery_load?: number;
  /** How long the recovery stage holds the recovery load, seconds; default {@link DEFAULT_RECOVERY_LIMIT_S}. */
  recovery_limit_s?: number;
}

export interface StressStage {
  /** `step 3/10 → 300 users`, `recovery → 100/s`: reports use it as the stage marker label. */
  label: string;
  kind: "step" | "recovery";
  /** 0-based step number; the recovery stage has the index after the last step. */
  index: number;
  target: number;
  unit: StressUnit;
  start_s: number;
  end_s: number;
}

/** Long enough for most queues to drain, short enough not to double a short stress run. */
const DEFAULT_RECOVERY_LIMIT_S = 60;
/** More steps than this is almost always a typo in `step` (e.g. 1 instead of 100). */
const MAX_STEPS = 1000;

/** Every problem with the input, not only the first (design §4); empty when the plan is valid. */
export function validateStressPlan(input: StressPlanInput): string[] {
  const problems: string[] = [];
  const positive = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      problems.push(`stress ${name} must be a number > 0, got ${v}`);
    }
  };
  positive("start", input.start);
  positive("step", input.step);
  positive("step_duration", input.step_duration_s);
  positive("max", input.max);
  positive("recovery_load", input.recovery_load);
  positive("recovery_limit", input.recovery_limit_s);
  if (input.max < input.start) {
    problems.push(`stress max (${input.max}) must be >= start (${input.start})`);
  }
  if (input.recovery_load !== undefined && input.recovery_load > input.max) {
    problems.push(`stress recovery_load (${input.recovery_load}) must be <= max (${input.max})`);
  }
  if (input.unit === "users") {
    for (const key of ["start", "step", "max", "recovery_load"] as const) {
      const v = input[key];
      if (v !== undefined && !Number.isInteger(v)) {
        problems.push(`stress ${key} in users must be whole, got ${v}`);
      }
    }
  }
  if (problems.length === 0 && stepTargets(input).length > MAX_STEPS) {
    problems.push(
      `stress would run ${stepTargets(input).length} steps (max ${MAX_STEPS}): raise step (${input.step})`,
    );
  }
  return problems;
}

/** The loads of the steps: start, start + step, ... up to max, and max itself if the sequence missed it. */
export function stepTargets(input: Pick<StressPlanInput, "start" | "step" | "max">): number[] {
  const { start, step, max } = input;
  // The epsilon keeps 0.1 + 0.2-style float noise from dropping the step that lands on max.
  const count = Math.floor((max - start) / step + 1e-9) + 1;
  const targets: number[] = [];
  for (let i = 0; i < Math.min(count, MAX_STEPS + 1); i++) targets.push(round(start + i * step, 6));
  if (targets.length <= MAX_STEPS && targets[targets.length - 1]! < max) targets.push(max);
  return targets;
}

/**
 * The stage list: one stage per step, each held for `step_duration_s`, then the recovery stage at the
 * recovery load for `recovery_limit_s`. Throws a `PerfError` (invalid config) listing every problem.
 *
 * @example
 * ```ts
 * planStress({ start: 100, step: 100, step_duration_s: 60, max: 300, unit: "rate" });
 * // steps at 100/s, 200/s, 300/s (0-60, 60-120, 120-180 s), then recovery at 100/s for 180-240 s
 * ```
 */
export function planStress(input: StressPlanInput): StressStage[] {
  const problems = validateStressPlan(input);
  if (problems.length) {
    throw new PerfError(`Invalid stress plan:\n  ${problems.join("\n  ")}`, ExitCode.invalidConfig);
  }
  const targets = stepTargets(input);
  const d = input.step_duration_s;
  const stages: StressStage[] = targets.map((target, i) => ({
    label: `step ${i + 1}/${targets.length} → ${formatLoad(target, input.unit)}`,
    kind: "step",
    index: i,
    target,
    unit: input.unit,
    start_s: round(i * d, 6),
    end_s: round((i + 1) * d, 6),
  }));
  const recoveryLoad = input.recovery_load ?? input.start;
  const peakEnd = round(targets.length * d, 6);
  stages.push({
    label: `recovery → ${formatLoad(recoveryLoad, input.unit)}`,
    kind: "recovery",
    index: targets.length,
    target: recoveryLoad,
    unit: input.unit,
    start_s: peakEnd,
    end_s: round(peakEnd + (input.recovery_limit_s ?? DEFAULT_RECOVERY_LIMIT_S), 6),
  });
  return stages;
}

/** `100 users`, `250/s`: the same forms as the run's stage markers. */
export function formatLoad(target: number, unit: StressUnit): string {
  return unit === "users" ? `${target} users` : `${target}/s`;
}
