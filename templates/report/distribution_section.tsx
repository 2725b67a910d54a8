/** The whole run's distribution: the latency spectrum, then status codes and failure kinds side by side. */
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import type { RunResult } from "../../src/model/result.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

export function DistributionSection(props: { result: RunResult; charts: DrawnRunCharts }) {
  const { charts, result } = props;
  const noResponses = result.summary.requests > 0
    ? "No HTTP responses: every request failed before a status line arrived."
    : "No requests were sent.";
  return (
    <Section
      id="distribution"
      title="Latency distribution and responses"
      intro="Latency by percentile on a log scale: each step right is one more nine (90%, 99%, 99.9%, 99.99%), where tail latency hides."
    >
      <ChartFigure chart={charts.spectrum} hint="ms" missing="No latency was recorded in this run." />
      <div class="grid-2">
        <ChartFigure chart={charts.statusCodes} missing={noResponses} />
        <ChartFigure chart={charts.errorKinds} missing="No failures: every response was as expected." />
      </div>
    </Section>
  );
}
