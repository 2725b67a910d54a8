/**
 * A stress plan as the runner's stages: each step reached by a short ramp (so users or arrivals do not
 * all start on one tick) and then held; the recovery stage drops back the same way. Pure.
 */
import type { StressStage } from "../model/stress_plan.ts";
import type { RateStage } from "./arrival_schedule.ts";
import type { UserStage } from "./closed_model.ts";

/** How long each change of load takes: a second, or a tenth of a short stage. */
export function stressRampMs(stage: StressStage): number {
  return Math.min(1000, ((stage.end_s - stage.start_s) * 1000) / 10);
}

/** Ramp then hold, for every stage: [{ramp, target}, {rest, target}]. */
function rampAndHold<T>(
  stages: readonly StressStage[],
  make: (duration_ms: number, target: number) => T,
): T[] {
  return stages.flatMap((stage) => {
    const total = (stage.end_s - stage.start_s) * 1000;
    const ramp = stressRampMs(stage);
    return [make(ramp, stage.target), make(total - ramp, stage.target)];
  });
}

export function stressUserStages(stages: readonly StressStage[]): UserStage[] {
  return rampAndHold(stages, (duration_ms, users) => ({ duration_ms, users: Math.round(users) }));
}

export function stressRateStages(stages: readonly StressStage[]): RateStage[] {
  return rampAndHold(stages, (duration_ms, rate) => ({ duration_ms, rate }));
}
