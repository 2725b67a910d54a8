import { closedPort, countingServer, statusServer } from "./targets.ts";
import { assertEquals, assertGreater, assertMatch, assertRejects } from "./assert.ts";

async function statusOf(url: string): Promise<number> {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.status;
}

Deno.test("countingServer counts every request exactly", async () => {
  const target = countingServer();
  try {
    assertMatch(target.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const paths = ["/a", "/b"];
    // 200 requests in 10 concurrent batches of 20: bounded, and enough to catch a lost count.
    for (let batch = 0; batch < 10; batch++) {
      const sent = Array.from({ length: 20 }, (_, i) => statusOf(`${target.url}${paths[i % 2]}`));
      assertEquals(new Set(await Promise.all(sent)), new Set([200]));
    }
    assertEquals(target.count(), 200);
    assertEquals(target.countByPath(), { "/a": 100, "/b": 100 });
  } finally {
    await target.close();
  }
  await target.close(); // idempotent
});

Deno.test("countingServer answers with body and status (fixed or per request)", async () => {
  const fixed = countingServer({ status: 201, body: "made" });
  const perRequest = countingServer({ status: (n) => (n % 3 === 0 ? 500 : 200) });
  const empty = countingServer({ status: 204 });
  try {
    const res = await fetch(fixed.url);
    assertEquals([res.status, await res.text()], [201, "made"]);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await statusOf(perRequest.url));
    assertEquals(statuses, [200, 200, 500, 200, 200, 500]);
    assertEquals(await statusOf(empty.url), 204);
  } finally {
    await Promise.all([fixed.close(), perRequest.close(), empty.close()]);
  }
});

Deno.test("countingServer honours delayMs and counts on arrival", async () => {
  const delayMs = 80;
  const target = countingServer({ delayMs });
  try {
    const t0 = performance.now();
    const pending = fetch(target.url);
    // The count moves before the answer: poll (bounded) until the request has arrived.
    for (let i = 0; i < 50 && target.count() === 0; i++) await new Promise((r) => setTimeout(r, 2));
    assertEquals(target.count(), 1);
    const res = await pending;
    const elapsed = performance.now() - t0;
    assertEquals(await res.text(), "ok");
    // 1 ms of slack: timers and performance.now() round differently.
    assertGreater(elapsed, delayMs - 1, `answered after ${elapsed.toFixed(1)} ms`);
  } finally {
    await target.close();
  }
});

Deno.test("statusServer maps paths to statuses, 404 otherwise", async () => {
  const target = statusServer({ "/ok": 200, "/missing": 404, "/boom": 500, "/busy": 503 });
  try {
    const cases: [string, number][] = [["/ok", 200], ["/missing", 404], ["/boom", 500], ["/busy", 503], [
      "/other",
      404,
    ]];
    for (const [path, want] of cases) assertEquals(await statusOf(`${target.url}${path}`), want, path);
    const res = await fetch(`${target.url}/boom`);
    assertEquals(await res.text(), "status 500");
    assertEquals(target.count(), 6);
    assertEquals(target.countByPath()["/boom"], 2);
  } finally {
    await target.close();
  }
});

Deno.test("closedPort refuses connections", async () => {
  const port = await closedPort();
  assertGreater(port, 0);
  await assertRejects(() => fetch(`http://127.0.0.1:${port}/`), TypeError);
});

Deno.test("assert helpers fail when they should", async () => {
  const { assertAlmostEquals, assertLess, assertNotEquals, assertThrows, AssertionError } = await import(
    "./assert.ts"
  );
  const failing: [string, () => void][] = [
    ["equals", () => assertEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })],
    ["notEquals", () => assertNotEquals([NaN], [NaN])],
    ["match", () => assertMatch("abc", /^b/)],
    ["almost", () => assertAlmostEquals(1, 1.1, 0.05)],
    ["greater", () => assertGreater(1, 1)],
    ["less", () => assertLess(2, 1)],
    ["throws", () => assertThrows(() => {})],
  ];
  for (const [name, fn] of failing) assertThrows(fn, AssertionError, undefined, name);
  assertEquals(new Map([["k", new Set([1])]]), new Map([["k", new Set([1])]]));
  assertEquals({ a: 1, b: undefined }, { a: 1 });
  assertAlmostEquals(0.1 + 0.2, 0.3);
  await assertRejects(() => assertRejects(() => Promise.resolve()), AssertionError);
});
