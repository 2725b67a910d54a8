import type { WaitTime } from "../../src/model/config.ts";
import { decodeHistogram } from "../../src/metrics/histogram.ts";
import { type RequestOutcome, SnapshotRecorder } from "../../src/metrics/snapshot.ts";
import type { RequestPlan } from "../../src/plan/request_plan.ts";
import { cumulativeWeights, seededRandom } from "../../src/plan/weighted.ts";
import { runVirtualUser, type UserContext } from "../../src/vu/virtual_user.ts";
import { StopControl } from "../../src/vu/stop_control.ts";
import { type Send } from "../../src/vu/user_engine.ts";
import { assert, assertEquals, assertGreaterOrEqual, assertLess } from "../helpers/assert.ts";

function plan(name: string, weight: number, method = "GET"): RequestPlan {
  return {
    name,
    method,
    url: `http://127.0.0.1:1${name}`,
    headers: {},
    weight,
    timeout_ms: 1000,
    request_bytes: 40,
  };
}

const NO_WAIT: WaitTime = { kind: "constant", ms: 0 };

/** A fake `send` that answers at once and stops the user after `limit` sends. */
function fakeSend(control: StopControl, limit: number, outcome: (n: number) => RequestOutcome) {
  const sent: RequestPlan[] = [];
  const send: Send = (p: RequestPlan) => {
    sent.push(p);
    if (sent.length >= limit) control.stop();
    return Promise.resolve(outcome(sent.length));
  };
  return { send, sent };
}

function context(
  requests: RequestPlan[],
  send: Send,
  control: StopControl,
  extra: Partial<UserContext> = {},
) {
  return {
    requests,
    cumulative: cumulativeWeights(requests.map((r) => r.weight)),
    wait: NO_WAIT,
    random: seededRandom(1),
    recorder: new SnapshotRecorder(),
    send,
    control,
    ...extra,
  };
}

/** Resolves to "timeout" if `promise` is not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("StopControl.sleep resolves early when stop() is called", async () => {
  const control = new StopControl();
  const started = performance.now();
  const sleeping = control.sleep(10_000);
  setTimeout(() => control.stop(), 20);
  assertEquals(await within(sleeping.then(() => "woke"), 2000), "woke");
  assertLess(performance.now() - started, 2000);
  assert(control.stopping);
});

Deno.test("StopControl.stop wakes every sleeper at once", async () => {
  const control = new StopControl();
  const sleepers = [control.sleep(5_000), control.sleep(10_000), control.sleep(60_000)];
  assert(!control.stopping);
  control.stop();
  assertEquals(await within(Promise.all(sleepers).then(() => "all woke"), 1000), "all woke");
});

Deno.test("StopControl.sleep: no wait once stopping, for zero or negative ms; else about ms", async () => {
  const control = new StopControl();
  for (const ms of [0, -5]) assertEquals(await within(control.sleep(ms).then(() => "done"), 5), "done");
  const started = performance.now();
  await control.sleep(30);
  assertGreaterOrEqual(performance.now() - started, 25);
  control.stop();
  assertEquals(await within(control.sleep(60_000).then(() => "done"), 50), "done");
});

Deno.test("runVirtualUser records exactly one outcome per send and stops after the stop", async () => {
  const control = new StopControl();
  const fake = fakeSend(control, 50, (n) => ({
    status: n % 10 === 0 ? 500 : 200,
    error: n % 10 === 0 ? "http_500" : undefined,
    latency_us: n * 10,
    bytes_sent: 40,
    bytes_received: 100,
  }));
  const ctx = context([plan("/only", 1)], fake.send, control);
  await runVirtualUser(ctx);
  assertEquals(fake.sent.length, 50);
  const [delta, ...rest] = ctx.recorder.takeDeltas();
  assertEquals(rest, []);
  assertEquals(
    [delta!.name, delta!.method, delta!.requests, delta!.failures, delta!.bytes_sent, delta!.bytes_received],
    ["/only", "GET", 50, 5, 2000, 5000],
  );
  assertEquals(delta!.status_codes, { "200": 45, "500": 5 });
  const h = decodeHistogram(delta!.histogram);
  assertEquals([h.totalCount, h.minNonZeroValue, h.maxValue], [50, 10, 500]);
});

Deno.test("runVirtualUser respects the weights: 3:1:0 over 4000 seeded iterations", async () => {
  const control = new StopControl();
  const fake = fakeSend(
    control,
    4000,
    () => ({ status: 200, latency_us: 100, bytes_sent: 1, bytes_received: 1 }),
  );
  const requests = [plan("/a", 3), plan("/b", 1), plan("/never", 0)];
  const ctx = context(requests, fake.send, control, { random: seededRandom(2024) });
  await runVirtualUser(ctx);
  const sentTo = (name: string) => fake.sent.filter((p) => p.name === name).length;
  assertEquals(fake.sent.length, 4000);
  assertEquals(sentTo("/never"), 0);
  assertLess(Math.abs(sentTo("/a") / 4000 - 0.75), 0.03, `share of /a: ${sentTo("/a") / 4000}`);
  // The recorder saw exactly what was sent, per endpoint.
  const recorded = Object.fromEntries(ctx.recorder.takeDeltas().map((d) => [d.name, d.requests]));
  assertEquals(recorded, { "/a": sentTo("/a"), "/b": sentTo("/b") });
});

Deno.test("runVirtualUser draws one random for the pick and one for the wait per iteration", async () => {
  const control = new StopControl();
  const fake = fakeSend(control, 7, () => ({ status: 200, latency_us: 1, bytes_sent: 0, bytes_received: 0 }));
  let draws = 0;
  const random = () => (draws++, 0.5);
  await runVirtualUser(context([plan("/x", 1)], fake.send, control, { random }));
  assertEquals([fake.sent.length, draws], [7, 14]);
});

Deno.test("runVirtualUser returns promptly when stopped during a long wait", async () => {
  const control = new StopControl();
  const fake = fakeSend(
    control,
    1_000_000,
    () => ({ status: 200, latency_us: 1, bytes_sent: 0, bytes_received: 0 }),
  );
  const ctx = context([plan("/x", 1)], fake.send, control, { wait: { kind: "constant", ms: 60_000 } });
  const started = performance.now();
  const running = runVirtualUser(ctx);
  setTimeout(() => control.stop(), 30);
  assertEquals(await within(running.then(() => "returned"), 2000), "returned");
  assertLess(performance.now() - started, 2000);
  // One send, then the 60 s wait that the stop cut short; no send after the stop.
  assertEquals(fake.sent.length, 1);
});

Deno.test("runVirtualUser does not send at all when already stopped", async () => {
  const control = new StopControl();
  control.stop();
  const fake = fakeSend(
    control,
    10,
    () => ({ status: 200, latency_us: 1, bytes_sent: 0, bytes_received: 0 }),
  );
  await runVirtualUser(context([plan("/x", 1)], fake.send, control));
  assertEquals(fake.sent.length, 0);
});
