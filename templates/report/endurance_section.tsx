/**
 * An endurance run: the verdict and why, p95 with its fitted drift, the drift of every series, how
 * consistent response times were, and the errors per period.
 */
import type { EnduranceAnalysis } from "../../src/model/analysis.ts";
import { DRIFT_AXIS_LEVELS } from "../../src/report/html/endurance_charts.ts";
import { consistencyCards, driftRows, periodRows } from "../../src/report/html/endurance_view.ts";
import { formatRunLength } from "../../src/format/report_format.ts";
import type { RunCharts } from "../../src/report/html/run_charts.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { DriftTable } from "./drift_table.tsx";
import { FigureCards } from "./figure_cards.tsx";
import { PeriodsTable } from "./periods_table.tsx";
import { Section } from "./section.tsx";

function intro(e: EnduranceAnalysis): string {
  const { start_s, end_s } = e.window;
  const from = start_s > 0 ? ` from ${formatRunLength(start_s)} (after the warm-up)` : "";
  return `Analysed${from} over ${formatRunLength(end_s - start_s)}. A series drifts when its slope, less ` +
    `three standard errors, exceeds ±${e.tolerance_pct_per_hour}%/h of its start level in the bad direction.`;
}

export function EnduranceSection(props: { endurance: EnduranceAnalysis; charts: RunCharts }) {
  const { endurance: e, charts } = props;
  const periods = periodRows(e.periods);
  return (
    <Section id="endurance" title="Endurance: drift and consistency" intro={intro(e)}>
      {e.verdict.ok
        ? <p class="analysis-verdict tone-ok">✓ {e.verdict.summary}</p>
        : (
          <div class="analysis-verdict tone-bad">
            <p>✗ Drift beyond tolerance:</p>
            <ul class="reasons">{e.verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          </div>
        )}
      <ChartFigure
        spec={charts.drift}
        hint={`ms, the axis stops at ${DRIFT_AXIS_LEVELS}× the fitted level; dashed: the fitted drift over the analysed window`}
      />
      <DriftTable rows={driftRows(e)} />
      <h3 class="subheading">Consistency of response times</h3>
      <FigureCards figures={consistencyCards(e.consistency)} />
      <ChartFigure spec={charts.periods} hint="p95 ms (left), error rate (right), one step per period" />
      {periods.rows.length > 0 && <PeriodsTable rows={periods.rows} note={periods.note} />}
    </Section>
  );
}
