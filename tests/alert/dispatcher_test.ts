import { AlertDispatcher, channelsFor, type ConfiguredChannel } from "../../src/alert/dispatcher.ts";
import type { AlertChannel, AlertMessage } from "../../src/model/alert.ts";
import type { RunResult, ThresholdResult } from "../../src/model/result.ts";
import { assertEquals, assertMatch } from "../helpers/assert.ts";

const demo: RunResult = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/results/demo_short.json", import.meta.url)),
);

/** A channel that records what it is asked to send, failing when told to. */
function recorder(name: "email" | "slack" | "webhook", fail = false) {
  const sent: AlertMessage[] = [];
  const channel: AlertChannel = {
    name,
    send: (message) => {
      sent.push(message);
      return fail ? Promise.reject(new Error("boom https://hooks.test/SECRET-TOKEN")) : Promise.resolve();
    },
  };
  return { channel, sent };
}

const breach: ThresholdResult = {
  name: "error_rate",
  key: "error_rate",
  unit: "ratio",
  threshold: "<= 1%",
  limit: 0.01,
  value: 0.2,
  ok: false,
};
const context = { scenario: "load", base_url: "http://127.0.0.1:1", t: 5, window_s: 30 };

function dispatcher(channels: ConfiguredChannel[], clock: { now: number }, warnings: string[] = []) {
  return new AlertDispatcher(channels, {
    cooldownMs: 60_000,
    delivery: {
      timeoutMs: 1000,
      attempts: 2,
      backoffMs: 1,
      totalMs: 2000,
      redact: (t) => t.replaceAll("SECRET-TOKEN", "***"),
    },
    warn: (line) => warnings.push(line),
    now: () => clock.now,
  });
}

Deno.test("a breach alerts once per threshold per cooldown, then again after it", async () => {
  const slack = recorder("slack");
  const clock = { now: 0 };
  const alerts = dispatcher([{ channel: slack.channel, on: new Set(["breach", "failure"]) }], clock);
  for (let second = 0; second < 30; second++) {
    clock.now = second * 1000;
    alerts.breach([breach], { ...context, t: second });
  }
  alerts.breach([{
    ...breach,
    name: "response_time_p95",
    key: "response_time_p95",
    unit: "ms",
    threshold: "<= 100 ms",
    value: 400,
  }], context);
  clock.now = 61_000;
  alerts.breach([breach], context);
  const outcomes = await alerts.settle();
  assertEquals(slack.sent.length, 3);
  assertEquals(outcomes.map((o) => [o.kind, o.threshold, o.ok]), [
    ["breach", "error_rate", true],
    ["breach", "response_time_p95", true],
    ["breach", "error_rate", true],
  ]);
  assertMatch(slack.sent[0]!.title, /^perf: load BREACH: error_rate 20\.00% \(limit <= 1%\)$/);
});

Deno.test("the end of a run goes to `failure` channels when it failed and to `always` ones every time", async () => {
  const onFailure = recorder("email");
  const always = recorder("slack");
  const breachOnly = recorder("webhook");
  const channels: ConfiguredChannel[] = [
    { channel: onFailure.channel, on: new Set(["failure"]) },
    { channel: always.channel, on: new Set(["always"]) },
    { channel: breachOnly.channel, on: new Set(["breach"]) },
  ];
  const alerts = dispatcher(channels, { now: 0 });
  const passed = await alerts.end({ ...demo, exit_code: 0 }, {});
  assertEquals(passed.map((o) => o.channel), ["slack"]);
  const failedRun = { ...demo, exit_code: 99, thresholds: [{ ...breach }] };
  const failed = await alerts.end(failedRun, { report: "/tmp/x/report.html" });
  assertEquals(failed.map((o) => o.channel), ["email", "slack"]);
  assertEquals(onFailure.sent[0]!.verdict, "FAIL");
  assertEquals(onFailure.sent[0]!.failed_thresholds, [{
    name: "error_rate",
    value: "20.00%",
    limit: "<= 1%",
  }]);
  const aborted = await alerts.end({ ...demo, exit_code: 108, run: { ...demo.run, stop_reason: "x" } }, {});
  assertEquals(aborted.map((o) => [o.channel, o.kind]), [["email", "aborted"], ["slack", "aborted"]]);
  assertEquals(breachOnly.sent.length, 0);
  assertEquals(channelsFor(channels, { ...onFailure.sent[0]!, kind: "test" }).length, 3);
});

Deno.test("a failed delivery is a redacted warning and an outcome, never an exception", async () => {
  const broken = recorder("webhook", true);
  const warnings: string[] = [];
  const alerts = dispatcher([{ channel: broken.channel, on: new Set(["failure"]) }], { now: 0 }, warnings);
  const outcomes = await alerts.end({ ...demo, exit_code: 99 }, {});
  assertEquals(outcomes.map((o) => [o.ok, o.attempts]), [[false, 2]]);
  assertEquals(outcomes[0]!.error, "boom https://hooks.test/***");
  assertMatch(
    warnings.join("\n"),
    /failure alert on webhook not delivered after 2 attempt\(s\): boom https:\/\/hooks\.test\/\*\*\*/,
  );
});
