/** Requests, failures, error rate and p95 per period of an endurance run; periods with failures marked. */
import type { PeriodRow } from "../../src/model/report_view.ts";

export function PeriodsTable(props: { rows: readonly PeriodRow[]; note?: string }) {
  return (
    <div class="table-wrap narrow-table">
      <table class="periods">
        <caption>Errors per period{props.note && <span class="muted">{` · ${props.note}`}</span>}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" class="num">Requests</th>
            <th scope="col" class="num">Failures</th>
            <th scope="col" class="num">Error rate</th>
            <th scope="col" class="num">p95</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.span}>
              <th scope="row">{row.span}</th>
              <td class="num">{row.requests}</td>
              <td class={row.bad ? "num bad" : "num"}>{row.failures}</td>
              <td class={row.bad ? "num bad" : "num"}>{row.errorRate}</td>
              <td class="num">{row.p95}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
