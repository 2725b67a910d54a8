/**
 * One row per stress step: load, req/s, p95, error rate, and whether it held (failed checks named);
 * then the monitored resources per step, when there are any.
 */
import type { StepRow } from "../../src/model/report_view.ts";

export function StressStepsTable(props: { rows: readonly StepRow[] }) {
  return (
    <div class="table-wrap">
      <table class="stress-steps">
        <caption>Steps</caption>
        <thead>
          <tr>
            <th scope="col">Load</th>
            <th scope="col" class="num">Time</th>
            <th scope="col" class="num">Requests</th>
            <th scope="col" class="num">Req/s</th>
            <th scope="col" class="num">p95</th>
            <th scope="col" class="num">Error rate</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.load} class={row.ok || row.notJudged ? undefined : "failed"}>
              <th scope="row" class="step-load">
                {row.load}
                {row.breaking && <span class="pill pill-bad">breaking point</span>}
              </th>
              <td class="num">{row.time}</td>
              <td class="num">{row.requests}</td>
              <td class="num">{row.rps}</td>
              <td class="num">{row.p95}</td>
              <td class="num">{row.errorRate}</td>
              {row.notJudged
                ? (
                  <td class="muted">
                    not judged<span class="check-list">{row.notJudged}</span>
                  </td>
                )
                : (
                  <td class={row.ok ? "ok" : "bad"}>
                    {row.ok ? "✓ held" : "✗ failed"}
                    {row.failed && <span class="check-list">{row.failed}</span>}
                  </td>
                )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StepResourcesTable(props: { rows: readonly StepRow[]; names: readonly string[] }) {
  const { names } = props;
  if (names.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="step-resources">
        <caption>Monitored resources per step (means over the step)</caption>
        <thead>
          <tr>
            <th scope="col">Load</th>
            {names.map((n) => <th key={n} scope="col" class="num">{n}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.load}>
              <th scope="row">{row.load}</th>
              {row.resources.map((v, i) => <td key={names[i]} class="num">{v}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
