/**
 * What the resource monitors saw: per monitor, its series over the run (one chart per unit, fitted drift
 * dashed on endurance runs), or its error when no sample ever succeeded; then every monitor error.
 */
import type { MonitorError } from "../../src/model/monitor.ts";
import type { DrawnMonitorCharts } from "../../src/model/report_view.ts";
import { formatCount, formatSeconds } from "../../src/format/report_format.ts";
import { ChartFigure } from "./chart_figure.tsx";
import { Section } from "./section.tsx";

const SOURCE_WORDS = { process: "process", prometheus: "Prometheus", generator: "perf itself" } as const;

function MonitorBlock(props: { view: DrawnMonitorCharts; drift: boolean }) {
  const { view } = props;
  const error = view.error;
  return (
    <article class="monitor">
      <h3>
        {view.monitor} {view.source && <span class="pill">{SOURCE_WORDS[view.source]}</span>}
      </h3>
      {view.charts.length === 0 && error && (
        <p class="empty-note monitor-failed">
          No sample succeeded: {formatCount(error.count)} failures from {formatSeconds(error.first_t)} to{" "}
          {formatSeconds(error.last_t)}. Last error: <code>{error.last}</code>
        </p>
      )}
      <div class={view.charts.length > 1 ? "grid-2" : undefined}>
        {view.charts.map((chart) => (
          <ChartFigure key={chart.id} chart={chart} hint={props.drift ? "dashed: fitted drift" : undefined} />
        ))}
      </div>
    </article>
  );
}

function MonitorErrors(props: { errors: readonly MonitorError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="monitor-errors">
        <caption>Monitor errors</caption>
        <thead>
          <tr>
            <th scope="col">Monitor</th>
            <th scope="col" class="num">Failed samples</th>
            <th scope="col" class="num">First</th>
            <th scope="col" class="num">Last</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {props.errors.map((e) => (
            <tr key={e.monitor} class="failed">
              <th scope="row">{e.monitor}</th>
              <td class="num bad">{formatCount(e.count)}</td>
              <td class="num">{formatSeconds(e.first_t)}</td>
              <td class="num">{formatSeconds(e.last_t)}</td>
              <td class="endpoint-name">
                <code>{e.last}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResourcesSection(props: { monitors: readonly DrawnMonitorCharts[]; drift: boolean }) {
  if (props.monitors.length === 0) return null;
  const errors = props.monitors.flatMap((m) => (m.error ? [m.error] : []));
  return (
    <Section
      id="resources"
      title="Resources"
      intro="Sampled by the scenario's monitors while the load ran; times are seconds since the start."
    >
      {props.monitors.map((view) => <MonitorBlock key={view.monitor} view={view} drift={props.drift} />)}
      <MonitorErrors errors={errors} />
    </Section>
  );
}
