/** Where the time of a request goes (DNS, connect, TLS, first byte, download), for engines that measure it. */
import { formatMs } from "../../src/format/format.ts";
import type { ChartDrawing } from "../../src/model/chart_view.ts";
import { formatCount } from "../../src/format/report_format.ts";
import type { PhaseRow as Phase } from "../../src/model/report_view.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

const COLUMNS = ["min", "mean", "p50", "p95", "p99", "max"] as const;

function PhaseRow(props: { phase: Phase }) {
  const f = props.phase.figures;
  return (
    <tr>
      <th scope="row">{props.phase.label}</th>
      <td class="num">{formatCount(f.count)}</td>
      {COLUMNS.map((key) => <td key={key} class="num">{formatMs(f[key])}</td>)}
    </tr>
  );
}

export function PhaseTimings(props: { phases: readonly Phase[]; chart?: ChartDrawing }) {
  const { phases } = props;
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
            {phases.map((phase) => <PhaseRow key={phase.label} phase={phase} />)}
          </tbody>
        </table>
      </div>
      <div class="narrow">
        <ChartFigure chart={props.chart} />
      </div>
    </Section>
  );
}
