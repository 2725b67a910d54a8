/**
 * The Slack channel: the Block Kit payload (pure), then @slack/webhook's IncomingWebhook against loopback
 * receivers — payload on the wire, retries through deliver(), timeouts that leave nothing running,
 * refused connections, and errors that never show the webhook URL (a secret).
 */
import { deliver, type DeliveryOptions } from "../../src/alert/delivery.ts";
import { slackChannel } from "../../src/alert/slack.ts";
import { clip, escapeMrkdwn, SLACK_LIMITS, slackPayload } from "../../src/alert/slack_blocks.ts";
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

const SECRET = "XXXXsecretTOKEN42";
const HOOK_PATH = `/services/T0001/B0002/${SECRET}`;

const mask = (text: string) => text.split(SECRET).join("***");

const options = (overrides: Partial<DeliveryOptions> = {}) => deliveryOptions(mask, overrides);

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: unknown[];
  elements?: unknown[];
};

Deno.test("slackPayload: text, header, summary, fields, failed thresholds, context and channel", () => {
  const payload = slackPayload(sampleMessage(), "#alerts");
  assertEquals(payload.text, "perf: load FAIL: 2 of 3 thresholds failed");
  assertEquals(payload.channel, "#alerts");
  assertEquals(payload.blocks.map((b) => b.type), ["header", "section", "section", "section", "context"]);
  assertEquals(payload.blocks[0], {
    type: "header",
    text: { type: "plain_text", text: "FAIL: load", emoji: true },
  });
  assertEquals(payload.blocks[1], {
    type: "section",
    text: {
      type: "mrkdwn",
      text: "2 of 3 thresholds failed for &lt;checkout&gt; &amp; cart: p95 and error rate over their limits.",
    },
  });
  const fields = (payload.blocks[2] as Block).fields;
  assertEquals(fields?.length, 4);
  assertEquals(fields?.[1], { type: "mrkdwn", text: "*p95*\n1,312 ms" });
  assertEquals(
    (payload.blocks[3] as Block).text?.text,
    "*Failed thresholds (2)*\n• *http_req_duration p95*: 1,312 ms (limit &lt;= 1000 ms)\n" +
      "• *errors rate*: 3.20% (limit &lt; 1%)",
  );
  assertEquals((payload.blocks[4] as Block).elements, [
    { type: "mrkdwn", text: "*Base URL:* http://shop.test:8080" },
    { type: "mrkdwn", text: "*Run:* 20250101-120000-load" },
    { type: "mrkdwn", text: "*Started:* 2025-01-01T12:00:00.000Z" },
    { type: "mrkdwn", text: "*Report:* reports/load/report.html" },
  ]);
});

Deno.test("slackPayload: no channel key unless configured; no thresholds section when none failed", () => {
  const message = sampleMessage({ failed_thresholds: [], verdict: "PASS", run_id: undefined });
  for (const channel of [undefined, "", "  "]) {
    const payload = slackPayload(message, channel);
    assert(!("channel" in payload), `channel ${JSON.stringify(channel)}`);
    assertEquals(payload.blocks.map((b) => b.type), ["header", "section", "section", "context"]);
    assertEquals((payload.blocks.at(-1) as Block).elements?.length, 3);
  }
});

Deno.test("slackPayload: Slack's limits hold for oversized input", () => {
  const message = sampleMessage({
    scenario: "s".repeat(400),
    title: "<t>".repeat(2000),
    summary: "&".repeat(5000),
    figures: Array.from({ length: 23 }, (_, i) => ({ label: `figure ${i}`, value: `${i} ms` })),
    failed_thresholds: Array.from({ length: 200 }, (_, i) => ({
      name: `threshold number ${i} with a long name`,
      value: `${i} ms`,
      limit: "<= 1 ms",
    })),
  });
  const payload = slackPayload(message);
  const header = (payload.blocks[0] as Block).text!.text;
  assertEquals(header.length, SLACK_LIMITS.header);
  assert(header.endsWith("…"));
  assert(payload.text.length <= SLACK_LIMITS.text);
  const summary = (payload.blocks[1] as Block).text!.text;
  assert(summary.length <= SLACK_LIMITS.sectionText);
  assertMatch(summary, /^(&amp;)+…$/, "no half escape at the cut");
  const fieldCounts = payload.blocks.filter((b) => "fields" in b).map((b) => (b as Block).fields!.length);
  assertEquals(fieldCounts, [10, 10, 3]);
  const thresholds = (payload.blocks.at(-2) as Block).text!.text;
  assert(thresholds.length <= SLACK_LIMITS.sectionText, `${thresholds.length}`);
  assertMatch(thresholds, /\n… and \d+ more$/);
  assert(payload.blocks.length <= SLACK_LIMITS.blocks);
});

Deno.test("slackPayload: empty texts become a dash (Slack refuses empty text)", () => {
  const payload = slackPayload(sampleMessage({ summary: "  ", figures: [{ label: "", value: "" }] }));
  assertEquals((payload.blocks[1] as Block).text!.text, "—");
  assertEquals((payload.blocks[2] as Block).fields, [{ type: "mrkdwn", text: "*—*\n—" }]);
});

Deno.test("escapeMrkdwn and clip: only & < > escaped; clip keeps surrogate pairs whole", () => {
  assertEquals(escapeMrkdwn("a & <b> *c* _d_"), "a &amp; &lt;b&gt; *c* _d_");
  assertEquals(clip("abc", 3), "abc");
  assertEquals(clip("abcdef", 4), "abc…");
  assertEquals(clip("ab😀cd", 4), "ab…");
  assertEquals(clip("a&amp;b", 5), "a…");
});

Deno.test("slackChannel: POSTs the Block Kit payload as JSON to the webhook", async () => {
  const hook = statusReceiver([200], HOOK_PATH);
  try {
    const message = sampleMessage();
    await slackChannel({ webhook_url: hook.url, channel: "#perf" }).send(
      message,
      new AbortController().signal,
    );
    assertEquals(hook.received.length, 1);
    const got = hook.received[0]!;
    assertEquals([got.method, got.path], ["POST", HOOK_PATH]);
    assertEquals(got.headers.get("content-type"), "application/json");
    assertEquals(got.json, JSON.parse(JSON.stringify(slackPayload(message, "#perf"))));
    const body = got.json as { text: string; channel: string; blocks: Block[] };
    assertEquals([body.text, body.channel, body.blocks[0]!.type], [message.title, "#perf", "header"]);
  } finally {
    await hook.close();
  }
});

Deno.test("slackChannel: 500, 500, 200 → delivered on the 3rd attempt by deliver()", async () => {
  const hook = statusReceiver([500, 500, 200], HOOK_PATH);
  try {
    const [outcome] = await deliver([slackChannel({ webhook_url: hook.url })], sampleMessage(), options());
    assertEquals(outcome, { channel: "slack", kind: "failure", ok: true, attempts: 3, at: outcome!.at });
    assertEquals(hook.received.length, 3);
    assertLess(hook.received[1]!.at - hook.received[0]!.at, 1000, "short backoff, no library retry delay");
  } finally {
    await hook.close();
  }
});

Deno.test("slackChannel: a non-2xx answer names the status and the body, never the URL", async () => {
  const hook = receiver(() => new Response("invalid_payload", { status: 400 }), HOOK_PATH);
  try {
    const error = await assertRejects(
      () => slackChannel({ webhook_url: hook.url }).send(sampleMessage(), new AbortController().signal),
      Error,
      "Slack webhook answered 400 Bad Request: invalid_payload",
    );
    assert(!error.message.includes(SECRET) && !error.message.includes("127.0.0.1"), error.message);
    assertEquals(hook.received.length, 1, "no retry inside the library");
  } finally {
    await hook.close();
  }
});

Deno.test("slackChannel: a receiver that never answers → 'timed out' within the bound, requests cancelled", async () => {
  await assertSilentReceiverTimesOut((url) => slackChannel({ webhook_url: url }), HOOK_PATH, mask);
});

Deno.test("slackChannel: its own timeout ends a silent webhook and a stalled body: 'Slack webhook timed out'", async () => {
  const silent = silentReceiver(HOOK_PATH);
  const stalled = receiver(() => ({ stall: 200 }), HOOK_PATH);
  try {
    for (const hook of [silent, stalled]) {
      const channel = slackChannel({ webhook_url: hook.url }, { timeoutMs: 150 });
      const error = await assertRejects(
        () => channel.send(sampleMessage(), new AbortController().signal),
        Error,
        "Slack webhook timed out",
      );
      assert(!error.message.includes(SECRET));
    }
    assertEquals(await silent.waitClosed(500), 0);
  } finally {
    await silent.close();
    await stalled.close();
  }
});

Deno.test("slackChannel: the caller's abort cancels the request", async () => {
  const hook = silentReceiver(HOOK_PATH);
  try {
    const controller = new AbortController();
    const sending = slackChannel({ webhook_url: hook.url }).send(sampleMessage(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assertRejects(() => sending, Error, "Slack webhook request aborted");
    assertEquals(await hook.waitClosed(500), 0);
  } finally {
    await hook.close();
  }
});

Deno.test("slackChannel: connection refused → failure, the URL's secret absent from the outcome", async () => {
  const url = refusedUrl(HOOK_PATH);
  const channel = slackChannel({ webhook_url: url });
  const direct = await assertRejects(() => channel.send(sampleMessage(), new AbortController().signal));
  assertMatch(direct.message, /^Slack webhook unreachable: .*refused/i);
  assert(!direct.message.includes(SECRET) && !direct.message.includes(url), direct.message);
  const [outcome] = await deliver([channel], sampleMessage(), options({ attempts: 2 }));
  assertEquals([outcome!.ok, outcome!.attempts], [false, 2]);
  assert(!JSON.stringify(outcome).includes(SECRET), JSON.stringify(outcome));
  assertMatch(outcome!.error!, /Slack webhook unreachable/);
});

Deno.test("slackChannel: an invalid URL is reported without echoing it", async () => {
  const channel = slackChannel({ webhook_url: `hooks.slack.com${HOOK_PATH}` });
  const error = await assertRejects(() => channel.send(sampleMessage(), new AbortController().signal));
  assertMatch(error.message, /^Slack webhook/);
  assert(!error.message.includes(SECRET), error.message);
});

Deno.test("slackChannel: a hung webhook does not keep a process alive after deliver() gives up", async () => {
  const hook = silentReceiver(HOOK_PATH);
  try {
    const script = `
      import { deliver } from ${JSON.stringify(import.meta.resolve("../../src/alert/delivery.ts"))};
      import { slackChannel } from ${JSON.stringify(import.meta.resolve("../../src/alert/slack.ts"))};
      import { sampleMessage } from ${JSON.stringify(import.meta.resolve("./receivers.ts"))};
      const options = { timeoutMs: 150, attempts: 1, backoffMs: 10, totalMs: 1000, redact: (t) => t };
      const channel = slackChannel({ webhook_url: ${JSON.stringify(hook.url)} }, { timeoutMs: 60_000 });
      const [outcome] = await deliver([channel], sampleMessage(), options);
      console.log(JSON.stringify(outcome));`;
    const root = new URL("../../", import.meta.url);
    const started = performance.now();
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--quiet", script],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(30_000),
    }).output();
    const elapsed = performance.now() - started;
    const stderr = new TextDecoder().decode(child.stderr);
    assertEquals([child.code, child.signal], [0, null], stderr);
    const outcome = JSON.parse(new TextDecoder().decode(child.stdout));
    assertEquals([outcome.ok, outcome.error], [false, "timed out after 150 ms"]);
    assertLess(elapsed, 15_000, "the child exited on its own, long before the channel's own 60 s timeout");
    assertEquals(hook.accepted, 1);
  } finally {
    await hook.close();
  }
});
