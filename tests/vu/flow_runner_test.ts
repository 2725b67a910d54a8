import { assertEquals } from "../helpers/assert.ts";
import type { StepPlan } from "../../src/plan/flow_plan.ts";
import { newOutcome, SnapshotRecorder } from "../../src/metrics/snapshot.ts";
import type { RequestPlan } from "../../src/plan/request_plan.ts";
import { runStep } from "../../src/vu/flow_runner.ts";
import { StopControl } from "../../src/vu/stop_control.ts";

const PLAN: RequestPlan = {
  name: "/x",
  method: "GET",
  url: "http://h.test/x",
  headers: {},
  weight: 1,
  timeout_ms: 1000,
  request_bytes: 0,
};

/** A user whose engine answers 200 after `latencyMs` (no network). */
function user(latencyMs: number) {
  const recorder = new SnapshotRecorder();
  const answer = () => {
    const outcome = newOutcome(10);
    outcome.status = 200;
    outcome.latency_us = latencyMs * 1000;
    outcome.response = { status: 200, headers: {}, body: '{"id":3}', latency_ms: latencyMs };
    return Promise.resolve(outcome);
  };
  return {
    recorder,
    flowUser: {
      vars: new Map<string, string>(),
      random: () => 0.5,
      engine: { send: answer, sendRendered: answer, close() {} },
      recorder,
      slots: [recorder.slot(PLAN.name, PLAN.method)],
      requests: [PLAN],
      control: new StopControl(),
    },
  };
}

const step = (extra: Partial<StepPlan>): StepPlan => ({
  index: 0,
  extract: [],
  checks: [],
  think_ms: 0,
  capture: false,
  ...extra,
});

Deno.test("runStep: max_duration fails a slower request; a faster one passes and extracts", async () => {
  for (
    const [latency, limit, expected] of [[150, 100, "check:max_duration"], [100, 100, undefined], [
      20,
      100,
      undefined,
    ]] as const
  ) {
    const { recorder, flowUser } = user(latency);
    const ok = await runStep(
      step({
        max_ms: limit,
        capture: true,
        extract: [["id", { kind: "json", path: ["id"], source: "$.id" }]],
      }),
      flowUser,
    );
    const [delta] = recorder.takeDeltas();
    assertEquals(
      [ok, Object.keys(delta!.errors)[0]],
      [expected === undefined, expected],
      `${latency} ms vs ${limit} ms`,
    );
    assertEquals(flowUser.vars.get("id"), expected === undefined ? "3" : undefined);
  }
});
