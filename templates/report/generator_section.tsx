/** The load generator's own health: its verdict in words, its CPU and event-loop lag, its memory over time. */
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import type { RunResult } from "../../src/model/result.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

/** The verdict is written to follow "Generator: "; on its own line it starts a sentence. */
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function GeneratorSection(props: { result: RunResult; charts: DrawnRunCharts }) {
  const health = props.result.generator;
  if (!health && !props.charts.generator && !props.charts.generatorMemory) return null;
  return (
    <Section
      id="generator"
      title="Load generator"
      intro="perf watches itself, so a saturated client is not mistaken for a slow server."
    >
      {health && (
        <p class={health.saturated ? "generator-verdict saturated" : "generator-verdict"}>
          {health.saturated ? "⚠ " : ""}
          {capitalize(health.verdict)}
        </p>
      )}
      <ChartFigure
        chart={props.charts.generator}
        hint="CPU % (left, 100% = one core), lag ms (right)"
        missing="This result carries no generator samples."
      />
      <ChartFigure chart={props.charts.generatorMemory} hint="MB, the highest per interval" />
    </Section>
  );
}
