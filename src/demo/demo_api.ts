/**
 * The embedded demo API that `perf demo` starts in-process: the seed's `/api/items/` endpoints with
 * small, realistic, seeded latencies and a ~1% error rate, so a first run has something to measure.
 *
 * Pure core (PRNG, latency model, routing over a bounded store) + a thin `Deno.serve` shell.
 */
import { seededRandom } from "../plan/weighted.ts";

/** A running demo API. */
export interface DemoApi {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Requests received so far, counted on arrival. */
  stats(): DemoStats;
  /** Stops listening and waits for in-flight requests to finish. */
  close(): Promise<void>;
}

/** Request counts; `byRoute` keys are route patterns such as `GET /api/items/{id}`. */
export interface DemoStats {
  requests: number;
  byRoute: Record<string, number>;
}

export interface DemoApiOptions {
  /** Loopback port to listen on (default 0: a free one). */
  port?: number;
  /** PRNG seed for latencies and injected errors (default 42). */
  seed?: number;
  /** Multiplies every latency: 1 = default latencies, 0 = instant (for tests). */
  latencyScale?: number;
  /** Fraction of `/api/items` requests answered 500 or 503 (default 0.01). */
  errorRate?: number;
}

/** One stored item. */
export interface Item {
  id: number;
  name: string;
  value: number | null;
  created_at: string;
}

/** A route pattern: which handler answers and how slow it is. */
export type RouteKey =
  | "GET /api/items/"
  | "POST /api/items/"
  | "GET /api/items/{id}"
  | "GET /"
  | "GET /health"
  | "unmatched";

/** What the pure core answers: status and JSON body; the shell adds the wait and the headers. */
export interface DemoResponse {
  status: number;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------------
// PRNG and latency model

/** Median and clamp range (ms) of each route's normal latency. */
const LATENCY_MS: Record<RouteKey, { median: number; min: number; max: number }> = {
  "GET /api/items/": { median: 5, min: 3, max: 8 },
  "POST /api/items/": { median: 9, min: 5, max: 15 },
  "GET /api/items/{id}": { median: 3.5, min: 2, max: 6 },
  "GET /": { median: 0.5, min: 0.2, max: 1.5 },
  "GET /health": { median: 0.5, min: 0.2, max: 1.5 },
  "unmatched": { median: 0.5, min: 0.2, max: 1.5 },
};

/** Share of requests that land in the slow tail (a GC pause, a cold cache). */
const SLOW_TAIL_RATE = 0.005;
const LOG_SIGMA = 0.3;

/** A standard normal draw (Box-Muller); `1 - rng()` keeps the log argument in (0, 1]. */
function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * Latency in ms for one request: log-normal around the route's median, clamped to its range, and
 * with probability 0.5% multiplied 5-20x (the slow tail real services have).
 */
export function drawLatencyMs(route: RouteKey, rng: () => number, scale = 1): number {
  const { median, min, max } = LATENCY_MS[route];
  const body = Math.min(max, Math.max(min, median * Math.exp(LOG_SIGMA * normal(rng))));
  const tail = rng() < SLOW_TAIL_RATE ? 5 + 15 * rng() : 1;
  return body * tail * scale;
}

/** The injected failure for this request, if any: 500 or 503 with a JSON body. */
export function drawFailure(rng: () => number, errorRate: number): DemoResponse | undefined {
  if (rng() >= errorRate) return undefined;
  return rng() < 0.5
    ? { status: 500, body: { error: "internal error (injected by the demo API)" } }
    : { status: 503, body: { error: "service unavailable (injected by the demo API)" } };
}

// ---------------------------------------------------------------------------------------------------
// Store and routing

/** An in-memory item store that keeps at most `cap` items, evicting the oldest. */
export class ItemStore {
  readonly #items = new Map<number, Item>();
  #nextId = 1;

  constructor(readonly cap = 10_000) {}

  get size(): number {
    return this.#items.size;
  }

  add(name: string, value: number | null, now = new Date()): Item {
    const item: Item = { id: this.#nextId++, name, value, created_at: now.toISOString() };
    this.#items.set(item.id, item);
    // Maps iterate in insertion order, so the first key is the oldest item.
    while (this.#items.size > this.cap) {
      const oldest = this.#items.keys().next().value;
      if (oldest === undefined) break;
      this.#items.delete(oldest);
    }
    return item;
  }

  get(id: number): Item | undefined {
    return this.#items.get(id);
  }

  first(n: number): Item[] {
    const out: Item[] = [];
    for (const item of this.#items.values()) {
      if (out.length >= n) break;
      out.push(item);
    }
    return out;
  }
}

/** Fills a store with a few items so the list is not empty on the first request. */
export function seedStore(store: ItemStore, count = 25): void {
  for (let i = 1; i <= count; i++) store.add(`item-${i}`, i * 10);
}

const ITEM_PATH = /^\/api\/items\/(\d{1,15})$/;

/** Which route pattern a request matches. */
export function matchRoute(method: string, path: string): RouteKey {
  const p = path === "/api/items" ? "/api/items/" : path;
  if (method === "GET") {
    if (p === "/" || p === "/health" || p === "/api/items/") return `GET ${p}` as RouteKey;
    if (ITEM_PATH.test(p)) return "GET /api/items/{id}";
  }
  if (method === "POST" && p === "/api/items/") return "POST /api/items/";
  return "unmatched";
}

/** Validates a create body: a JSON object with a non-empty string `name` and an optional number `value`. */
export function parseCreateBody(text: string): { name: string; value: number | null } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "invalid JSON body" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { error: "body must be a JSON object" };
  }
  const { name, value } = data as { name?: unknown; value?: unknown };
  if (typeof name !== "string" || name.trim() === "") return { error: 'field "name" is required' };
  if (value !== undefined && value !== null && typeof value !== "number") {
    return { error: 'field "value" must be a number' };
  }
  return { name, value: value ?? null };
}

const ITEM_LIST_SIZE = 20;

/** Answers one request against the store (mutating it for a create); no I/O, no waiting. */
export function handleRoute(route: RouteKey, path: string, bodyText: string, store: ItemStore): DemoResponse {
  switch (route) {
    case "GET /":
    case "GET /health":
      return { status: 200, body: { status: "ok" } };
    case "GET /api/items/":
      return { status: 200, body: store.first(ITEM_LIST_SIZE) };
    case "GET /api/items/{id}": {
      const id = Number(ITEM_PATH.exec(path)?.[1]);
      const item = store.get(id);
      return item ? { status: 200, body: item } : { status: 404, body: { error: `item ${id} not found` } };
    }
    case "POST /api/items/": {
      const parsed = parseCreateBody(bodyText);
      if ("error" in parsed) return { status: 400, body: parsed };
      return { status: 201, body: store.add(parsed.name, parsed.value) };
    }
    case "unmatched":
      return { status: 404, body: { error: `no route for ${path}` } };
  }
}

/** Only the items API fails on purpose; health checks stay green so `perf demo` can wait on them. */
function canFail(route: RouteKey): boolean {
  return route.includes("/api/items/");
}

// ---------------------------------------------------------------------------------------------------
// Server shell

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Starts the demo API on a free loopback port. Silent: nothing is printed.
 *
 * @example
 * ```ts
 * const api = startDemoApi({ latencyScale: 0 });
 * const res = await fetch(`${api.url}/api/items/`);
 * await res.body?.cancel();
 * await api.close();
 * ```
 */
export function startDemoApi(options: DemoApiOptions = {}): DemoApi {
  const rng = seededRandom(options.seed ?? 42);
  const scale = Math.max(0, options.latencyScale ?? 1);
  const errorRate = options.errorRate ?? 0.01;
  const store = new ItemStore();
  seedStore(store);
  const counts: DemoStats = { requests: 0, byRoute: {} };

  const handler = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const route = matchRoute(req.method, path);
    counts.requests++;
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
    // Draw before awaiting, so the sequence depends only on arrival order.
    const latency = drawLatencyMs(route, rng, scale);
    const failure = canFail(route) ? drawFailure(rng, errorRate) : undefined;
    const bodyText = route === "POST /api/items/" ? await req.text() : "";
    await sleep(latency);
    const answer = failure ?? handleRoute(route, path, bodyText, store);
    return Response.json(answer.body, { status: answer.status });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: options.port ?? 0, onListen() {} }, handler);
  const port = server.addr.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ requests: counts.requests, byRoute: { ...counts.byRoute } }),
    // Idempotent: `perf demo` closes in a finally block that may run after an earlier close.
    close: () => closing ??= server.shutdown(),
  };
}
