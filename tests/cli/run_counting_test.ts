/**
 * Acceptance: counting is exact and latency is right, end to end from the CLI against real loopback
 * servers.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

const hammer = (url: string, extra = "") =>
  `base_url: "${url}"
scenarios:
  hammer:
    users: 8
    spawn_rate: 100
    run_time: 2s
    wait_time: 0
    tasks:
      - { name: root, path: / }
${extra}`;

Deno.test("requests in result.json equal the server's count across two workers", async () => {
  const target = countingServer();
  try {
    const config = await writeConfig(hammer(target.url));
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--workers", "2", "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertGreater(result.summary.requests, 100);
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.summary.failures, 0);
    assertEquals(result.run.workers, 2);
    assertEquals(result.endpoints.length, 1);
    assertEquals(result.endpoints[0]!.requests, target.count());
    assertEquals(result.summary.status_codes, { "200": target.count() });
    // The timeline accounts for every request too (and is kept with --quiet).
    assertGreater(result.timeline.length, 1);
    assertEquals(result.timeline.reduce((sum, p) => sum + p.requests, 0), target.count());
  } finally {
    await target.close();
  }
});

Deno.test("a graceful stop lets in-flight requests finish and counts them", async () => {
  // Every request takes 400 ms, so at the 1 s stop each user has one in flight.
  const target = countingServer({ delayMs: 400 });
  try {
    const config = await writeConfig(hammer(target.url).replace("run_time: 2s", "run_time: 1s"));
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--workers", "2", "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.summary.failures, 0, JSON.stringify(result.summary.errors));
    // 8 users x 3 requests (0, 400, 800 ms), the last finishing after the stop.
    assertEquals(result.summary.requests, 24);
  } finally {
    await target.close();
  }
});

Deno.test("latency against a 20 ms server: never below the server's own time, p50 within 10% of it", async () => {
  const target = countingServer({ delayMs: 20 });
  try {
    const config = await writeConfig(hammer(target.url));
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const latency = result.summary.latency_ms;
    assertGreater(result.summary.requests, 300);
    // The server (in this process, apart from perf's) measured its own time over each answer.
    const served = target.serviceMs().sort((x, y) => x - y);
    const serverMin = served[0]!, serverP50 = served[Math.floor(served.length / 2)]!;
    assert(serverMin >= 20, `the server answered in ${serverMin} ms, under its 20 ms`);
    // HDR keeps 3 significant digits: 0.1% below is the histogram's resolution, not an early answer.
    assert(
      latency.min >= serverMin * 0.999,
      `min ${latency.min} ms is below the server's fastest ${serverMin} ms`,
    );
    assert(
      latency.p50 >= serverP50 * 0.999 && latency.p50 <= serverP50 * 1.1,
      `p50 ${latency.p50} ms not within 10% above the server's own p50 ${serverP50} ms`,
    );
  } finally {
    await target.close();
  }
});

Deno.test("latency against an instant server: p50 under 1 ms on loopback", async () => {
  const target = countingServer();
  try {
    const config = await writeConfig(hammer(target.url).replace("users: 8", "users: 2"));
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--workers", "1"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertGreater(result.summary.requests, 500);
    assertLess(result.summary.latency_ms.p50, 1);
    assertGreater(result.summary.latency_ms.min, 0);
  } finally {
    await target.close();
  }
});
