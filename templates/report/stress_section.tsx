/**
 * A stress run: the verdict in a sentence, cards for the max sustainable rate, the breaking point, the
 * knee and the recovery, req/s and p95 per step against the load, the steps table, the recovery curve.
 */
import type { StressAnalysis } from "../../src/model/analysis.ts";
import type { RunCharts } from "../../src/report/html/run_charts.ts";
import { RECOVERY_AXIS_BANDS } from "../../src/report/html/stress_charts.ts";
import { judgedBy, stressCards } from "../../src/report/html/stress_view.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { FigureCards } from "./figure_cards.tsx";
import { Section } from "./section.tsx";
import { StepResourcesTable, StressStepsTable } from "./stress_steps_table.tsx";

export function StressSection(props: { stress: StressAnalysis; charts: RunCharts }) {
  const { stress, charts } = props;
  const broke = stress.breaking_point !== undefined;
  return (
    <Section id="stress" title="Stress: steps and breaking point" intro={judgedBy(stress)}>
      <p class={`analysis-verdict ${broke ? "tone-bad" : "tone-ok"}`}>{stress.verdict}</p>
      <FigureCards figures={stressCards(stress)} />
      <ChartFigure
        spec={charts.stressSteps}
        hint="req/s (left), p95 ms (right); ringed dots: failed steps"
      />
      <StressStepsTable stress={stress} />
      <StepResourcesTable stress={stress} />
      <ChartFigure
        spec={charts.stressRecovery}
        hint={`ms, the axis stops at ${RECOVERY_AXIS_BANDS}× the band; dashed: the band p95 had to come back within`}
        missing={`Recovery: ${stress.recovery.explanation}.`}
      />
    </Section>
  );
}
