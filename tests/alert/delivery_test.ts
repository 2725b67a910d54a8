/**
 * deliver() with scripted in-process channels: concurrency, attempts and backoff, the per-attempt timeout
 * (even for a channel that ignores its signal), the overall bound, redaction, and outcomes that never
 * throw. Deno's sanitizers check that no timer outlives a test.
 */
import { deliver, type DeliveryOptions } from "../../src/alert/delivery.ts";
import type { AlertChannel, AlertMessage, ChannelName } from "../../src/model/alert.ts";
import { assert, assertEquals, assertGreaterOrEqual, assertLess, assertMatch } from "../helpers/assert.ts";
import { sampleMessage } from "./receivers.ts";

type Script = (attempt: number, signal: AbortSignal) => Promise<void>;

interface FakeChannel extends AlertChannel {
  calls: number;
  signals: AbortSignal[];
}

function fake(name: ChannelName, script: Script): FakeChannel {
  const channel: FakeChannel = {
    name,
    calls: 0,
    signals: [],
    send(_message: AlertMessage, signal: AbortSignal) {
      channel.calls++;
      channel.signals.push(signal);
      return script(channel.calls, signal);
    },
  };
  return channel;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first (timer cleared). */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function options(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return { timeoutMs: 1000, attempts: 3, backoffMs: 10, totalMs: 3000, redact: (t) => t, ...overrides };
}

const message = sampleMessage();

/** Allowance for a loaded machine: every bound checked below is far from what a missing bound would take. */
const MARGIN_MS = 1000;

Deno.test("deliver: channels run concurrently; a slow one does not delay the fast one's outcome", async () => {
  // The slow channel finishes only once the fast one has been called: sequential delivery would time out.
  const { promise: fastCalled, resolve } = Promise.withResolvers<void>();
  const slow = fake("email", async (_, signal) => {
    await fastCalled;
    await wait(300, signal);
  });
  const fast = fake("slack", () => (resolve(), Promise.resolve()));
  const outcomes = await deliver([slow, fast], message, options({ timeoutMs: 5000, totalMs: 10_000 }));
  assertEquals(outcomes.map((o) => [o.channel, o.ok, o.attempts]), [["email", true, 1], ["slack", true, 1]]);
  const [slowAt, fastAt] = outcomes.map((o) => Date.parse(o.at));
  assertGreaterOrEqual(slowAt! - fastAt!, 250, "the fast outcome is stamped when the fast channel finished");
});

Deno.test("deliver: attempts counted, backoff doubling, the last error kept", async () => {
  const sleeps: number[] = [];
  const sleep = (ms: number) => (sleeps.push(ms), Promise.resolve());
  const flaky = fake("webhook", (n) => n < 3 ? Promise.reject(new Error(`boom ${n}`)) : Promise.resolve());
  const [ok] = await deliver([flaky], message, options({ backoffMs: 10, sleep }));
  assertEquals([ok!.ok, ok!.attempts, ok!.error], [true, 3, undefined]);
  assertEquals(sleeps, [10, 20]);

  sleeps.length = 0;
  const broken = fake("webhook", (n) => Promise.reject(new Error(`boom ${n}`)));
  const [failed] = await deliver([broken], message, options({ attempts: 4, backoffMs: 5, sleep }));
  assertEquals([failed!.ok, failed!.attempts, failed!.error], [false, 4, "boom 4"]);
  assertEquals(sleeps, [5, 10, 20]);

  const once = fake("webhook", () => Promise.reject(new Error("nope")));
  const [single] = await deliver([once], message, options({ attempts: 1 }));
  assertEquals([single!.attempts, once.calls], [1, 1]);
});

Deno.test("deliver: the per-attempt timeout holds even for a channel that ignores its signal", async () => {
  const deaf = fake("slack", () => new Promise<void>(() => {}));
  const started = performance.now();
  const [outcome] = await deliver([deaf], message, options({ timeoutMs: 50, attempts: 2 }));
  const elapsed = performance.now() - started;
  assertEquals([outcome!.ok, outcome!.attempts, outcome!.error], [false, 2, "timed out after 50 ms"]);
  assert(deaf.signals.every((s) => s.aborted), "each attempt's signal was aborted");
  assertLess(elapsed, 100 + MARGIN_MS);
});

Deno.test("deliver: the overall bound cuts retries short", async () => {
  const slowFailure = fake("webhook", async (n, signal) => {
    await wait(60, signal);
    throw new Error(`failed ${n}`);
  });
  const started = performance.now();
  const [outcome] = await deliver(
    [slowFailure],
    message,
    options({ attempts: 10, backoffMs: 40, totalMs: 300 }),
  );
  const elapsed = performance.now() - started;
  assertEquals(outcome!.ok, false);
  assertLess(outcome!.attempts, 10);
  assertGreaterOrEqual(outcome!.attempts, 1);
  assertLess(elapsed, 300 + MARGIN_MS);
});

Deno.test("deliver: a hanging attempt ends at the overall bound with 'gave up'", async () => {
  const hanging = fake("email", (_, signal) => wait(60_000, signal));
  const started = performance.now();
  const [outcome] = await deliver([hanging], message, options({ timeoutMs: 10_000, totalMs: 200 }));
  assertEquals([outcome!.ok, outcome!.attempts], [false, 1]);
  assertEquals(outcome!.error, "gave up: alert time limit reached");
  assertLess(performance.now() - started, 200 + MARGIN_MS);
});

Deno.test("deliver: the bound also cuts a backoff sleep short (real sleep, no timer left)", async () => {
  const failing = fake("webhook", () => Promise.reject(new Error("down")));
  const started = performance.now();
  const [outcome] = await deliver([failing], message, options({ backoffMs: 5000, totalMs: 150 }));
  assertEquals([outcome!.ok, outcome!.attempts, outcome!.error], [false, 1, "down"]);
  assertLess(performance.now() - started, 150 + MARGIN_MS);
});

Deno.test("deliver: outcomes never throw, whatever a channel does", async () => {
  const channels: AlertChannel[] = [
    {
      name: "email",
      send() {
        throw new Error("thrown synchronously");
      },
    },
    fake("slack", () => Promise.reject("a string")),
    fake("webhook", () => Promise.reject(undefined)),
    fake("webhook", () => Promise.reject(new RangeError(""))),
    fake("webhook", () => Promise.reject({ weird: true })),
  ];
  const outcomes = await deliver(channels, message, options({ attempts: 2, backoffMs: 1 }));
  assertEquals(outcomes.map((o) => [o.ok, o.attempts]), Array(5).fill([false, 2]));
  assertEquals(outcomes.map((o) => o.error), [
    "thrown synchronously",
    "a string",
    "undefined",
    "RangeError",
    "[object Object]",
  ]);
});

Deno.test("deliver: errors pass through the redactor", async () => {
  const secret = "https://hooks.example/T1/B2/s3cr3tT0ken";
  const leaky = fake("slack", () => Promise.reject(new Error(`POST ${secret} failed`)));
  const redact = (text: string) => text.split("s3cr3tT0ken").join("***");
  const [outcome] = await deliver([leaky], message, options({ attempts: 1, redact }));
  assertEquals(outcome!.error, "POST https://hooks.example/T1/B2/*** failed");
});

Deno.test("deliver: kind and threshold carried into each outcome; no channels, no outcomes", async () => {
  const breach = sampleMessage({ kind: "breach", verdict: "BREACH" });
  const ok = fake("webhook", () => Promise.resolve());
  const [outcome] = await deliver([ok], breach, options(), "p95 < 500ms");
  assertEquals([outcome!.kind, outcome!.threshold, outcome!.ok], ["breach", "p95 < 500ms", true]);
  assertMatch(outcome!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const [plain] = await deliver([ok], message, options());
  assert(!("threshold" in plain!));
  assertEquals(await deliver([], message, options()), []);
});
