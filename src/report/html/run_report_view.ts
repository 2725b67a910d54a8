/**
 * The run report's page apart from its charts, judged and worded once: the verdict, live thresholds,
 * the stress and endurance sections and the measured request phases. The components only draw it.
 */
import type { EnduranceAnalysis, StressAnalysis } from "../../model/analysis.ts";
import type { RunResult, StatsFigures } from "../../model/result.ts";
import type { EnduranceView, PhaseRow, RunReportView, StressView } from "../../model/report_view.ts";
import { formatRunLength } from "../../format/report_format.ts";
import { measuredPhases, PHASE_LABELS } from "./distribution_charts.ts";
import { DRIFT_AXIS_LEVELS } from "./endurance_charts.ts";
import { consistencyCards, driftRows, periodRows } from "./endurance_view.ts";
import { liveThresholdRows } from "./live_view.ts";
import { RECOVERY_AXIS_BANDS } from "./stress_charts.ts";
import { judgedBy, resourceNames, stepRows, stressCards } from "./stress_view.ts";
import { verdictOf } from "./verdict.ts";

export function stressView(stress: StressAnalysis): StressView {
  return {
    analysis: stress,
    judgedBy: judgedBy(stress),
    cards: stressCards(stress),
    steps: stepRows(stress),
    resourceNames: resourceNames(stress),
    recoveryAxisBands: RECOVERY_AXIS_BANDS,
  };
}

/** The window analysed and what counts as drift, for the line under the heading. */
function enduranceIntro(e: EnduranceAnalysis): string {
  const { start_s, end_s } = e.window;
  const from = start_s > 0 ? ` from ${formatRunLength(start_s)} (after the warm-up)` : "";
  return `Analysed${from} over ${formatRunLength(end_s - start_s)}. A series drifts when its slope, less ` +
    `three standard errors, exceeds ±${e.tolerance_pct_per_hour}%/h of its start level in the bad direction.`;
}

export function enduranceView(endurance: EnduranceAnalysis): EnduranceView {
  const periods = periodRows(endurance.periods);
  return {
    analysis: endurance,
    intro: enduranceIntro(endurance),
    drift: driftRows(endurance),
    consistency: consistencyCards(endurance.consistency),
    periods: periods.rows,
    periodsNote: periods.note,
    driftAxisLevels: DRIFT_AXIS_LEVELS,
  };
}

export function phaseRows(figures: StatsFigures): PhaseRow[] {
  return measuredPhases(figures).map((phase) => ({
    label: PHASE_LABELS[phase],
    figures: figures.phases_ms![phase]!,
  }));
}

export function runReportView(result: RunResult): RunReportView {
  return {
    result,
    verdict: verdictOf(result),
    liveThresholds: liveThresholdRows(result.live_thresholds ?? []),
    stress: result.stress && stressView(result.stress),
    endurance: result.endurance && enduranceView(result.endurance),
    phases: phaseRows(result.summary),
  };
}
