import {
  drawFailure,
  drawLatencyMs,
  handleRoute,
  ItemStore,
  matchRoute,
  parseCreateBody,
  type RouteKey,
  startDemoApi,
} from "../../src/demo/demo_api.ts";
import { seededRandom } from "../../src/plan/weighted.ts";
import { assert, assertEquals, assertGreater, assertLess, assertMatch } from "../helpers/assert.ts";

/** Fetches and always consumes the body (the leak sanitizer wants every body read). */
async function call(url: string, init?: RequestInit): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  return call(url, { method: "POST", headers: { "content-type": "application/json" }, body });
}

Deno.test("matchRoute maps method and path to a route pattern", () => {
  const cases: [string, string, RouteKey][] = [
    ["GET", "/", "GET /"],
    ["GET", "/health", "GET /health"],
    ["GET", "/api/items/", "GET /api/items/"],
    ["GET", "/api/items", "GET /api/items/"],
    ["POST", "/api/items/", "POST /api/items/"],
    ["GET", "/api/items/17", "GET /api/items/{id}"],
    ["GET", "/api/items/abc", "unmatched"],
    ["DELETE", "/api/items/1", "unmatched"],
    ["POST", "/health", "unmatched"],
    ["GET", "/nope", "unmatched"],
  ];
  for (const [method, path, want] of cases) assertEquals(matchRoute(method, path), want, `${method} ${path}`);
});

Deno.test("parseCreateBody validates name and value", () => {
  const cases: [string, unknown][] = [
    ['{"name":"a","value":1}', { name: "a", value: 1 }],
    ['{"name":"a"}', { name: "a", value: null }],
    ["{not json", { error: "invalid JSON body" }],
    ["[1]", { error: "body must be a JSON object" }],
    ['{"value":1}', { error: 'field "name" is required' }],
    ['{"name":"  "}', { error: 'field "name" is required' }],
    ['{"name":"a","value":"x"}', { error: 'field "value" must be a number' }],
  ];
  for (const [text, want] of cases) assertEquals(parseCreateBody(text), want, text);
});

Deno.test("ItemStore evicts the oldest item past its cap", () => {
  const store = new ItemStore(3);
  for (let i = 0; i < 5; i++) store.add(`n${i}`, i);
  assertEquals(store.size, 3);
  assertEquals(store.get(1), undefined);
  assertEquals(store.first(10).map((it) => it.id), [3, 4, 5]);
  assertEquals(store.first(2).map((it) => it.id), [3, 4]);
});

Deno.test("handleRoute answers without I/O", () => {
  const store = new ItemStore();
  assertEquals(handleRoute("GET /health", "/health", "", store), { status: 200, body: { status: "ok" } });
  const created = handleRoute("POST /api/items/", "/api/items/", '{"name":"x","value":2}', store);
  assertEquals(created.status, 201);
  assertEquals(handleRoute("GET /api/items/{id}", "/api/items/1", "", store).status, 200);
  assertEquals(handleRoute("GET /api/items/{id}", "/api/items/2", "", store).status, 404);
  assertEquals(handleRoute("unmatched", "/x", "", store).status, 404);
});

Deno.test("latency model: seeded, within range, rare slow tail", () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const routes: [RouteKey, number, number][] = [
    ["GET /api/items/", 3, 8],
    ["POST /api/items/", 5, 15],
    ["GET /api/items/{id}", 2, 6],
  ];
  for (const [route, min, max] of routes) {
    const draws = Array.from({ length: 2000 }, () => drawLatencyMs(route, a));
    assertEquals(draws, Array.from({ length: 2000 }, () => drawLatencyMs(route, b)), "same seed, same draws");
    const inRange = draws.filter((ms) => ms >= min && ms <= max).length;
    assertGreater(inRange, 1950, `${route}: most draws in [${min}, ${max}]`);
    assert(draws.every((ms) => ms >= min), `${route}: nothing below ${min}`);
    assertLess(Math.max(...draws), max * 20 + 1e-9, `${route}: tail bounded`);
  }
  assertEquals(drawLatencyMs("GET /api/items/", seededRandom(1), 0), 0, "scale 0 is instant");
});

Deno.test("failure injection is about errorRate and only 500 or 503", () => {
  const rng = seededRandom(3);
  const draws = Array.from({ length: 20_000 }, () => drawFailure(rng, 0.01));
  const failures = draws.filter((d) => d !== undefined);
  assertGreater(failures.length, 120);
  assertLess(failures.length, 280);
  assert(failures.every((f) => f.status === 500 || f.status === 503));
  assertEquals(drawFailure(seededRandom(3), 0), undefined);
});

Deno.test("demo API serves every route over HTTP and counts them", async () => {
  const api = startDemoApi({ latencyScale: 0, errorRate: 0 });
  try {
    assertMatch(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assertEquals(await call(`${api.url}/`), { status: 200, json: { status: "ok" } });
    assertEquals(await call(`${api.url}/health`), { status: 200, json: { status: "ok" } });

    const list = await call(`${api.url}/api/items/`);
    assertEquals(list.status, 200);
    assert(Array.isArray(list.json));
    assertEquals(list.json.length, 20);

    const created = await post(`${api.url}/api/items/`, JSON.stringify({ name: "test", value: 42 }));
    assertEquals(created.status, 201);
    const item = created.json as { id: number; name: string; value: number };
    assert(Number.isInteger(item.id), "new item has an integer id");
    assertEquals([item.name, item.value], ["test", 42]);

    const readBack = await call(`${api.url}/api/items/${item.id}`);
    assertEquals(readBack, { status: 200, json: item });

    const bad = await post(`${api.url}/api/items/`, "{oops");
    assertEquals(bad, { status: 400, json: { error: "invalid JSON body" } });
    const noName = await post(`${api.url}/api/items/`, '{"value":1}');
    assertEquals(noName.status, 400);

    const missing = await call(`${api.url}/api/items/999999`);
    assertEquals(missing.status, 404);
    assertMatch((missing.json as { error: string }).error, /not found/);
    const unknown = await call(`${api.url}/nowhere`);
    assertEquals(unknown.status, 404);

    assertEquals(api.stats(), {
      requests: 9,
      byRoute: {
        "GET /": 1,
        "GET /health": 1,
        "GET /api/items/": 1,
        "POST /api/items/": 3,
        "GET /api/items/{id}": 2,
        "unmatched": 1,
      },
    });
  } finally {
    await api.close();
  }
  await api.close(); // idempotent
});

Deno.test("demo API injects 500/503 at errorRate 1 but keeps /health green", async () => {
  const api = startDemoApi({ latencyScale: 0, errorRate: 1, seed: 5 });
  try {
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await call(`${api.url}/api/items/`)).status);
    assert(statuses.every((s) => s === 500 || s === 503), `statuses: ${statuses}`);
    assertEquals((await call(`${api.url}/health`)).status, 200);
  } finally {
    await api.close();
  }
});

Deno.test("demo API default latencies are a few ms", async () => {
  const api = startDemoApi({ errorRate: 0 });
  try {
    const t0 = performance.now();
    const res = await call(`${api.url}/api/items/`);
    const elapsed = performance.now() - t0;
    assertEquals(res.status, 200);
    assertGreater(elapsed, 2.5);
    assertLess(elapsed, 1000);
  } finally {
    await api.close();
  }
});
