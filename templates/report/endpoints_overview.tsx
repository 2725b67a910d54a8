/** All endpoints in one table, as in the text summary, each linking to its own details below. */
import { formatMs, formatPercent } from "../../src/format/format.ts";
import { endpointLabel, formatCount, formatRps } from "../../src/format/report_format.ts";
import type { StatsFigures } from "../../src/model/result.ts";
import type { RunResult } from "../../src/model/result.ts";

const LATENCY = ["p50", "p95", "p99", "max"] as const;

function Cells(props: { figures: StatsFigures }) {
  const f = props.figures;
  return (
    <>
      <td class="num">{formatCount(f.requests)}</td>
      <td class={f.failures > 0 ? "num bad" : "num"}>{formatCount(f.failures)}</td>
      <td class="num">{formatPercent(f.error_rate)}</td>
      <td class="num">{formatRps(f.rps)}</td>
      {LATENCY.map((key) => <td key={key} class="num">{formatMs(f.latency_ms[key])}</td>)}
    </>
  );
}

export function endpointAnchor(index: number): string {
  return `endpoint-${index + 1}`;
}

export function EndpointsOverview(props: { result: RunResult }) {
  const { result } = props;
  return (
    <div class="table-wrap">
      <table class="endpoints">
        <caption>All endpoints (latency in ms)</caption>
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col" class="num">Requests</th>
            <th scope="col" class="num">Failures</th>
            <th scope="col" class="num">Error rate</th>
            <th scope="col" class="num">req/s</th>
            {LATENCY.map((key) => <th key={key} scope="col" class="num">{key}</th>)}
          </tr>
        </thead>
        <tbody>
          {result.endpoints.map((e, i) => (
            <tr key={endpointAnchor(i)}>
              <th scope="row" class="endpoint-name">
                <a href={`#${endpointAnchor(i)}`}>{endpointLabel(e)}</a>
              </th>
              <Cells figures={e} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <Cells figures={result.summary} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
