/**
 * The trend page (`reports/performance_report.html`): per scenario, p95, throughput and error rate of
 * each run at its start time, how the latest run moved, and every run with a link to its own report.
 * Same shell and styles as the run report; static, no script.
 */
import { ChartFigure } from "../report/chart_figure.tsx";
import { formatMs, formatPercent } from "../../src/format/format.ts";
import { formatCount, formatRps, formatUtc } from "../../src/format/report_format.ts";
import type { LatestChange, TrendRun, TrendScenarioView } from "../../src/model/trend.ts";
import { ReportDocument } from "../report/report_document.tsx";
import { Section } from "../report/section.tsx";

export interface TrendPageProps {
  scenarios: readonly TrendScenarioView[];
  /** The results directory, as given to `perf report`. */
  source: string;
}

function signed(fraction: number | undefined, digits = 1): string {
  if (fraction === undefined) return "n/a";
  const pct = fraction * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(digits)}%`;
}

function LatestLine(props: { change: LatestChange | undefined }) {
  const { change } = props;
  if (!change) return <p class="muted">One run so far: trends start with the second.</p>;
  const points = change.error_rate_points;
  return (
    <p class="muted">
      Latest run against the one before: p95 {signed(change.p95)}, throughput {signed(change.rps)}, error rate
      {" "}
      {`${points >= 0 ? "+" : ""}${points.toFixed(2)} points`}.
    </p>
  );
}

function RunRow(props: { run: TrendRun }) {
  const r = props.run;
  const verdict = r.status === "interrupted"
    ? "interrupted"
    : r.thresholds === 0
    ? "no thresholds"
    : r.failed_thresholds > 0
    ? `✗ ${r.failed_thresholds} of ${r.thresholds} failed`
    : `✓ ${r.thresholds} met`;
  return (
    <tr class={r.failed_thresholds > 0 || r.status === "interrupted" ? "failed" : undefined}>
      <th scope="row">{r.href ? <a href={r.href}>{formatUtc(r.started_at)}</a> : formatUtc(r.started_at)}</th>
      <td>{r.test_type}</td>
      <td class="num">{formatCount(r.requests)}</td>
      <td class="num">{formatRps(r.rps)}</td>
      <td class="num">{formatMs(r.p95_ms)}</td>
      <td class="num">{formatMs(r.p99_ms)}</td>
      <td class="num">{formatPercent(r.error_rate)}</td>
      <td class={r.failed_thresholds > 0 ? "bad" : "ok"}>{verdict}</td>
    </tr>
  );
}

function ScenarioSection(props: { scenario: TrendScenarioView; index: number }) {
  const { trend, charts, latest } = props.scenario;
  const runs = trend.runs;
  return (
    <Section
      id={`trend-${props.index}`}
      title={`${trend.scenario} · ${runs.length} run${runs.length === 1 ? "" : "s"}`}
    >
      <LatestLine change={latest} />
      <ChartFigure chart={charts.p95} />
      <ChartFigure chart={charts.rps} />
      <ChartFigure chart={charts.errors} />
      <div class="table-wrap">
        <table class="runs">
          <caption class="muted">Newest first; the date links to the run's report.</caption>
          <thead>
            <tr>
              <th scope="col">Started (UTC)</th>
              <th scope="col">Test</th>
              <th scope="col" class="num">Requests</th>
              <th scope="col" class="num">req/s</th>
              <th scope="col" class="num">p95 ms</th>
              <th scope="col" class="num">p99 ms</th>
              <th scope="col" class="num">Error rate</th>
              <th scope="col">Thresholds</th>
            </tr>
          </thead>
          <tbody>{[...runs].reverse().map((r) => <RunRow key={r.id} run={r} />)}</tbody>
        </table>
      </div>
    </Section>
  );
}

export function TrendPage(props: TrendPageProps) {
  const scenarios = props.scenarios;
  const runs = scenarios.reduce((n, s) => n + s.trend.runs.length, 0);
  const title = `perf · performance trends · ${scenarios.length} scenario${
    scenarios.length === 1 ? "" : "s"
  }, ${runs} run${runs === 1 ? "" : "s"}`;
  return (
    <ReportDocument title={title} description={`Performance trends across the runs in ${props.source}`}>
      <header class="run-header">
        <p class="eyebrow">perf · performance report</p>
        <h1>Performance trends</h1>
        <p class="description">
          {runs} run{runs === 1 ? "" : "s"} of {scenarios.length} scenario{scenarios.length === 1 ? "" : "s"}
          {" "}
          in <code>{props.source}</code>.
        </p>
      </header>
      {scenarios.length === 0
        ? <p class="empty-note">No results found.</p>
        : scenarios.map((scenario, i) => (
          <ScenarioSection key={scenario.trend.scenario} scenario={scenario} index={i} />
        ))}
    </ReportDocument>
  );
}
