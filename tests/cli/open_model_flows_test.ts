/**
 * The open model for flows and TypeScript users (issue 15): each arrival runs one iteration on a free
 * user of the pool, on_start once per pooled user, the first request timed from the iteration's intended
 * start and a later one from when it was due, so a queue before the iteration counts once.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer, stallingServer } from "../helpers/targets.ts";

const API = new URL("../../src/user/api.ts", import.meta.url).href;

Deno.test("a two-step flow in the open model: percentiles match the stall, the queue counted once", async () => {
  // 300 ms stall every 1000 ms, 200 arrivals/s, 5 users. An arrival x ms into a stall waits 300 - x ms
  // for its first step (30% of them do: for a user, or for a user's answer); its second step is sent as
  // soon as the first ends, outside the stall: about 0 ms from when it was due. Over both requests
  // P(latency > l) = (300 - l) / 2000: p95 = 200 ms, p99 = 280 ms. Timing the second step from the
  // iteration's start would count the wait twice (p95 250 ms); timing from the send would miss it.
  const target = stallingServer(1000, 300);
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  journey:
    rate: 200
    max_users: 5
    run_time: 4s
    timeout: 5s
    tasks:
      - name: login then items
        steps:
          - { name: login, method: POST, path: /login, extract: { token: "$.token" } }
          - { name: items, path: "/items?token={{ token }}" }
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--workers", "1"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals(result.run.model, "open");
    assertEquals(result.summary.dropped_iterations, 0);
    assertEquals(result.summary.failures, 0);
    assertEquals(target.byPath, { "/login": 800, "/items": 800 });
    assertEquals(result.summary.requests, 1600);
    const latency = result.summary.latency_ms;
    assert(Math.abs(latency.p95 - 200) <= 20, `p95 ${latency.p95} ms, expected 200 ± 10%`);
    assert(Math.abs(latency.p99 - 280) <= 28, `p99 ${latency.p99} ms, expected 280 ± 10%`);
    const items = result.endpoints.find((e) => e.name === "items")!;
    assertLess(items.latency_ms.p95, 20, "the second step is timed from when it was due");
    // Only the 5 users caught in each stall see it from their send.
    assertLess(result.summary.phases_ms!.service!.p95, 20);
  } finally {
    await target.close();
  }
});

Deno.test("open model flow: on_start runs once per pooled user, think time between steps", async () => {
  const target = countingServer();
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  journey:
    rate: 100
    max_users: 50
    run_time: 2s
    on_start:
      - { name: login, method: POST, path: /login }
    tasks:
      - name: browse
        steps:
          - { name: home, path: /home, think_time: 50ms }
          - { name: cart, path: /cart }
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--workers", "1"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const counts = target.countByPath();
    // An iteration still thinking when the run ends finishes in the graceful stop.
    assertEquals([counts["/home"], counts["/cart"]], [200, 200]);
    // One login per user of the pool, which grows only as far as the arrivals need (≈ 100/s × 50 ms).
    const logins = counts["/login"]!;
    assertGreater(logins, 0);
    assert(logins <= 50, `${logins} logins for a pool of at most 50`);
    assertLess(logins, 200);
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.summary.dropped_iterations, 0);
  } finally {
    await target.close();
  }
});

Deno.test("a TypeScript user in the open model: one task per arrival, timed from the schedule", async () => {
  const target = stallingServer(1000, 300);
  const dir = await Deno.makeTempDir({ prefix: "perf-user-" });
  const module = `${dir}/user.ts`;
  await Deno.writeTextFile(
    module,
    `import { defineUser } from "${API}";
export default defineUser({
  on_start: async ({ http, vars }) => { vars.set("token", (await http.post("/login")).json<{ token: string }>().token); },
  tasks: [{ name: "items", run: async ({ http, vars }) => { await http.get("/items?token=" + vars.get("token")); } }],
});
`,
  );
  try {
    const out = await Deno.makeTempDir();
    const run = await runPerf([
      ...["run", "-s", module, "-H", target.url, "--rate", "200", "-u", "5", "-t", "4s"],
      ...["-o", out, "--quiet", "--workers", "1"],
    ]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals(result.run.model, "open");
    assertEquals(target.byPath["/items"], 800);
    assert(target.byPath["/login"]! <= 5, `${target.byPath["/login"]} logins for a pool of 5`);
    assertEquals(result.summary.requests, target.byPath["/items"]! + target.byPath["/login"]!);
    // As for a plain request (tests/cli/open_model_test.ts): p95 = 250 ms, p99 = 290 ms from the schedule.
    const items = result.endpoints.find((e) => e.name === "/items")!;
    assert(Math.abs(items.latency_ms.p95 - 250) <= 25, `p95 ${items.latency_ms.p95} ms, expected 250 ± 10%`);
    assert(Math.abs(items.latency_ms.p99 - 290) <= 29, `p99 ${items.latency_ms.p99} ms, expected 290 ± 10%`);
    assertLess(result.summary.phases_ms!.service!.p95, 20);
  } finally {
    await target.close();
  }
});
