/** Thresholds judged live over a sliding window: how often they were judged, failed, and what they saw. */
import type { LiveThresholdRow } from "../../src/model/report_view.ts";

export function LiveThresholdsTable(props: { rows: readonly LiveThresholdRow[] }) {
  if (props.rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="live-thresholds">
        <caption>Live thresholds (judged every second over a sliding window)</caption>
        <thead>
          <tr>
            <th scope="col">Threshold</th>
            <th scope="col" class="num">Limit</th>
            <th scope="col" class="num">Window</th>
            <th scope="col" class="num">Delay</th>
            <th scope="col">Abort on fail</th>
            <th scope="col" class="num">Evaluations</th>
            <th scope="col" class="num">Failed</th>
            <th scope="col" class="num">First failure</th>
            <th scope="col" class="num">Last value</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.name} class={row.bad ? "failed" : undefined}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              <td class="num">{row.limit}</td>
              <td class="num">{row.window}</td>
              <td class="num">{row.delay}</td>
              <td>{row.abort ? "yes" : "no"}</td>
              <td class="num">{row.evaluations}</td>
              <td class={row.bad ? "num bad" : "num"}>{row.failed}</td>
              <td class="num">{row.firstFailure}</td>
              <td class={row.lastOk === false ? "num bad" : "num"}>{row.last}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
