/**
 * A capacity search's stress analysis (issue 15), pure: the steps as the search judged them, the
 * maximum sustainable rate (the achieved req/s of the highest step that held below the lowest that
 * failed), the breaking point and its failed checks, the knee (only when something broke), the
 * recovery after the search, and a verdict that says what ended the search.
 */
import type { RecoveryResult, StressAnalysis, StressStepSummary } from "../model/analysis.ts";
import type { TimelinePoint } from "../model/result.ts";
import type { SearchPathStep, SearchRecord, SearchStopReason } from "../model/search.ts";
import { round } from "../model/numbers.ts";
import { formatThresholdQuantity } from "../format/threshold_format.ts";
import { formatLoad } from "../model/stress_plan.ts";
import { DEFAULT_RECOVERY_BAND, measureRecovery } from "./stress_recovery.ts";
import { findKnee } from "./stress.ts";
import { errorRate } from "./series.ts";

const STOPPED: Record<SearchStopReason, string> = {
  converged: "the bracket is within the precision asked",
  max_duration: "max_duration was reached: the bracket is the best found in the time",
  generator_limit: "perf itself could not drive the next step: the limit found is perf's, not the target's " +
    "(raise --workers, or split the load over machines with fixed steps and --segment)",
  max_rate: "every step up to max_rate held",
  failed_at_lowest: "even the lowest rate failed",
  not_judged: "a step was not judged (the run ended during it)",
};

/** Failures per step from the timeline (the path keeps requests, achieved rate and p95). */
function failuresIn(timeline: readonly TimelinePoint[], s: SearchPathStep): number {
  return timeline.filter((p) => p.t > s.start_s && p.t <= s.end_s).reduce((n, p) => n + p.failures, 0);
}

function summary(s: SearchPathStep, timeline: readonly TimelinePoint[]): StressStepSummary {
  const failures = failuresIn(timeline, s);
  const judged = s.verdict === "held" || s.verdict === "failed";
  return {
    index: s.index,
    target: s.rate,
    unit: "rate",
    start_s: s.start_s,
    end_s: s.end_s,
    requests: s.requests,
    failures,
    rps: s.achieved_rps,
    error_rate: round(errorRate(s.requests, Math.min(failures, s.requests)), 6),
    ...(s.p95_ms !== undefined ? { p95_ms: s.p95_ms } : {}),
    ok: s.verdict === "held",
    ...(judged ? {} : { not_judged: s.reasons.join("; ") }),
    failed: s.verdict === "failed" ? s.failed.map((f) => f.name) : [],
    judged_by: "thresholds",
  };
}

function recoveryOf(
  record: SearchRecord,
  timeline: readonly TimelinePoint[],
  broke: boolean,
): RecoveryResult {
  const r = record.recovery;
  const nearest = record.path
    .filter((s) => s.verdict === "held")
    .reduce<SearchPathStep | undefined>(
      (
        best,
        s,
      ) => (!best || Math.abs(s.rate - (r?.rate ?? 0)) < Math.abs(best.rate - (r?.rate ?? 0)) ? s : best),
      undefined,
    );
  const baseline = {
    target: r?.rate ?? 0,
    p95_ms: nearest?.p95_ms ?? NaN,
    error_rate: 0,
  };
  const lastT = timeline.at(-1)?.t ?? 0;
  const why = !r || lastT <= r.start_s
    ? "not measured: the run ended before the recovery stage"
    : !broke
    ? "nothing to recover from: no step broke"
    : undefined;
  if (why) {
    return {
      ...measureRecovery([], { start_s: 0, end_s: 0 }, baseline, DEFAULT_RECOVERY_BAND),
      explanation: why,
    };
  }
  return measureRecovery(timeline, { start_s: r!.start_s, end_s: Math.min(r!.end_s, lastT) }, baseline);
}

export function analyzeSearch(record: SearchRecord, timeline: readonly TimelinePoint[]): StressAnalysis {
  const steps = record.path.map((s) => summary(s, timeline));
  const { held, failed } = record.bracket;
  const sustained = steps.find((s) => s.ok && s.target === held);
  const broken = steps.find((s) => !s.ok && !s.not_judged && s.target === failed);
  const brokenPath = record.path.find((s) => s.index === broken?.index);
  const byRate = [...steps].filter((s) => !s.not_judged).sort((a, b) => a.target - b.target);
  const analysis: StressAnalysis = {
    steps,
    max_sustainable_rps: sustained?.rps,
    max_sustainable_step: sustained
      ? { index: sustained.index, target: sustained.target, unit: "rate", rps: sustained.rps }
      : undefined,
    breaking_point: broken && brokenPath
      ? {
        index: broken.index,
        target: broken.target,
        unit: "rate",
        rps: broken.rps,
        error_rate: broken.error_rate,
        p95_ms: broken.p95_ms,
        failed: brokenPath.failed,
      }
      : undefined,
    knee: broken ? findKnee(byRate) : undefined,
    recovery: recoveryOf(record, timeline, broken !== undefined),
    search: record,
    verdict: "",
  };
  analysis.verdict = searchVerdict(analysis, record);
  return analysis;
}

function searchVerdict(a: StressAnalysis, record: SearchRecord): string {
  const parts: string[] = [];
  const s = a.max_sustainable_step;
  const b = a.breaking_point;
  if (s) parts.push(`Sustained ${s.rps} req/s at ${formatLoad(s.target, "rate")}.`);
  else parts.push("No step held.");
  if (b) {
    const why = b.failed.map((f) => `${f.name} ${formatThresholdQuantity(f.unit, f.value)} (${f.threshold})`)
      .join(", ");
    parts.push(`Broke at ${formatLoad(b.target, "rate")} (${b.rps} req/s): ${why}.`);
  }
  const stopped = record.stopped_by ? STOPPED[record.stopped_by] : "the search did not finish";
  parts.push(`Search: ${record.path.length} steps; it ended because ${stopped}.`);
  const r = a.recovery;
  const peak = record.recovery?.peak;
  const after = peak ? `the peak at ${formatLoad(peak.rate, "rate")}` : "the search";
  parts.push(r.recovered ? `Recovered ${r.recovery_s} s after ${after}.` : `Recovery: ${r.explanation}.`);
  return parts.join(" ");
}
