/**
 * Builds the versioned result (the single source of truth) from a finished run. Thresholds are judged
 * here, from the merged histograms, so the verdict and the figures can never disagree.
 */
import { ExitCode } from "../errors.ts";
import type { RunAggregate } from "../metrics/aggregate.ts";
import { judgeGenerator } from "../metrics/generator_health.ts";
import { peakRate } from "../plan/arrival_schedule.ts";
import type { ResolvedScenario, Workload } from "../plan/resolve_scenario.ts";
import type { ScenarioRun } from "../runner/run_scenario.ts";
import { evaluateThresholds, type ThresholdSubject } from "../thresholds/evaluate.ts";
import { VERSION } from "../version.ts";
import { segmentLabel } from "../plan/segment.ts";
import { enduranceAnalysis, stressAnalysis } from "./analyses.ts";
import {
  RESULT_SCHEMA_VERSION,
  type RunResult,
  type StageMark,
  type ThresholdResult,
} from "../model/result.ts";

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

/** Up to 6 significant digits without float noise, for stage labels. */
const trimRate = (rate: number) => String(Number(rate.toPrecision(6)));

/** `→ 100 users` when the stage moves the load, `hold 100 users` when it keeps it. */
function stageLabel(from: number, to: number, target: string): string {
  return `${from === to ? "hold" : "→"} ${target}`;
}

/**
 * The stage boundaries of a staged workload (user stages, or rate stages of the open model), or
 * undefined for the plain models: a constant rate is one segment with nothing to mark.
 */
export function stageMarks(workload: Workload): StageMark[] | undefined {
  if (workload.model === "closed") {
    if (!workload.stages || workload.stages.length === 0) return undefined;
    let startMs = 0;
    let users = 0;
    return workload.stages.map((stage) => {
      const target = `${stage.users} user${stage.users === 1 ? "" : "s"}`;
      const mark = { t_s: startMs / 1000, label: stageLabel(users, stage.users, target) };
      startMs += stage.duration_ms;
      users = stage.users;
      return mark;
    });
  }
  const [first] = workload.spans;
  if (workload.spans.length === 1 && first && first.from_rate === first.to_rate) return undefined;
  return workload.spans.map((s) => ({
    t_s: s.start_ms / 1000,
    label: stageLabel(s.from_rate, s.to_rate, `${trimRate(s.to_rate)}/s`),
  }));
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
      // A segment's share of the rate (merge sums them back).
      rate: scenario.workload.model === "open"
        ? peakRate(scenario.workload.spans) / (scenario.segment?.count ?? 1)
        : undefined,
      ...(scenario.segment ? { segment: segmentLabel(scenario.segment) } : {}),
      stop_reason: run.stop_reason,
      status: run.interrupted ? "interrupted" : "completed",
      ...stagesOrNothing(
        scenario.stress
          ? scenario.stress.stages.map((s) => ({ t_s: s.start_s, label: s.label }))
          : stageMarks(scenario.workload),
      ),
      perf_version: VERSION,
    },
    summary: scenario.workload.model === "open"
      ? { ...aggregate.summary(run.elapsed_s), dropped_iterations: aggregate.droppedIterations }
      : aggregate.summary(run.elapsed_s),
    endpoints: aggregate.endpoints(run.elapsed_s),
    timeline: [...run.timeline.points],
    thresholds,
    generator: judgeGenerator(run.timeline.points, run.cores, aggregate.droppedIterations),
    ...analysesOf(scenario, run),
    exit_code: run.threshold_abort && !run.interrupted
      ? ExitCode.thresholdAbort
      : exitCodeFor(run.interrupted, thresholds),
  };
}

/** Monitors, live thresholds and the test type's analysis, each only when the run has it. */
function analysesOf(scenario: ResolvedScenario, run: ScenarioRun): Partial<RunResult> {
  const timeline = [...run.timeline.points];
  return {
    ...(run.monitors ? { monitors: run.monitors } : {}),
    ...(run.live_thresholds ? { live_thresholds: run.live_thresholds } : {}),
    ...(scenario.stress
      ? { stress: stressAnalysis(scenario.stress, scenario.thresholds, timeline, run.monitors) }
      : {}),
    ...(scenario.endurance
      ? { endurance: enduranceAnalysis(scenario.endurance, timeline, run.monitors) }
      : {}),
  };
}

function stagesOrNothing(stages: StageMark[] | undefined): { stages?: StageMark[] } {
  return stages ? { stages } : {};
}
