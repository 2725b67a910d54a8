/**
 * Stress analysis (issue 7), pure: from per-step figures and the timeline to the maximum sustainable
 * throughput, the breaking point, the knee, resource use at the peak and the recovery time.
 * Inputs come from `stress_plan.ts` (the stages) and the runner (per-step figures, or
 * `stepFiguresFromTimeline` when it has no per-step histograms).
 */
import type { StressAnalysis, StressStepSummary } from "../model/analysis.ts";
import type { FailedCheck } from "../model/thresholds.ts";
import type { ThresholdResult, TimelinePoint } from "../model/result.ts";
import { formatPercent } from "../format/format.ts";
import { formatThresholdQuantity } from "../format/threshold_format.ts";
import { isNum } from "./series.ts";
import { round } from "../model/numbers.ts";
import { formatLoad } from "../model/stress_plan.ts";
import { DEFAULT_RECOVERY_BAND, measureRecovery, type RecoveryBand } from "./stress_recovery.ts";
import { type RecoveryResult } from "../model/analysis.ts";
import type { StressStepInput } from "./stress_steps.ts";

/**
 * How a step is judged when the scenario has no thresholds, so `perf run -s stress` against an unknown
 * server still finds a breaking point: error rate ≤ `max_error_rate`; p95 ≤ first step's p95 ×
 * `p95_factor` + `p95_slack_ms` (latency five times the light-load latency is past any comfortable
 * queue; the slack keeps a 1 ms loopback baseline from failing on jitter); and for arrival rates, the
 * answered req/s ≥ `min_rate_share` × the offered rate (a server that cannot keep up is not sustaining).
 */
export interface DefaultCriteria {
  max_error_rate: number;
  p95_factor: number;
  p95_slack_ms: number;
  min_rate_share: number;
}

export const DEFAULT_CRITERIA: DefaultCriteria = {
  max_error_rate: 0.01,
  p95_factor: 5,
  p95_slack_ms: 10,
  min_rate_share: 0.9,
};

/**
 * The knee is the last step before the one where each added unit of load (a user, or 1/s) brought fewer
 * than `KNEE_GAIN_RATIO` × the req/s per unit of the first step (its rps / its load), or where req/s fell.
 * A quarter keeps measurement noise on a still-linear curve (gain ≈ 1 ± 0.2) from reading as a knee.
 */
const KNEE_GAIN_RATIO = 0.25;

/**
 * Fewer answers than this in a step's settled part and its p95 is one of its last two samples: too
 * little to call the step held or broken.
 */
export const MIN_STEP_REQUESTS = 30;

/**
 * Why a step cannot be judged, or undefined when it can: the run ended before the step did (a signal,
 * a live abort, used-up data), or it got too few answers. `measuredUntilS` is the end of the timeline.
 */
export function notJudgedReason(
  step: StressStepInput,
  measuredUntilS: number | undefined,
): string | undefined {
  // Half a second of slack: the last interval of a finished step may close a little before its end.
  if (measuredUntilS !== undefined && measuredUntilS <= step.start_s) {
    return `not reached: the run ended at ${round(measuredUntilS, 1)} s`;
  }
  if (measuredUntilS !== undefined && measuredUntilS < step.end_s - 0.5) {
    return `cut short at ${round(measuredUntilS, 1)} s: the run ended before the step did`;
  }
  if (step.requests < MIN_STEP_REQUESTS) {
    return `too few answers to judge (${step.requests}; at least ${MIN_STEP_REQUESTS})`;
  }
  return undefined;
}

export interface StressOptions {
  default_criteria?: Partial<DefaultCriteria>;
  knee_gain_ratio?: number;
  band?: Partial<RecoveryBand>;
}

export interface StressInput {
  /** In load order (the plan's order). */
  steps: StressStepInput[];
  timeline: TimelinePoint[];
  /** The recovery stage's seconds (start = end of the peak step); absent when the run never reached it. */
  recovery?: { start_s: number; end_s: number };
  /** Load of the recovery stage; the step nearest to it supplies the baseline figures. Default: first step's. */
  baseline_target?: number;
  options?: StressOptions;
}

/** The checks a step is judged by: the scenario's thresholds, or the default criteria when it has none. */
export function judgeStep(
  step: StressStepInput,
  first: StressStepInput,
  criteria: DefaultCriteria = DEFAULT_CRITERIA,
): ThresholdResult[] {
  if (step.thresholds.length) return step.thresholds;
  const p95Limit = first.latency_ms.p95 * criteria.p95_factor + criteria.p95_slack_ms;
  const p95 = step.latency_ms.p95;
  const checks: ThresholdResult[] = [
    {
      name: "default: error_rate",
      key: "error_rate",
      unit: "ratio",
      threshold: `<= ${formatPercent(criteria.max_error_rate)}`,
      limit: criteria.max_error_rate,
      value: step.error_rate,
      ok: step.requests > 0 && step.error_rate <= criteria.max_error_rate,
    },
    {
      name: "default: response_time_p95",
      key: "response_time_p95",
      unit: "ms",
      threshold: `<= ${criteria.p95_factor} × first step p95 + ${criteria.p95_slack_ms} ms`,
      limit: round(p95Limit),
      value: p95,
      ok: isNum(p95) && isNum(p95Limit) && p95 <= p95Limit,
    },
  ];
  if (step.unit === "rate") {
    const floor = criteria.min_rate_share * step.target;
    checks.push({
      name: "default: throughput",
      key: "throughput",
      unit: "req/s",
      threshold: `>= ${round(criteria.min_rate_share * 100)}% of ${formatLoad(step.target, "rate")}`,
      limit: round(floor),
      value: step.rps,
      ok: step.rps >= floor,
    });
  }
  return checks;
}

/**
 * Analyses a stress run.
 *
 * @example
 * ```ts
 * const analysis = analyzeStress({ steps, timeline, recovery: { start_s: 600, end_s: 660 } });
 * console.log(analysis.verdict);
 * ```
 */
export function analyzeStress(input: StressInput): StressAnalysis {
  const opts = input.options ?? {};
  const criteria = { ...DEFAULT_CRITERIA, ...opts.default_criteria };
  const steps = input.steps;
  const first = steps[0];
  const checks = steps.map((s) => (first ? judgeStep(s, first, criteria) : []));
  const measuredUntil = input.timeline.at(-1)?.t;
  const summaries = steps.map((s, i) => summarize(s, checks[i]!, notJudgedReason(s, measuredUntil)));
  const breakIdx = summaries.findIndex((s) => !s.ok && !s.not_judged);
  const held = summaries.slice(0, breakIdx === -1 ? undefined : breakIdx).filter((s) => s.ok);
  const sustained = held.at(-1);
  const broken = breakIdx === -1 ? undefined : summaries[breakIdx]!;
  const peak = summaries.reduce<StressStepSummary | undefined>(
    (m, s) => (!m || s.target > m.target ? s : m),
    undefined,
  );
  const analysis: StressAnalysis = {
    steps: summaries,
    max_sustainable_rps: sustained ? round(sustained.rps) : undefined,
    max_sustainable_step: sustained
      ? { index: sustained.index, target: sustained.target, unit: sustained.unit, rps: round(sustained.rps) }
      : undefined,
    breaking_point: broken ? breakingPoint(broken, checks[breakIdx]!) : undefined,
    // A server that never broke has no knee: a flat stretch before no failure is noise, not a finding.
    knee: broken
      ? findKnee(summaries.filter((s) => !s.not_judged), opts.knee_gain_ratio ?? KNEE_GAIN_RATIO)
      : undefined,
    peak_resources: peak?.resources && Object.keys(peak.resources).length ? peak.resources : undefined,
    recovery: recoveryOf(input, { ...DEFAULT_RECOVERY_BAND, ...opts.band }, broken !== undefined),
    verdict: "",
  };
  analysis.verdict = stressVerdict(analysis);
  return analysis;
}

function summarize(
  s: StressStepInput,
  checks: ThresholdResult[],
  notJudged: string | undefined,
): StressStepSummary {
  return {
    index: s.index,
    target: s.target,
    unit: s.unit,
    start_s: s.start_s,
    end_s: s.end_s,
    requests: s.requests,
    failures: s.failures,
    rps: round(s.rps),
    error_rate: round(s.error_rate, 6),
    p95_ms: isNum(s.latency_ms.p95) && s.requests > 0 ? round(s.latency_ms.p95) : undefined,
    ok: !notJudged && checks.every((t) => t.ok),
    ...(notJudged ? { not_judged: notJudged } : {}),
    failed: notJudged ? [] : checks.filter((t) => !t.ok).map((t) => t.name),
    judged_by: s.thresholds.length ? "thresholds" : "default",
    resources: s.resources,
  };
}

function breakingPoint(s: StressStepSummary, checks: ThresholdResult[]): StressAnalysis["breaking_point"] {
  const failed = checks.filter((t) => !t.ok).map((t) => ({
    name: t.name,
    key: t.key,
    unit: t.unit,
    threshold: t.threshold,
    value: isNum(t.value) ? round(t.value, 6) : t.value,
    limit: t.limit,
  }));
  const { index, target, unit, rps, error_rate, p95_ms } = s;
  return { index, target, unit, rps, error_rate, p95_ms, failed };
}

/** See {@link KNEE_GAIN_RATIO}. Undefined with fewer than 2 steps or while req/s keeps growing. */
export function findKnee(
  steps: readonly Pick<StressStepSummary, "index" | "target" | "unit" | "rps">[],
  ratio = KNEE_GAIN_RATIO,
): StressAnalysis["knee"] {
  const first = steps[0];
  if (!first || !(first.target > 0) || !(first.rps > 0)) return undefined;
  const reference = first.rps / first.target;
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1]!;
    const cur = steps[i]!;
    const added = cur.target - prev.target;
    if (!(added > 0)) continue;
    const gain = (cur.rps - prev.rps) / added;
    if (gain >= ratio * reference) continue;
    const perUnit = prev.unit === "users" ? "user" : "1/s of rate";
    // A dip within 5% is noise on a plateau; past that, more load made the target answer less.
    const reason = cur.rps < prev.rps * 0.95
      ? `req/s fell from ${round(prev.rps, 1)} to ${round(cur.rps, 1)} at ${formatLoad(cur.target, cur.unit)}`
      : `each added ${perUnit} up to ${formatLoad(cur.target, cur.unit)} gave ${round(gain, 3)} req/s ` +
        `(${round((gain / reference) * 100, 1)}% of the ${
          round(reference, 3)
        } req/s per ${perUnit} at the first step)`;
    return { index: prev.index, target: prev.target, unit: prev.unit, rps: round(prev.rps), reason };
  }
  return undefined;
}

function recoveryOf(input: StressInput, band: RecoveryBand, broke: boolean): RecoveryResult {
  const wanted = input.baseline_target ?? input.steps[0]?.target ?? 0;
  const step = input.steps.reduce<StressStepInput | undefined>(
    (best, s) => (!best || Math.abs(s.target - wanted) < Math.abs(best.target - wanted) ? s : best),
    undefined,
  );
  const baseline = {
    target: wanted,
    p95_ms: step && step.requests > 0 ? round(step.latency_ms.p95) : NaN,
    error_rate: round(step?.error_rate ?? 0, 6),
  };
  const why = !input.recovery
    ? "not measured: the run ended before the recovery stage"
    : !broke
    ? "nothing to recover from: no step broke"
    : undefined;
  if (why || !input.recovery) {
    const result = measureRecovery([], { start_s: 0, end_s: 0 }, baseline, band);
    return { ...result, explanation: why ?? "" };
  }
  return measureRecovery(input.timeline, input.recovery, baseline, band);
}

/** One plain sentence per finding, for the text summary and alerts. */
function stressVerdict(a: StressAnalysis): string {
  if (a.steps.length === 0) return "No stress step was measured.";
  const parts: string[] = [];
  const s = a.max_sustainable_step;
  const b = a.breaking_point;
  if (s) parts.push(`Sustained ${s.rps} req/s at ${formatLoad(s.target, s.unit)}.`);
  if (b) {
    const why = b.failed.map((f) => `${f.name} ${formatValue(f)} (${f.threshold})`).join(", ");
    const which = b.index === a.steps[0]!.index ? "Already broke at the first step" : "Broke at";
    parts.push(`${which} ${formatLoad(b.target, b.unit)} (${b.rps} req/s): ${why}.`);
  } else if (s) {
    parts.push(`Never broke: every judged step up to ${formatLoad(s.target, s.unit)} passed.`);
  } else {
    parts.push("No step could be judged.");
  }
  for (const step of a.steps.filter((x) => x.not_judged)) {
    parts.push(`Not judged: ${formatLoad(step.target, step.unit)} (${step.not_judged}).`);
  }
  if (a.knee) {
    parts.push(`Req/s stopped growing past ${formatLoad(a.knee.target, a.knee.unit)} (${a.knee.rps} req/s).`);
  }
  const r = a.recovery;
  if (r.recovered) parts.push(`Recovered ${r.recovery_s} s after the peak.`);
  else parts.push(`Recovery: ${r.explanation}.`);
  return parts.join(" ");
}

/** The value in its threshold's unit. */
function formatValue(f: FailedCheck): string {
  return isNum(f.value) ? formatThresholdQuantity(f.unit, f.value) : "n/a";
}
