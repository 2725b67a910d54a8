/** How the run unfolded: throughput with users, latency percentiles, failures, per timeline interval. */
import { formatSeconds } from "../../src/format/report_format.ts";
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import type { RunResult } from "../../src/model/result.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

/** Long runs coarsen their intervals; say how long one point is so a 43 s average is not read as a spike. */
function intervalIntro(result: RunResult): string {
  const last = result.timeline[result.timeline.length - 1];
  if (!last) return "No intervals were recorded.";
  const stages = (result.run.stages?.length ?? 0) > 0 ? " Dashed lines mark where a stage begins." : "";
  return `One point per ${
    formatSeconds(last.interval_s)
  } interval, ${result.timeline.length} in all.${stages}`;
}

export function TimelineSection(props: { result: RunResult; charts: DrawnRunCharts }) {
  const { charts } = props;
  const open = props.result.run.model === "open";
  return (
    <Section id="over-time" title="Over time" intro={intervalIntro(props.result)}>
      <ChartFigure chart={charts.throughput} hint="requests/s (left), users (right)" />
      <ChartFigure
        chart={charts.latency}
        hint={open ? "ms, from the scheduled start" : "ms"}
      />
      <ChartFigure chart={charts.errors} hint="per second (left), share of requests (right)" />
    </Section>
  );
}
