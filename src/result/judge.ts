/**
 * judge(plan, measurements) -> RunResult (design §2): the versioned result, the single source of truth,
 * from what a run measured. Thresholds are judged here, from the same figures and histograms the result
 * carries, so the verdict and the figures can never disagree. Pure.
 */
import { ExitCode } from "../errors.ts";
import { decodeHistogram, type Histogram, percentileMs } from "../metrics/histogram.ts";
import type { Measurements } from "../model/measurements.ts";
import { judgeGenerator } from "../metrics/generator_health.ts";
import { peakRate } from "../plan/arrival_schedule.ts";
import type { ResolvedScenario, Workload } from "../plan/resolve_scenario.ts";
import { evaluateThresholds, type ThresholdSubject } from "../thresholds/evaluate.ts";
import { VERSION } from "../version.ts";
import { segmentLabel } from "../plan/segment.ts";
import { enduranceAnalysis, stressAnalysis } from "./analyses.ts";
import { analyzeSearch } from "../analysis/search_analysis.ts";
import type { SearchRecord } from "../model/search.ts";
import {
  RESULT_SCHEMA_VERSION,
  type RunResult,
  type StageMark,
  type StatsFigures,
  type ThresholdResult,
} from "../model/result.ts";

export interface ResultContext {
  run_id: string;
  engine: string;
  config_file?: string;
  config_digest?: string;
}

/** A threshold subject over figures and their encoded histogram, decoded only if a percentile needs it. */
function subjectOf(stats: StatsFigures & { histogram: string }): ThresholdSubject {
  let histogram: Histogram | undefined;
  return {
    stats,
    percentileMs: (p) => percentileMs(histogram ??= decodeHistogram(stats.histogram), p),
  };
}

export function judgeThresholds(scenario: ResolvedScenario, measured: Measurements): ThresholdResult[] {
  const endpoints = new Map(measured.endpoints.map((e) => [`${e.method} ${e.name}`, e]));
  return evaluateThresholds(
    scenario.thresholds,
    subjectOf(measured.summary),
    scenario.endpoint_thresholds.map((e) => {
      const stats = endpoints.get(e.endpoint);
      return { ...e, subject: stats ? subjectOf(stats) : undefined };
    }),
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

export function judge(scenario: ResolvedScenario, run: Measurements, context: ResultContext): RunResult {
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
      // A segment's share of the rate (merge sums them back); a search's highest offered rate.
      rate: run.search
        ? Math.max(0, ...run.search.path.map((s) => s.rate), run.search.recovery?.peak?.rate ?? 0)
        : scenario.workload.model === "open"
        ? peakRate(scenario.workload.spans) / (scenario.segment?.count ?? 1)
        : undefined,
      ...(scenario.segment ? { segment: segmentLabel(scenario.segment) } : {}),
      stop_reason: run.stop_reason,
      status: run.interrupted ? "interrupted" : "completed",
      ...stagesOrNothing(
        scenario.stress
          ? scenario.stress.stages.map((s) => ({ t_s: s.start_s, label: s.label }))
          : run.search
          ? searchMarks(run.search)
          : stageMarks(scenario.workload),
      ),
      perf_version: VERSION,
    },
    summary: scenario.workload.model === "open"
      ? { ...run.summary, dropped_iterations: run.dropped_iterations }
      : run.summary,
    endpoints: run.endpoints,
    timeline: run.timeline,
    thresholds,
    generator: judgeGenerator(run.timeline, run.cores, run.dropped_iterations),
    ...analysesOf(scenario, run),
    exit_code: run.threshold_abort && !run.interrupted
      ? ExitCode.thresholdAbort
      : exitCodeFor(run.interrupted, thresholds),
  };
}

/** Monitors, live thresholds and the test type's analysis, each only when the run has it. */
function analysesOf(scenario: ResolvedScenario, run: Measurements): Partial<RunResult> {
  const timeline = run.timeline;
  return {
    ...(run.monitors ? { monitors: run.monitors } : {}),
    ...(run.live_thresholds ? { live_thresholds: run.live_thresholds } : {}),
    ...(scenario.stress
      ? { stress: stressAnalysis(scenario.stress, scenario.thresholds, timeline, run.monitors) }
      : {}),
    ...(scenario.search && run.search ? { stress: analyzeSearch(run.search, timeline) } : {}),
    ...(scenario.endurance
      ? { endurance: enduranceAnalysis(scenario.endurance, timeline, run.monitors) }
      : {}),
  };
}

/** A search's steps and its recovery as stage marks: `step 3 → 400/s`, `recovery → 100/s`. */
function searchMarks(search: SearchRecord): StageMark[] {
  const steps = search.path.map((s) => ({ t_s: s.start_s, label: `step ${s.index + 1} → ${s.rate}/s` }));
  const r = search.recovery;
  if (!r) return steps;
  const peak = r.peak ? [{ t_s: r.peak.start_s, label: `peak → ${r.peak.rate}/s` }] : [];
  return [...steps, ...peak, { t_s: r.start_s, label: `recovery → ${r.rate}/s` }];
}

function stagesOrNothing(stages: StageMark[] | undefined): { stages?: StageMark[] } {
  return stages ? { stages } : {};
}
