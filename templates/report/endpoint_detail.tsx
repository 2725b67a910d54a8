/** One endpoint: every figure the result has for it in a table, beside its own latency spectrum. */
import { formatMs, formatPercent } from "../../src/format/format.ts";
import type { ChartDrawing } from "../../src/model/chart_view.ts";
import { endpointLabel, formatBytes, formatCount, formatRps } from "../../src/format/report_format.ts";
import type { EndpointResult } from "../../src/model/result.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { endpointAnchor } from "./endpoints_overview.tsx";

const LATENCY_ROWS = [
  ["min", "Latency min"],
  ["mean", "Latency mean"],
  ["p50", "Latency p50"],
  ["p90", "Latency p90"],
  ["p95", "Latency p95"],
  ["p99", "Latency p99"],
  ["p999", "Latency p99.9"],
  ["max", "Latency max"],
] as const;

/** `200 ×501, 500 ×3`, or a dash when there are none. */
function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0 ? "–" : entries.map(([k, n]) => `${k} ×${formatCount(n)}`).join(", ");
}

function rowsOf(e: EndpointResult): [string, string][] {
  return [
    ["Requests", formatCount(e.requests)],
    ["Failures", formatCount(e.failures)],
    ["Error rate", formatPercent(e.error_rate)],
    ["Throughput", `${formatRps(e.rps)} req/s`],
    ...LATENCY_ROWS.map(([key, label]): [string, string] => [label, `${formatMs(e.latency_ms[key])} ms`]),
    ["Sent", formatBytes(e.bytes_sent)],
    ["Received", formatBytes(e.bytes_received)],
    ["Status codes", counts(e.status_codes)],
    ["Failures by kind", counts(e.errors)],
  ];
}

export function EndpointDetail(props: { endpoint: EndpointResult; index: number; chart?: ChartDrawing }) {
  const { endpoint, index } = props;
  const anchor = endpointAnchor(index);
  return (
    <article class="endpoint" id={anchor} aria-labelledby={`${anchor}-heading`}>
      <h3 id={`${anchor}-heading`} class="endpoint-name">{endpointLabel(endpoint)}</h3>
      <div class="endpoint-body">
        <table>
          <tbody>
            {rowsOf(endpoint).map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td class={/×|^–$/.test(value) ? undefined : "num"}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ChartFigure chart={props.chart} hint="ms" missing="No latency was recorded for this endpoint." />
      </div>
    </article>
  );
}
