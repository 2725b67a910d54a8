/** The run at a glance: scenario, test type, target, when and how long, the load, engine and status. */
import {
  describeEngine,
  describeRunLoad,
  formatRunLength,
  formatUtc,
} from "../../src/format/report_format.ts";
import type { RunInfo } from "../../src/model/result.ts";
import type { ComponentChildren } from "preact";

function Fact(props: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Status(props: { run: RunInfo }) {
  const { run } = props;
  if (run.status === "interrupted") {
    return <span class="flag">⚠ interrupted (Ctrl-C / SIGTERM): partial results</span>;
  }
  if (run.stop_reason) return <span class="flag">⚠ completed early: {run.stop_reason}</span>;
  return <span>completed</span>;
}

export function RunHeader(props: { run: RunInfo }) {
  const { run } = props;
  const planned = run.duration_s + 0.5 < run.run_time_s
    ? ` of ${formatRunLength(run.run_time_s)} planned`
    : "";
  return (
    <header class="run-header">
      <p class="eyebrow">perf · run report</p>
      <h1>
        {run.scenario} <span class="pill">{run.test_type} test</span>
      </h1>
      {run.description && <p class="description">{run.description}</p>}
      <dl class="facts">
        <Fact term="Target">
          <code>{run.base_url}</code>
        </Fact>
        <Fact term="Started">{formatUtc(run.started_at)}</Fact>
        <Fact term="Ended">{formatUtc(run.ended_at)}</Fact>
        <Fact term="Duration">{formatRunLength(run.duration_s)}{planned}</Fact>
        <Fact term="Load">{describeRunLoad(run)}</Fact>
        <Fact term="Engine">{describeEngine(run)}</Fact>
        <Fact term="Status">
          <Status run={run} />
        </Fact>
        <Fact term="Run">
          <code>{run.id}</code>
        </Fact>
        {run.config_file && (
          <Fact term="Config">
            <code>{run.config_file}</code>
          </Fact>
        )}
      </dl>
    </header>
  );
}
