/**
 * Builds the versioned result (the single source of truth) from a finished run. Thresholds are judged
 * here, from the merged histograms, so the verdict and the figures can never disagree.
 */
import { ExitCode } from "../errors.ts";
import type { RunAggregate } from "../metrics/aggregate.ts";
import { judgeGenerator } from "../metrics/generator_health.ts";
import { peakRate } from "../plan/arrival_schedule.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import type { ScenarioRun } from "../runner/run_scenario.ts";
import { evaluateThresholds, type ThresholdSubject } from "../thresholds/evaluate.ts";
import { VERSION } from "../version.ts";
import { RESULT_SCHEMA_VERSION, type RunResult, type ThresholdResult } from "./types.ts";

export interface ResultContext {
  run_id: string;
  engine: string;
  config_file?: string;
  config_digest?: string;
}

export function judgeThresholds(scenario: ResolvedScenario, run: ScenarioRun): ThresholdResult[] {
  const { aggregate, elapsed_s } = run;
  const summary = aggregate.summary(elapsed_s);
  const endpoints = new Map(aggregate.endpoints(elapsed_s).map((e) => [`${e.method} ${e.name}`, e]));
  const subjectFor = (key: string | undefined): ThresholdSubject | undefined => {
    const stats = key === undefined ? summary : endpoints.get(key);
    if (!stats) return undefined;
    return { stats, percentileMs: (p) => aggregate.percentileMs(p, key) ?? 0 };
  };
  return evaluateThresholds(
    scenario.thresholds,
    subjectFor(undefined)!,
    scenario.endpoint_thresholds.map((e) => ({ ...e, subject: subjectFor(e.endpoint) })),
  );
}

export function exitCodeFor(interrupted: boolean, thresholds: readonly ThresholdResult[]): number {
  if (interrupted) return ExitCode.aborted;
  return thresholds.every((t) => t.ok) ? ExitCode.ok : ExitCode.thresholdsFailed;
}

export function buildResult(scenario: ResolvedScenario, run: ScenarioRun, context: ResultContext): RunResult {
  const aggregate: RunAggregate = run.aggregate;
  const thresholds = judgeThresholds(scenario, run);
  return {
    schema_version: RESULT_SCHEMA_VERSION,
    run: {
      id: context.run_id,
      scenario: scenario.name,
      description: scenario.description,
      test_type: scenario.test_type,
      base_url: scenario.base_url,
      started_at: run.started_at.toISOString(),
      ended_at: run.ended_at.toISOString(),
      duration_s: run.elapsed_s,
      config_file: context.config_file,
      config_digest: context.config_digest,
      engine: context.engine,
      workers: run.workers,
      users: scenario.users,
      spawn_rate: scenario.spawn_rate,
      run_time_s: scenario.run_time_ms / 1000,
      model: scenario.workload.model,
      rate: scenario.workload.model === "open" ? peakRate(scenario.workload.segments) : undefined,
      stop_reason: run.stop_reason,
      status: run.interrupted ? "interrupted" : "completed",
      perf_version: VERSION,
    },
    summary: scenario.workload.model === "open"
      ? { ...aggregate.summary(run.elapsed_s), dropped_iterations: aggregate.droppedIterations }
      : aggregate.summary(run.elapsed_s),
    endpoints: aggregate.endpoints(run.elapsed_s),
    timeline: [...run.timeline.points],
    thresholds,
    generator: judgeGenerator(run.timeline.points, run.cores, aggregate.droppedIterations),
    exit_code: exitCodeFor(run.interrupted, thresholds),
  };
}
