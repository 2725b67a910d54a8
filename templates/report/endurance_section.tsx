/**
 * An endurance run: the verdict and why, p95 with its fitted drift, the drift of every series, how
 * consistent response times were, and the errors per period.
 */
import type { EnduranceView } from "../../src/model/report_view.ts";
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { DriftTable } from "./drift_table.tsx";
import { FigureCards } from "./figure_cards.tsx";
import { PeriodsTable } from "./periods_table.tsx";
import { Section } from "./section.tsx";

export function EnduranceSection(props: { view: EnduranceView; charts: DrawnRunCharts }) {
  const { view, charts } = props;
  const e = view.analysis;
  return (
    <Section id="endurance" title="Endurance: drift and consistency" intro={view.intro}>
      {e.verdict.ok
        ? <p class="analysis-verdict tone-ok">✓ {e.verdict.summary}</p>
        : (
          <div class="analysis-verdict tone-bad">
            <p>✗ Drift beyond tolerance:</p>
            <ul class="reasons">{e.verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          </div>
        )}
      <ChartFigure
        chart={charts.drift}
        hint={`ms, the axis stops at ${view.driftAxisLevels}× the fitted level; dashed: the fitted drift over the analysed window`}
      />
      <DriftTable rows={view.drift} />
      <h3 class="subheading">Consistency of response times</h3>
      <FigureCards figures={view.consistency} />
      <ChartFigure chart={charts.periods} hint="p95 ms (left), error rate (right), one step per period" />
      {view.periods.length > 0 && <PeriodsTable rows={view.periods} note={view.periodsNote} />}
    </Section>
  );
}
