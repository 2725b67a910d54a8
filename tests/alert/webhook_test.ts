/**
 * The generic webhook channel against loopback receivers: the JSON on the wire, headers, retries through
 * deliver(), timeouts that cancel the request, refused connections, and errors that never show the URL
 * (it may carry a token).
 */
import { deliver, type DeliveryOptions } from "../../src/alert/delivery.ts";
import { stripUrls, unreachable, webhookChannel, webhookPayload } from "../../src/alert/webhook.ts";
import { assert, assertEquals, assertLess, assertMatch, assertRejects } from "../helpers/assert.ts";
import {
  assertSilentReceiverTimesOut,
  deliveryOptions,
  receiver,
  refusedUrl,
  sampleMessage,
  silentReceiver,
  statusReceiver,
} from "./receivers.ts";

const TOKEN = "tok_9f8e7d6c5b4a";
const HOOK_PATH = `/alerts/${TOKEN}`;

const mask = (text: string) => text.split(TOKEN).join("***");

const options = (overrides: Partial<DeliveryOptions> = {}) => deliveryOptions(mask, overrides);

const never = () => new AbortController().signal;

Deno.test("webhookChannel: POSTs { perf_alert: 1, ...message } as JSON with the configured headers", async () => {
  const hook = statusReceiver([204], HOOK_PATH);
  try {
    const message = sampleMessage();
    const channel = webhookChannel({
      url: hook.url,
      headers: { Authorization: "Bearer abc", "X-Team": "perf", "Content-Type": "application/json; v=1" },
    });
    assertEquals(channel.name, "webhook");
    await channel.send(message, never());
    const got = hook.received[0]!;
    assertEquals([got.method, got.path], ["POST", HOOK_PATH]);
    assertEquals(got.json, { perf_alert: 1, ...JSON.parse(JSON.stringify(message)) });
    assertEquals(got.headers.get("authorization"), "Bearer abc");
    assertEquals(got.headers.get("x-team"), "perf");
    assertEquals(got.headers.get("content-type"), "application/json; v=1", "set once, the user's value");
    assertMatch(got.headers.get("user-agent") ?? "", /^perf\//);
  } finally {
    await hook.close();
  }
});

Deno.test("webhookPayload: perf_alert first, the message's fields unchanged", () => {
  const message = sampleMessage({ run_id: undefined });
  const payload = webhookPayload(message);
  assertEquals(Object.keys(payload)[0], "perf_alert");
  assertEquals(payload, { perf_alert: 1, ...message });
});

Deno.test("webhookChannel: 500, 500, 200 → delivered on the 3rd attempt by deliver()", async () => {
  const hook = statusReceiver([500, 500, 200], HOOK_PATH);
  try {
    const [outcome] = await deliver([webhookChannel({ url: hook.url })], sampleMessage(), options());
    assertEquals([outcome!.channel, outcome!.ok, outcome!.attempts], ["webhook", true, 3]);
    assertEquals(hook.received.length, 3);
  } finally {
    await hook.close();
  }
});

Deno.test("webhookChannel: non-2xx → the status and a short body, never the URL", async () => {
  const echo = (request: Request) =>
    new Response(`no route for ${request.url}\n${"x".repeat(5000)}`, { status: 503 });
  const hook = receiver((_, request) => echo(request), HOOK_PATH);
  try {
    const url = `${hook.url}?token=${TOKEN}`;
    const error = await assertRejects(() => webhookChannel({ url }).send(sampleMessage(), never()));
    assertMatch(error.message, /^Webhook answered 503 Service Unavailable: no route for \[url\] x+…$/);
    assert(!error.message.includes(TOKEN) && !error.message.includes("127.0.0.1"), error.message);
    assertLess(error.message.length, 300);
  } finally {
    await hook.close();
  }
});

Deno.test("webhookChannel: a redirect is reported, not followed", async () => {
  const target = statusReceiver([200]);
  const hook = receiver(
    () => new Response(null, { status: 307, headers: { location: target.url } }),
    HOOK_PATH,
  );
  try {
    await assertRejects(
      () => webhookChannel({ url: hook.url }).send(sampleMessage(), never()),
      Error,
      "Webhook answered 307 Temporary Redirect (redirects are not followed)",
    );
    assertEquals(target.received.length, 0);
  } finally {
    await hook.close();
    await target.close();
  }
});

Deno.test("webhookChannel: a receiver that never answers → 'timed out' within the bound, requests cancelled", async () => {
  await assertSilentReceiverTimesOut((url) => webhookChannel({ url }), HOOK_PATH, mask);
});

Deno.test("webhookChannel: its own timeout, and the caller's abort, cancel the request", async () => {
  const silent = silentReceiver(HOOK_PATH);
  try {
    const channel = webhookChannel({ url: silent.url }, { timeoutMs: 150 });
    await assertRejects(() => channel.send(sampleMessage(), never()), Error, "Webhook timed out");
    const controller = new AbortController();
    const sending = webhookChannel({ url: silent.url }).send(sampleMessage(), controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assertRejects(() => sending, Error, "Webhook request aborted");
    assertEquals(await silent.waitClosed(500), 0);
  } finally {
    await silent.close();
  }
});

Deno.test("webhookChannel: a stalled body: the status decides (2xx delivered, 500 reported in time)", async () => {
  const hook = receiver((n) => ({ stall: n === 0 ? 200 : 500 }), HOOK_PATH);
  try {
    const channel = webhookChannel({ url: hook.url }, { timeoutMs: 150 });
    const started = performance.now();
    await channel.send(sampleMessage(), never()); // had it waited for the body, it would have timed out
    const error = await assertRejects(() => channel.send(sampleMessage(), never()));
    assertMatch(error.message, /^Webhook answered 500 Internal Server Error(: o)?$/);
    assertLess(performance.now() - started, 150 + 1000);
  } finally {
    await hook.close();
  }
});

Deno.test("webhookChannel: connection refused → failure, the token absent from the outcome", async () => {
  const url = `${refusedUrl(HOOK_PATH)}?token=${TOKEN}`;
  const channel = webhookChannel({ url });
  const direct = await assertRejects(() => channel.send(sampleMessage(), never()));
  assertMatch(direct.message, /^Webhook unreachable: .*refused/i);
  assert(!direct.message.includes(TOKEN) && !direct.message.includes("127.0.0.1"), direct.message);
  const [outcome] = await deliver([channel], sampleMessage(), options({ attempts: 2 }));
  assertEquals([outcome!.ok, outcome!.attempts], [false, 2]);
  assert(!JSON.stringify(outcome).includes(TOKEN), JSON.stringify(outcome));
});

Deno.test("unreachable and stripUrls: Deno's fetch error text loses its URL", () => {
  const url = `http://hooks.test/${TOKEN}`;
  const cause = new Error(
    `error sending request for url (${url}): client error (Connect): dns error: failed to lookup address`,
  );
  const error = unreachable("Webhook", new TypeError("fetch failed", { cause }), never(), url);
  assertEquals(error.message, "Webhook unreachable: dns error: failed to lookup address");
  assertEquals(stripUrls(`see ${url}.`, [url]), "see [url].");
  assertEquals(stripUrls(`Invalid URL: 'x${TOKEN}'`, [TOKEN]), "Invalid URL: 'x[url]'");
  const odd = `http://hooks.test/a)b/${TOKEN}?x=1 2`; // a `)` and a space: the pattern alone would leave a tail
  const oddCause = new Error(
    `error sending request for url (${new URL(odd).href}): client error (Connect): refused`,
  );
  const oddError = unreachable("Webhook", new TypeError("fetch failed", { cause: oddCause }), never(), odd);
  assertEquals(oddError.message, "Webhook unreachable: refused");
  const aborted = new AbortController();
  aborted.abort();
  assertEquals(
    unreachable("Webhook", aborted.signal.reason, aborted.signal, url).message,
    "Webhook request aborted",
  );
});
