/**
 * The run report page (`report.html`): header, verdict with thresholds (and live ones), summary figures,
 * charts over time, then when the result has them the stress steps, the endurance drift and the
 * monitored resources, then the distribution, endpoints, request phases and the generator.
 */
import type { DrawnRunCharts } from "../../src/model/report_view.ts";
import { formatUtc } from "../../src/format/report_format.ts";
import type { RunReportView } from "../../src/model/report_view.ts";
import { type ContentsEntry, ContentsNav } from "./contents_nav.tsx";
import { DistributionSection } from "./distribution_section.tsx";
import { EnduranceSection } from "./endurance_section.tsx";
import { EndpointDetail } from "./endpoint_detail.tsx";
import { EndpointsOverview } from "./endpoints_overview.tsx";
import { GeneratorSection } from "./generator_section.tsx";
import { LiveThresholdsTable } from "./live_thresholds_table.tsx";
import { PhaseTimings } from "./phase_timings.tsx";
import { ReportDocument } from "./report_document.tsx";
import { ResourcesSection } from "./resources_section.tsx";
import { RunHeader } from "./run_header.tsx";
import { Section } from "./section.tsx";
import { StressSection } from "./stress_section.tsx";
import { SummaryFigures } from "./summary_figures.tsx";
import { ThresholdsTable } from "./thresholds_table.tsx";
import { TimelineSection } from "./timeline_section.tsx";
import { VerdictBanner } from "./verdict_banner.tsx";

export interface RunReportProps {
  view: RunReportView;
  charts: DrawnRunCharts;
}

function contents(props: RunReportProps): ContentsEntry[] {
  const { charts } = props;
  const { result } = props.view;
  return [
    { id: "verdict", label: "Verdict" },
    { id: "summary", label: "Summary" },
    { id: "over-time", label: "Over time" },
    ...(result.stress ? [{ id: "stress", label: "Stress: breaking point" }] : []),
    ...(result.endurance ? [{ id: "endurance", label: "Endurance: drift" }] : []),
    ...(charts.monitors.length > 0 ? [{ id: "resources", label: "Resources" }] : []),
    { id: "distribution", label: "Distribution" },
    { id: "endpoints", label: `Endpoints (${result.endpoints.length})` },
    ...(charts.phases ? [{ id: "phases", label: "Request phases" }] : []),
    ...(result.generator || charts.generator || charts.generatorMemory
      ? [{ id: "generator", label: "Load generator" }]
      : []),
  ];
}

export function RunReport(props: RunReportProps) {
  const { view, charts } = props;
  const { result, verdict } = view;
  const title = `perf · ${result.run.scenario} · ${verdict.label} · ${formatUtc(result.run.started_at)}`;
  return (
    <ReportDocument title={title} description={`${verdict.label}: ${verdict.headline}`}>
      <RunHeader run={result.run} />
      <ContentsNav entries={contents(props)} />
      <Section id="verdict" title="Verdict">
        <VerdictBanner verdict={verdict} exitCode={result.exit_code} />
        <ThresholdsTable thresholds={result.thresholds} />
        <LiveThresholdsTable rows={view.liveThresholds} />
      </Section>
      <Section id="summary" title="Summary">
        <SummaryFigures result={result} />
      </Section>
      <TimelineSection result={result} charts={charts} />
      {view.stress && <StressSection view={view.stress} charts={charts} />}
      {view.endurance && <EnduranceSection view={view.endurance} charts={charts} />}
      <ResourcesSection monitors={charts.monitors} drift={result.endurance !== undefined} />
      <DistributionSection result={result} charts={charts} />
      <Section id="endpoints" title="Endpoints">
        <EndpointsOverview result={result} />
        {result.endpoints.map((endpoint, i) => (
          <EndpointDetail key={i} endpoint={endpoint} index={i} chart={charts.endpoints[i]} />
        ))}
      </Section>
      <PhaseTimings phases={view.phases} chart={charts.phases} />
      <GeneratorSection result={result} charts={charts} />
      <footer>
        Rendered by perf {result.run.perf_version} from <code>result.json</code> of run{" "}
        <code>{result.run.id}</code>. Charts are inline SVG; the same charts are in <code>plots/</code>.
      </footer>
    </ReportDocument>
  );
}
