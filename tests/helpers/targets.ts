/**
 * Loopback targets for integration tests (design §4): each binds 127.0.0.1 on a free port, counts what
 * it receives on arrival (so a test can compare the server's count with the client's), and closes cleanly.
 */

/** A running test server. */
export interface Target {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Requests the server received, counted at arrival (before any delay). */
  count(): number;
  /** Requests received per URL path. */
  countByPath(): Record<string, number>;
  /** How long the server itself took over each answer, ms (arrival to response), in arrival order. */
  serviceMs(): number[];
  /** Stops listening and waits for in-flight requests. Safe to call twice. */
  close(): Promise<void>;
}

export interface CountingServerOptions {
  /** Wait this long (setTimeout) before answering; 0 answers at once. */
  delayMs?: number;
  /** Status code, or a function of the 1-based arrival number (e.g. fail every 10th). */
  status?: number | ((n: number) => number);
  /** Response body (default `"ok"`). */
  body?: string;
}

/** A null body is required for these statuses by the Fetch spec. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Timers fire up to ~1.5 ms late; the last stretch is a short spin so the delay is exact to ~0.1 ms. */
const SPIN_MS = 2;

/** Waits exactly `ms` (never less), so latency tests measure the client, not the server's timer. */
async function sleep(ms: number): Promise<void> {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  if (ms > SPIN_MS) await new Promise((resolve) => setTimeout(resolve, ms - SPIN_MS));
  while (performance.now() < until) { /* spin: bounded by SPIN_MS */ }
}

/** Serves `answer` on a free loopback port, counting every request on arrival. */
function serveCounting(
  answer: (req: Request, n: number, path: string) => Promise<Response> | Response,
): Target {
  let total = 0;
  const byPath: Record<string, number> = {};
  const service: number[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const arrived = performance.now();
    const path = new URL(req.url).pathname;
    total++;
    byPath[path] = (byPath[path] ?? 0) + 1;
    const response = await answer(req, total, path);
    service.push(performance.now() - arrived);
    return response;
  });
  const port = server.addr.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    count: () => total,
    countByPath: () => ({ ...byPath }),
    serviceMs: () => [...service],
    close: () => closing ??= server.shutdown(),
  };
}

/**
 * A server that counts every request and answers after `delayMs` with `status` and `body`
 * (default 200 `"ok"`).
 */
export function countingServer(options: CountingServerOptions = {}): Target {
  const { delayMs = 0, status = 200, body = "ok" } = options;
  return serveCounting(async (_req, n) => {
    await sleep(delayMs);
    const code = typeof status === "function" ? status(n) : status;
    return new Response(NULL_BODY_STATUSES.has(code) ? null : body, { status: code });
  });
}

/** A server answering each path with its status from `statuses` (body `status N`); other paths get 404. */
export function statusServer(statuses: Record<string, number>): Target {
  return serveCounting((_req, _n, path) => {
    const code = Object.hasOwn(statuses, path) ? statuses[path]! : 404;
    return new Response(NULL_BODY_STATUSES.has(code) ? null : `status ${code}`, { status: code });
  });
}

/** A loopback port with nothing listening on it (bound, then closed), for connection-refused tests. */
export async function closedPort(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  // Yield once so the close is complete before a caller connects.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return port;
}

/**
 * A server with a known capacity: it answers at most `perSecond` requests per second, one every
 * 1000/perSecond ms, and queues the rest in arrival order (a single-worker server behind a backlog).
 * Past capacity its queue, and so its latency, grows; after the load drops the queue drains at
 * (capacity − arrival rate) per second.
 */
export function capacityServer(perSecond: number): Target {
  const gap = 1000 / perSecond;
  let nextFree = 0;
  return serveCounting(async () => {
    const now = performance.now();
    const slot = Math.max(now, nextFree);
    nextFree = slot + gap;
    await sleep(slot + gap - now);
    return new Response("ok");
  });
}

/** A test server in a process of its own, started from a script beside this file that prints its port. */
async function spawnServer(
  script: string,
  args: readonly number[],
): Promise<{ url: string; close(): Promise<void> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", new URL(script, import.meta.url).href, ...args.map(String)],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  reader.releaseLock();
  const port = Number(new TextDecoder().decode(value).trim());
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill();
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

/**
 * A server that worsens at a known pace from its start, in a process of its own: latency `baseMs +
 * msPerSecond × elapsed`, and a Prometheus endpoint at `/metrics` whose `app_memory_bytes` gauge grows
 * by `bytesPerSecond`.
 */
export function driftingServer(
  options: { baseMs: number; msPerSecond: number; bytesPerSecond: number },
): Promise<{ url: string; close(): Promise<void> }> {
  return spawnServer("./drifting_server_main.ts", [
    options.baseMs,
    options.msPerSecond,
    options.bytesPerSecond,
  ]);
}

/** What a capacity process measured itself (see capacity_server_main.ts). */
export interface CapacityStats {
  requests: number;
  refused: number;
  max_backlog_ms: number;
  episodes: { start_s: number; peak_s: number; peak_backlog_ms: number; drained_s?: number }[];
  now_s: number;
}

/**
 * A FIFO server of `perSecond` answers a second with a bounded queue (`queueS` seconds of backlog, then
 * 503), in a process of its own, that measures its own backlog and drain times (`stats()`).
 */
export async function capacityProcess(
  perSecond: number,
  options: { queueS?: number; lifetimeS?: number } = {},
): Promise<{ url: string; stats(): Promise<CapacityStats>; close(): Promise<void> }> {
  const server = await spawnServer("./capacity_server_main.ts", [
    perSecond,
    options.queueS ?? 5,
    options.lifetimeS ?? 600,
  ]);
  return {
    ...server,
    stats: async () => await (await fetch(`${server.url}/stats`)).json() as CapacityStats,
  };
}

/** Answers at once, except during the first `stallMs` of every `periodMs`; counts requests by path.
 * `/login` answers `{"token":"t-1"}` (for flows that extract it). */
export function stallingServer(periodMs: number, stallMs: number) {
  const t0 = performance.now();
  const byPath: Record<string, number> = {};
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    byPath[path] = (byPath[path] ?? 0) + 1;
    const phase = (performance.now() - t0) % periodMs;
    if (phase < stallMs) await new Promise((r) => setTimeout(r, stallMs - phase));
    return path === "/login" ? Response.json({ token: "t-1" }) : new Response("ok");
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, byPath, close: () => server.shutdown() };
}
