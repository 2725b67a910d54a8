/**
 * Loopback receivers for the alert channel tests, all on 127.0.0.1:0: `receiver` (`Deno.serve`, recording
 * every request and answering from a script; `close()` ends stalled bodies before shutting down, so no
 * test leaks an op), `silentReceiver` (raw TCP that never answers and sees whether the client gave the
 * request up), and `refusedUrl` (nothing listening).
 */
import { deliver, type DeliveryOptions } from "../../src/alert/delivery.ts";
import type { AlertChannel, AlertMessage } from "../../src/model/alert.ts";
import { assertEquals, assertLess, assertMatch } from "../helpers/assert.ts";

export interface Received {
  method: string;
  path: string;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** ms since the receiver started. */
  at: number;
}

/**
 * What the receiver does with request number `n` (0-based): a Response, or `{ stall: status }` (the status,
 * headers and a first chunk, then a body that never ends). For no answer at all, see `silentReceiver`.
 */
export type Answer = Response | { stall: number };

export interface Receiver {
  /** `http://127.0.0.1:PORT/<path>`. */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A receiver at `path`, answering request `n` with `answer(n)`. */
export function receiver(
  answer: (n: number, request: Request) => Answer,
  path = "/hook",
): Receiver {
  const received: Received[] = [];
  const releases: (() => void)[] = [];
  const started = performance.now();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const text = await request.text();
    const n = received.length;
    received.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: request.headers,
      text,
      json: parse(text),
      at: performance.now() - started,
    });
    const reply = answer(n, request);
    if (reply instanceof Response) return reply;
    return stalled(reply.stall, releases);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}${path}`,
    received,
    async close() {
      for (const release of releases.splice(0)) release();
      await server.shutdown();
    },
  };
}

function stalled(status: number, releases: (() => void)[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("o"));
      releases.push(() => {
        try {
          controller.close();
        } catch {
          // already cancelled by the client's abort
        }
      });
    },
  });
  return new Response(body, { status });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface SilentReceiver {
  url: string;
  /** Connections accepted so far. */
  accepted: number;
  /** Accepted connections the client has not closed yet. */
  open(): number;
  /** Waits up to `ms` for the clients to close every connection; returns how many are still open. */
  waitClosed(ms: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A raw TCP receiver that reads requests and never answers. Unlike a hung `Deno.serve` handler it can
 * tell whether the client gave the request up: a cancelled fetch closes its connection (EOF here).
 */
export function silentReceiver(path = "/hook"): SilentReceiver {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const readers: Promise<void>[] = [];
  const state = { accepted: 0 };
  const drain = async (conn: Deno.Conn) => {
    const buffer = new Uint8Array(16 * 1024);
    try {
      while ((await conn.read(buffer)) !== null) { /* swallow the request */ }
    } catch {
      // closed by close()
    }
    if (conns.delete(conn)) conn.close();
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        state.accepted++;
        conns.add(conn);
        readers.push(drain(conn));
      }
    } catch {
      // listener closed
    }
  })();
  return {
    url: `http://127.0.0.1:${listener.addr.port}${path}`,
    get accepted() {
      return state.accepted;
    },
    open: () => conns.size,
    async waitClosed(ms: number) {
      const deadline = performance.now() + ms;
      while (conns.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return conns.size;
    },
    async close() {
      listener.close();
      for (const conn of conns) conn.close();
      conns.clear();
      await accepting;
      await Promise.all(readers);
    },
  };
}

/** Answers from a list of statuses, in turn (the last one repeats). */
export function statusReceiver(statuses: readonly number[], path = "/hook"): Receiver {
  return receiver((n) => {
    const status = statuses[Math.min(n, statuses.length - 1)] ?? 200;
    const body = status === 204 || status === 304 ? null : status < 300 ? "ok" : `status ${status}`;
    return new Response(body, { status });
  }, path);
}

/** A URL on a loopback port nothing listens on (bound, then closed): connections are refused. */
export function refusedUrl(path: string): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return `http://127.0.0.1:${port}${path}`;
}

/** A message with every field set, and text that needs escaping in Slack's mrkdwn. */
export function sampleMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: "failure",
    verdict: "FAIL",
    scenario: "load",
    title: "perf: load FAIL: 2 of 3 thresholds failed",
    summary: "2 of 3 thresholds failed for <checkout> & cart: p95 and error rate over their limits.",
    base_url: "http://shop.test:8080",
    run_id: "20250101-120000-load",
    started_at: "2025-01-01T12:00:00.000Z",
    figures: [
      { label: "Requests", value: "12,034" },
      { label: "p95", value: "1,312 ms" },
      { label: "Errors", value: "3.20%" },
      { label: "Throughput", value: "58.3 req/s" },
    ],
    failed_thresholds: [
      { name: "http_req_duration p95", value: "1,312 ms", limit: "<= 1000 ms" },
      { name: "errors rate", value: "3.20%", limit: "< 1%" },
    ],
    result_path: "reports/load/result.json",
    report_path: "reports/load/report.html",
    ...overrides,
  };
}

/** Quick delivery options for the channel tests (3 attempts, 10 ms backoff), redacting with `redact`. */
export function deliveryOptions(
  redact: (text: string) => string,
  overrides: Partial<DeliveryOptions> = {},
): DeliveryOptions {
  return { timeoutMs: 2000, attempts: 3, backoffMs: 10, totalMs: 5000, redact, ...overrides };
}

/**
 * A receiver at `path` that never answers: deliver() gives up with "timed out" after 3 attempts within
 * totalMs, and every timed-out request was cancelled (its connection closed).
 */
export async function assertSilentReceiverTimesOut(
  channel: (url: string) => AlertChannel,
  path: string,
  redact: (text: string) => string,
): Promise<void> {
  const hook = silentReceiver(path);
  try {
    const started = performance.now();
    const [outcome] = await deliver(
      [channel(hook.url)],
      sampleMessage(),
      deliveryOptions(redact, { timeoutMs: 200, totalMs: 1000 }),
    );
    assertLess(performance.now() - started, 1000 + 1000, "within totalMs (plus an allowance for load)");
    assertEquals([outcome!.ok, outcome!.attempts], [false, 3]);
    assertMatch(outcome!.error!, /timed out/);
    assertEquals(hook.accepted, 3);
    assertEquals(
      await hook.waitClosed(500),
      0,
      "every timed-out request was cancelled, its connection closed",
    );
  } finally {
    await hook.close();
  }
}
