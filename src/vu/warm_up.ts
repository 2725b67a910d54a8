/**
 * Warms a worker's hot path before it measures anything (issue 15, "honest numbers at the start"). A cold
 * isolate runs the request path in V8's interpreter and baseline tiers and grows its heap as it goes, so
 * the first seconds of a run carry perf's own extra latency (measured against a C server of fixed 15 ms
 * on loopback: about 0.7 ms more at p95 in the first 5-10 s than later), which fades as the code is
 * optimised, and reads as a falling p95 in an endurance run.
 *
 * The warm-up sends through the same http1 client, parser and recorder to a server of its own inside the
 * worker, on 127.0.0.1, and throws the measurements away: nothing reaches the target, so the target's
 * count still equals perf's. Bounded in requests and in time.
 */
import { SnapshotRecorder } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { Http1Client, prepareRequest } from "./http1/http1_client.ts";
import { InflightRequests } from "./inflight.ts";

export interface WarmUpOptions {
  /** Requests in all (default 4000). */
  requests?: number;
  /** Connections sending at once (default 4). */
  connections?: number;
  /** Stop after this long whatever the count (default 1500 ms). */
  maxMs?: number;
}

/** A response shaped like a real server's: status line, a few headers, a small body. */
const RESPONSE = new TextEncoder().encode(
  "HTTP/1.1 200 OK\r\nServer: perf-warm-up\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n" +
    "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok",
);
const END_OF_HEAD = [13, 10, 13, 10];

/** Counts request heads in a chunk (the warm-up's requests have no body), carrying a split end across chunks. */
function headsIn(chunk: Uint8Array, state: { matched: number }): number {
  let heads = 0;
  for (const byte of chunk) {
    state.matched = byte === END_OF_HEAD[state.matched] ? state.matched + 1 : byte === 13 ? 1 : 0;
    if (state.matched === 4) {
      heads++;
      state.matched = 0;
    }
  }
  return heads;
}

async function answer(conn: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(16 * 1024);
  const state = { matched: 0 };
  try {
    for (;;) {
      const n = await conn.read(buffer);
      if (n === null) return;
      for (let i = headsIn(buffer.subarray(0, n), state); i > 0; i--) await conn.write(RESPONSE);
    }
  } catch {
    // the client side closed first: the warm-up is over
  } finally {
    try {
      conn.close();
    } catch { /* already closed */ }
  }
}

async function serve(listener: Deno.Listener): Promise<void> {
  const conns: Promise<void>[] = [];
  try {
    for await (const conn of listener) conns.push(answer(conn));
  } catch {
    // closed
  }
  await Promise.allSettled(conns);
}

function warmPlan(port: number): RequestPlan {
  const headers = { "User-Agent": "perf-warm-up", Accept: "*/*" };
  const plan = { name: "/warm-up", method: "GET", url: `http://127.0.0.1:${port}/warm-up`, headers };
  return { ...plan, weight: 1, timeout_ms: 5000, request_bytes: 0 };
}

/** Runs the warm-up; returns how many requests it sent (all to its own loopback server). */
export async function warmUp(options: WarmUpOptions = {}): Promise<number> {
  const total = options.requests ?? 4000;
  const deadline = performance.now() + (options.maxMs ?? 1500);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = serve(listener);
  const request = prepareRequest(warmPlan((listener.addr as Deno.NetAddr).port));
  const inflight = new InflightRequests();
  const buffers = Http1Client.bufferPool();
  const recorder = new SnapshotRecorder();
  const slot = recorder.slot(request.plan.name, request.plan.method);
  let sent = 0;
  const connection = async () => {
    const client = new Http1Client(inflight, buffers);
    try {
      while (sent < total && performance.now() < deadline) {
        sent++;
        recorder.recordAt(slot, await client.send(request));
      }
    } finally {
      client.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections ?? 4 }, connection));
  } finally {
    listener.close();
    await serving;
    inflight.close();
    recorder.takeDeltas(); // thrown away: the warm-up measures nothing
  }
  return sent;
}
