/** Where the time of a request goes (DNS, connect, TLS, first byte, download), for engines that measure it. */
import { formatMs } from "../../src/format/format.ts";
import { measuredPhases, PHASE_LABELS, type PhaseName } from "../../src/report/html/distribution_charts.ts";
import type { ChartSpec } from "../../src/report/html/run_charts.ts";
import { formatCount } from "../../src/format/report_format.ts";
import type { PhaseSummaryMs, StatsFigures } from "../../src/model/result.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

const COLUMNS = ["min", "mean", "p50", "p95", "p99", "max"] as const;

function PhaseRow(props: { phase: PhaseName; figures: PhaseSummaryMs }) {
  const f = props.figures;
  return (
    <tr>
      <th scope="row">{PHASE_LABELS[props.phase]}</th>
      <td class="num">{formatCount(f.count)}</td>
      {COLUMNS.map((key) => <td key={key} class="num">{formatMs(f[key])}</td>)}
    </tr>
  );
}

export function PhaseTimings(props: { summary: StatsFigures; chart?: ChartSpec }) {
  const phases = measuredPhases(props.summary);
  if (phases.length === 0) return null;
  return (
    <Section
      id="phases"
      title="Request phases"
      intro="Connections are reused, so connect and TLS happen once per connection, not per request (see the counts)."
    >
      <div class="table-wrap">
        <table>
          <caption>Phase timings (ms)</caption>
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col" class="num">Count</th>
              {COLUMNS.map((key) => <th key={key} scope="col" class="num">{key}</th>)}
            </tr>
          </thead>
          <tbody>
            {phases.map((phase) => (
              <PhaseRow key={phase} phase={phase} figures={props.summary.phases_ms![phase]!} />
            ))}
          </tbody>
        </table>
      </div>
      <div class="narrow">
        <ChartFigure spec={props.chart} />
      </div>
    </Section>
  );
}
