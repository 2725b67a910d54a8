/** Drift per series: fitted start and end levels, slope per hour (absolute and %), fit quality, verdict. */
import type { DriftRow } from "../../src/model/report_view.ts";

export function DriftTable(props: { rows: readonly DriftRow[] }) {
  return (
    <div class="table-wrap">
      <table class="drift">
        <caption>Drift per series (least-squares line over the analysed window)</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col" class="num">Start → end</th>
            <th scope="col" class="num">Slope</th>
            <th scope="col" class="num">Per hour</th>
            <th scope="col" class="num">Tolerance</th>
            <th scope="col" class="num">r²</th>
            <th scope="col" class="num">Points</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.series} class={row.fails ? "failed" : undefined}>
              <th scope="row">
                <code>{row.series}</code>
              </th>
              <td class="num">{`${row.start} → ${row.end}`}</td>
              <td class="num">{row.slope}</td>
              <td class={row.fails ? "num bad" : "num"}>{row.pct}</td>
              <td class="num">{row.tolerance}</td>
              <td class="num">{row.r2}</td>
              <td class="num">{row.n}</td>
              <td class={row.fails ? "bad" : undefined}>
                {row.fails ? `✗ ${row.verdict}` : row.verdict}
                {row.note && <span class="check-list">{row.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
