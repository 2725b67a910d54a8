/**
 * A stress run: the verdict in a sentence, cards for the max sustainable rate, the breaking point, the
 * knee and the recovery, req/s and p95 per step against the load, the steps table, the recovery curve.
 */
import type { StressView } from "../../src/model/report_view.ts";
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { FigureCards } from "./figure_cards.tsx";
import { Section } from "./section.tsx";
import { StepResourcesTable, StressStepsTable } from "./stress_steps_table.tsx";

export function StressSection(props: { view: StressView; charts: DrawnRunCharts }) {
  const { view, charts } = props;
  const stress = view.analysis;
  const broke = stress.breaking_point !== undefined;
  return (
    <Section id="stress" title="Stress: steps and breaking point" intro={view.judgedBy}>
      <p class={`analysis-verdict ${broke ? "tone-bad" : "tone-ok"}`}>{stress.verdict}</p>
      <FigureCards figures={view.cards} />
      {charts.stressSearch && (
        <ChartFigure
          chart={charts.stressSearch}
          hint="req/s; dashed: the rate offered, step by step (drains and recovery included); ✓ held, ✗ failed"
        />
      )}
      <ChartFigure
        chart={charts.stressSteps}
        hint="req/s (left), p95 ms (right); ringed dots: failed steps"
      />
      <StressStepsTable rows={view.steps} />
      <StepResourcesTable rows={view.steps} names={view.resourceNames} />
      <ChartFigure
        chart={charts.stressRecovery}
        hint={`ms, the axis stops at ${view.recoveryAxisBands}× the band; dashed: the band p95 had to come back within`}
        missing={`Recovery: ${stress.recovery.explanation}.`}
      />
    </Section>
  );
}
