/**
 * The analyses a test type asks for, computed from the finished result's own timeline and monitors
 * (so `perf report` could recompute them): the stress steps (max sustainable rate, breaking point,
 * knee, recovery) and the endurance drift (p95, throughput, errors and every monitored series).
 */
import { stepJudgeable } from "../analysis/stress_steps.ts";
import { analyzeEndurance } from "../analysis/endurance.ts";
import { type EnduranceAnalysis } from "../model/analysis.ts";
import type { MonitorSeries } from "../analysis/series.ts";
import { analyzeStress } from "../analysis/stress.ts";
import { type StressAnalysis } from "../model/analysis.ts";
import type { StressStage } from "../model/stress_plan.ts";
import { stepFiguresFromTimeline, stepResources, stepSubject } from "../analysis/stress_steps.ts";
import type { EnduranceConfig, Thresholds } from "../model/config.ts";
import type { MonitorsResult } from "../model/monitor.ts";
import { evaluateThresholds } from "../thresholds/evaluate.ts";
import type { TimelinePoint } from "../model/result.ts";

/** Monitor series as the analyses name them: `<monitor>.<series>` (e.g. `api.rss_mb`). */
export function monitorSeries(monitors: MonitorsResult | undefined): MonitorSeries[] {
  return (monitors?.series ?? []).map((s) => ({
    name: `${s.monitor}.${s.name}`,
    unit: s.unit,
    points: s.points,
  }));
}

export function stressAnalysis(
  stress: { stages: StressStage[]; settle_s?: number },
  thresholds: Thresholds,
  timeline: TimelinePoint[],
  monitors: MonitorsResult | undefined,
): StressAnalysis {
  const steps = stress.stages.filter((s) => s.kind === "step");
  const recovery = stress.stages.find((s) => s.kind === "recovery");
  const figures = stepFiguresFromTimeline(timeline, steps, { settle_s: stress.settle_s });
  const resources = stepResources(monitorSeries(monitors), steps, { settle_s: stress.settle_s });
  const lastT = timeline.at(-1)?.t ?? 0;
  return analyzeStress({
    steps: figures.map((f, i) => ({
      ...f,
      // Endpoint thresholds need per-endpoint figures, which the timeline does not split: run-wide only.
      thresholds: evaluateThresholds(stepJudgeable(thresholds), stepSubject(f), []),
      resources: resources[i],
    })),
    timeline,
    // A run stopped before the recovery stage (Ctrl-C, an abort) has nothing to say about recovery.
    recovery: recovery && lastT > recovery.start_s
      ? { start_s: recovery.start_s, end_s: Math.min(recovery.end_s, lastT) }
      : undefined,
    baseline_target: recovery?.target,
  });
}

export function enduranceAnalysis(
  settings: EnduranceConfig,
  timeline: TimelinePoint[],
  monitors: MonitorsResult | undefined,
): EnduranceAnalysis {
  // perf's own memory (timeline rss_mb) is the generator's health, not the target's
  // drift: V8 sizing its heaps in the first minutes would read as a leak of the system under test.
  return analyzeEndurance(timeline, monitorSeries(monitors), {
    tolerance_pct_per_hour: settings.tolerance,
    warmup_s: settings.warmup === undefined ? undefined : settings.warmup / 1000,
    period_s: settings.period === undefined ? undefined : settings.period / 1000,
    max_cv: settings.max_cv,
  });
}
