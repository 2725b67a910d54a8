/**
 * A stress analysis in words and numbers for the report: headline cards (max sustainable, breaking
 * point with the checks it failed, knee, recovery) and one row per step.
 */
import { DEFAULT_CRITERIA } from "../../analysis/stress.ts";
import { type StressAnalysis, type StressStepSummary } from "../../model/analysis.ts";
import { type FailedCheck } from "../../model/thresholds.ts";
import { formatLoad } from "../../model/stress_plan.ts";
import { formatMs, formatPercent } from "../../format/format.ts";
import { sig } from "./endurance_view.ts";
import type { FigureCard, StepRow } from "../../model/report_view.ts";
import { formatCount, formatRps } from "../../format/report_format.ts";
import { formatThresholdValue } from "../../format/threshold_format.ts";

/** "response_time_p95 468 ms (<= 100 ms)". */
function describeCheck(check: FailedCheck): string {
  return `${check.name} ${formatThresholdValue(check.unit, check.value)} (${check.threshold})`;
}

function sustainedCard(stress: StressAnalysis): FigureCard {
  const s = stress.max_sustainable_step;
  if (!s) {
    return { label: "Max sustainable", value: "none", tone: "bad", detail: "the first step already failed" };
  }
  return {
    label: "Max sustainable",
    value: formatRps(s.rps),
    unit: "req/s",
    detail: `at ${formatLoad(s.target, s.unit)}`,
  };
}

function breakingCard(stress: StressAnalysis): FigureCard {
  const b = stress.breaking_point;
  if (!b) {
    const last = stress.max_sustainable_step;
    const detail = last ? `every judged step up to ${formatLoad(last.target, last.unit)} passed` : undefined;
    return { label: "Breaking point", value: "not reached", tone: "ok", detail };
  }
  return {
    label: "Breaking point",
    value: formatLoad(b.target, b.unit),
    tone: "bad",
    detail: `${formatRps(b.rps)} req/s answered; failed ${b.failed.map(describeCheck).join(", ")}`,
  };
}

function kneeCard(stress: StressAnalysis): FigureCard {
  const k = stress.knee;
  if (!k) return { label: "Knee", value: "none", detail: "req/s kept growing with the load" };
  return {
    label: "Knee",
    value: formatLoad(k.target, k.unit),
    detail: `${formatRps(k.rps)} req/s; past it, ${k.reason}`,
  };
}

function recoveryCard(stress: StressAnalysis): FigureCard {
  const r = stress.recovery;
  if (r.recovered && r.recovery_s !== undefined) {
    return {
      label: "Recovery after the peak",
      value: String(r.recovery_s),
      unit: "s",
      tone: "ok",
      detail: r.explanation,
    };
  }
  if (/^not measured/.test(r.explanation)) {
    return { label: "Recovery after the peak", value: "not measured", tone: "warn", detail: r.explanation };
  }
  return {
    label: "Recovery after the peak",
    value: `did not recover within ${r.limit_s} s`,
    tone: "bad",
    detail: r.explanation,
  };
}

export function stressCards(stress: StressAnalysis): FigureCard[] {
  return [sustainedCard(stress), breakingCard(stress), kneeCard(stress), recoveryCard(stress)];
}

/** Resources shown as columns: those measured on any step, at most eight. */
export function resourceNames(stress: StressAnalysis): string[] {
  const names = new Set(stress.steps.flatMap((s) => Object.keys(s.resources ?? {})));
  return [...names].slice(0, 8);
}

function failedText(stress: StressAnalysis, step: StressStepSummary): string {
  const b = stress.breaking_point;
  if (b && b.index === step.index) return b.failed.map(describeCheck).join(", ");
  return step.failed.join(", ");
}

export function stepRows(stress: StressAnalysis): StepRow[] {
  const names = resourceNames(stress);
  return stress.steps.map((s) => ({
    load: formatLoad(s.target, s.unit),
    time: `${Number(s.start_s.toFixed(1))}–${Number(s.end_s.toFixed(1))} s`,
    requests: formatCount(s.requests),
    rps: formatRps(s.rps),
    p95: s.p95_ms === undefined ? "—" : `${formatMs(s.p95_ms)} ms`,
    errorRate: formatPercent(s.error_rate),
    ok: s.ok,
    ...(s.not_judged ? { notJudged: s.not_judged } : {}),
    breaking: stress.breaking_point?.index === s.index,
    failed: failedText(stress, s),
    resources: names.map((n) => sig(s.resources?.[n])),
  }));
}

/** How the steps were judged, for the line above the table. */
export function judgedBy(stress: StressAnalysis): string {
  const c = DEFAULT_CRITERIA;
  return stress.steps.some((s) => s.judged_by === "default")
    ? `No thresholds: each step was judged by perf's default criteria (error rate ≤ ${
      formatPercent(c.max_error_rate)
    }, p95 ≤ ${c.p95_factor} × the first step's + ${c.p95_slack_ms} ms, and for arrival rates at least ${
      c.min_rate_share * 100
    }% of the offered rate answered).`
    : "Each step was judged by the scenario's thresholds, on that step's figures.";
}
