import { scenarioSchema } from "../../src/model/config.ts";
import { ExitCode } from "../../src/errors.ts";
import { RunAggregate } from "../../src/metrics/aggregate.ts";
import { SnapshotRecorder } from "../../src/metrics/snapshot.ts";
import { Timeline } from "../../src/metrics/timeline.ts";
import { resolveScenario } from "../../src/plan/resolve_scenario.ts";
import { exitCodeFor, judge, judgeThresholds, stageMarks } from "../../src/result/judge.ts";
import { RESULT_SCHEMA_VERSION, type ThresholdResult } from "../../src/model/result.ts";
import type { Measurements } from "../../src/model/measurements.ts";
import { assertEquals } from "../helpers/assert.ts";

const OK: ThresholdResult = {
  name: "error_rate",
  key: "error_rate",
  unit: "ratio",
  threshold: "<= 1%",
  limit: 0.01,
  value: 0,
  ok: true,
};
const FAIL: ThresholdResult = { ...OK, value: 0.5, ok: false };

Deno.test("exitCodeFor: interrupted -> 105, any failed threshold -> 99, else 0", () => {
  const cases: [interrupted: boolean, thresholds: ThresholdResult[], code: number][] = [
    [false, [], 0],
    [false, [OK], 0],
    [false, [OK, OK], 0],
    [false, [FAIL], 99],
    [false, [OK, FAIL, OK], 99],
    [true, [], 105],
    [true, [OK], 105],
    [true, [FAIL], 105],
  ];
  for (const [interrupted, thresholds, code] of cases) {
    assertEquals(
      exitCodeFor(interrupted, thresholds),
      code,
      `interrupted=${interrupted}, ${thresholds.length}`,
    );
  }
  assertEquals([ExitCode.ok, ExitCode.thresholdsFailed, ExitCode.aborted], [0, 99, 105]);
});

/** A finished run of 4 requests to GET /a (one 500) and 1 to POST /b, over 2 s. */
function finishedRun(interrupted: boolean): Measurements {
  const recorder = new SnapshotRecorder();
  for (const us of [100, 200, 300]) {
    recorder.record("/a", "GET", { status: 200, latency_us: us, bytes_sent: 10, bytes_received: 20 });
  }
  recorder.record("/a", "GET", {
    status: 500,
    error: "http_500",
    latency_us: 400,
    bytes_sent: 10,
    bytes_received: 5,
  });
  recorder.record("/b", "POST", { status: 201, latency_us: 1000, bytes_sent: 30, bytes_received: 2 });
  const aggregate = new RunAggregate();
  aggregate.absorb({ worker: 0, active_users: 2, endpoints: recorder.takeDeltas() });
  const timeline = new Timeline(10);
  timeline.add(aggregate.closeInterval(1, 1));
  timeline.add(aggregate.closeInterval(2, 1));
  return {
    summary: aggregate.summary(2),
    endpoints: aggregate.endpoints(2),
    dropped_iterations: 0,
    timeline: [...timeline.points],
    started_at: new Date("2026-01-01T00:00:00.000Z"),
    ended_at: new Date("2026-01-01T00:00:02.000Z"),
    elapsed_s: 2,
    interrupted,
    workers: 1,
    cores: 2,
  };
}

const SCENARIO = resolveScenario(
  "load",
  scenarioSchema.parse({
    users: 2,
    run_time: "2s",
    tasks: [
      { path: "/a", thresholds: { error_rate: 0.5 } },
      { path: "/b", method: "POST", thresholds: { response_time_p95: 0.5 } },
    ],
    thresholds: { error_rate: 0.1, throughput: 2 },
  }),
  "http://127.0.0.1:8080",
  {},
);

Deno.test("judgeThresholds: run thresholds then endpoint thresholds, from the merged figures", () => {
  const verdicts = judgeThresholds(SCENARIO, finishedRun(false));
  assertEquals(verdicts.map((t) => [t.name, t.value, t.ok]), [
    ["error_rate", 0.2, false], // 1 of 5 failed
    ["throughput", 2.5, true], // 5 requests in 2 s
    ["GET /a: error_rate", 0.25, true],
    ["POST /b: response_time_p95", 1, false],
  ]);
});

Deno.test("judge: run info, figures, timeline, thresholds and the exit code agree", () => {
  const result = judge(SCENARIO, finishedRun(false), { run_id: "abc", engine: "fetch" });
  assertEquals(result.schema_version, RESULT_SCHEMA_VERSION);
  assertEquals(
    [result.run.id, result.run.scenario, result.run.test_type, result.run.status, result.run.duration_s],
    ["abc", "load", "load", "completed", 2],
  );
  assertEquals([result.run.users, result.run.spawn_rate, result.run.run_time_s, result.run.workers], [
    2,
    2,
    2,
    1,
  ]);
  assertEquals([result.run.started_at, result.run.ended_at], [
    "2026-01-01T00:00:00.000Z",
    "2026-01-01T00:00:02.000Z",
  ]);
  assertEquals([result.summary.requests, result.summary.failures, result.summary.rps], [5, 1, 2.5]);
  assertEquals(result.endpoints.map((e) => `${e.method} ${e.name} ${e.requests}`), ["GET /a 4", "POST /b 1"]);
  assertEquals(result.timeline.map((p) => [p.t, p.requests]), [[1, 5], [2, 0]]);
  assertEquals(result.thresholds.filter((t) => !t.ok).length, 2);
  assertEquals(result.exit_code, 99);

  const interrupted = judge(SCENARIO, finishedRun(true), { run_id: "abc", engine: "fetch" });
  assertEquals([interrupted.run.status, interrupted.exit_code], ["interrupted", 105]);
});

Deno.test("stageMarks: where each stage starts and what it heads for; none for the plain models", () => {
  const staged = (stages: unknown[], extra: Record<string, unknown> = {}) =>
    resolveScenario("s", scenarioSchema.parse({ stages, ...extra }), "http://127.0.0.1:1", {}).workload;
  assertEquals(
    stageMarks(staged([{ duration: "30s", users: 100 }, { duration: "1m", users: 100 }, {
      duration: "10s",
      users: 1,
    }])),
    [
      { t_s: 0, label: "→ 100 users" },
      { t_s: 30, label: "hold 100 users" },
      { t_s: 90, label: "→ 1 user" },
    ],
  );
  assertEquals(stageMarks(staged([{ duration: "1m", rate: 500 }, { duration: "2m", rate: 500 }])), [
    { t_s: 0, label: "→ 500/s" },
    { t_s: 60, label: "hold 500/s" },
  ]);
  assertEquals(stageMarks({ model: "closed" }), undefined);
  assertEquals(
    stageMarks({
      model: "open",
      max_users: 10,
      spans: [{ start_ms: 0, duration_ms: 1000, from_rate: 5, to_rate: 5 }],
    }),
    undefined,
  );
  const staticRun = judge(SCENARIO, finishedRun(false), { run_id: "x", engine: "http1" });
  assertEquals("stages" in staticRun.run, false, "no stages key for a plain run");
});

Deno.test("judge reads plain data: a structured clone of the measurements (no live objects) judges the same", () => {
  const measured = finishedRun(false);
  const context = { run_id: "abc", engine: "fetch" };
  assertEquals(judge(SCENARIO, structuredClone(measured), context), judge(SCENARIO, measured, context));
});
