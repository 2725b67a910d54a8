/**
 * Acceptance for the open model: latency measured from the schedule's intended start times (coordinated
 * omission corrected) against a periodically stalling target, a ramping rate that follows its plan, and
 * dropped starts counted when max_users is too small.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { stallingServer } from "../helpers/targets.ts";

function delayServer(delayMs: number) {
  let count = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    count++;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return new Response("ok");
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, count: () => count, close: () => server.shutdown() };
}

Deno.test("a stalling target: percentiles match the stall; service times stay short", async () => {
  // 300 ms stall every 1000 ms. An arrival x ms into a stall waits 300 - x ms; 30% of arrivals do. So
  // P(latency > l) = (300 - l) / 1000: p95 = 250 ms, p99 = 290 ms, while p50 is about zero.
  const target = stallingServer(1000, 300);
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  stall:
    rate: 200
    max_users: 5
    run_time: 4s
    timeout: 5s
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--workers", "1"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const latency = result.summary.latency_ms;
    const service = result.summary.phases_ms!.service!;
    assertEquals(result.run.model, "open");
    assertEquals(result.summary.dropped_iterations, 0);
    assertEquals(result.summary.requests, 800);
    assert(Math.abs(latency.p95 - 250) <= 25, `p95 ${latency.p95} ms, expected 250 ± 10%`);
    assert(Math.abs(latency.p99 - 290) <= 29, `p99 ${latency.p99} ms, expected 290 ± 10%`);
    assertLess(latency.p50, 20);
    // What a closed-loop tool would report: only the 5 users caught in each stall see it.
    assertLess(service.p95, 20);
    assertLess(service.p95 * 5, latency.p95);
  } finally {
    await target.close();
  }
});

Deno.test("a ramping rate follows its schedule second by second", async () => {
  const target = delayServer(0);
  try {
    // 0 -> 1000/s over 2 s, then 1000/s for 2 s: 250, 750, 1000, 1000 starts per second.
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  ramp:
    stages:
      - { duration: 2s, rate: 1000 }
      - { duration: 2s, rate: 1000 }
    max_users: 50
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals(result.summary.requests, 3000);
    assertEquals(result.summary.requests, target.count());
    // Cumulative counts at each second, so a start that a loaded machine sends a few ms late (into the
    // next second) does not count twice; the schedule itself is exact in tests/plan/arrival_schedule_test.ts.
    // Within 10% of the plan: a constant rate (750, 1500, ...) or a missing ramp is far outside.
    let sent = 0;
    const cumulative = result.timeline.slice(0, 4).map((p) => sent += p.requests);
    [250, 1000, 2000, 3000].forEach((planned, i) => {
      assert(
        Math.abs(cumulative[i]! - planned) <= planned * 0.1,
        `by second ${i + 1}: ${cumulative[i]} vs ${planned}`,
      );
    });
  } finally {
    await target.close();
  }
});

Deno.test("too few users for the rate: starts are dropped and counted, none lost", async () => {
  // 2 users x 200 ms each serve at most 10/s; 100/s are scheduled; a start waits at most 500 ms.
  const target = delayServer(200);
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  tight:
    rate: 100
    max_users: 2
    run_time: 2s
    timeout: 500ms
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--workers", "1"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const dropped = result.summary.dropped_iterations!;
    assertGreater(dropped, 150);
    assertEquals(result.summary.requests + dropped, 200, "every scheduled start either ran or was dropped");
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.timeline.reduce((sum, p) => sum + (p.dropped ?? 0), 0), dropped);
    assert(run.stdout.includes("Dropped iterations: "), run.stdout);
  } finally {
    await target.close();
  }
});

Deno.test("--rate turns any scenario into the open model at that rate", async () => {
  const target = delayServer(0);
  try {
    const out = await Deno.makeTempDir();
    const run = await runPerf([
      "run",
      "-s",
      "smoke",
      "-H",
      target.url,
      "--rate",
      "50",
      "-t",
      "2s",
      "-o",
      out,
      "--quiet",
    ]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals([result.run.model, result.run.rate, result.summary.requests], ["open", 50, 100]);
  } finally {
    await target.close();
  }
});
