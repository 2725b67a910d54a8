/** The result contract on disk and on stdout, and the demo (the seed's config: tests/accept/seed_config_test.ts). */
import { assert, assertEquals, assertGreater, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

Deno.test("result.json follows the contract and --json - prints the same on stdout", async () => {
  const target = countingServer({ status: (n) => (n % 10 === 0 ? 503 : 200) });
  try {
    const out = await Deno.makeTempDir();
    const run = await runPerf([
      "run",
      "-s",
      "smoke",
      "-H",
      target.url,
      "-t",
      "2s",
      "-u",
      "2",
      "-o",
      out,
      "--json",
      "-",
      "--set",
      "wait_time=0.01",
    ]);
    assertEquals(run.code, 99, run.stderr); // 10% errors break the smoke preset's 1% error_rate
    const printed = JSON.parse(run.stdout);
    const { result } = await readOnlyResult(out);
    assertEquals(printed, result);
    assertEquals(result.schema_version, 1);
    assertEquals(result.exit_code, 99);
    const s = result.summary;
    assertEquals(s.requests, target.count());
    assertEquals(s.failures, Math.floor(target.count() / 10));
    assertEquals(s.errors, { http_503: s.failures });
    assertEquals(s.status_codes["503"], s.failures);
    assertEquals(Math.abs(s.error_rate - s.failures / s.requests) < 1e-6, true);
    for (const key of ["min", "mean", "p50", "p90", "p95", "p99", "p999", "max"] as const) {
      assertEquals(typeof s.latency_ms[key], "number");
    }
    assert(
      s.latency_ms.min <= s.latency_ms.p50 && s.latency_ms.p50 <= s.latency_ms.p99 &&
        s.latency_ms.p99 <= s.latency_ms.max,
    );
    assertGreater(s.bytes_sent, 0);
    assertGreater(s.bytes_received, 0);
    assertEquals(result.endpoints.map((e) => [e.method, e.name]), [["GET", "/"]]);
    assertGreater(result.timeline.length, 1);
    assertEquals(result.timeline.reduce((sum, p) => sum + p.requests, 0), s.requests);
    assert(typeof s.histogram === "string" && s.histogram.length > 0);
    const errorRate = result.thresholds.find((t) => t.name === "error_rate")!;
    assertEquals(errorRate.ok, false);
    assertEquals(errorRate.value, s.error_rate);
    // The summary went to stderr so stdout stays pure JSON.
    assertMatch(run.stderr, /FAIL: 1 of 3 thresholds failed/);
  } finally {
    await target.close();
  }
});

Deno.test("perf demo runs against the embedded API and both sides count the same", async () => {
  const out = await Deno.makeTempDir();
  const run = await runPerf(["demo", "-t", "3s", "-o", out, "--quiet"]);
  assertEquals(run.code, 0, run.stderr + run.stdout);
  const { result } = await readOnlyResult(out);
  const counted = /The demo API counted (\d+) requests; perf counted (\d+)/.exec(run.stdout);
  assert(counted, run.stdout);
  assertEquals(counted[1], counted[2]);
  assertEquals(Number(counted[2]), result.summary.requests);
  const names = result.endpoints.map((e) => `${e.method} ${e.name}`).sort();
  assertEquals(names, ["GET /api/items/", "POST /api/items/"]);
});

Deno.test("--help and --version exit 0; no arguments prints usage and exits 2", async () => {
  const help = await runPerf(["--help"]);
  assertEquals(help.code, 0);
  assertMatch(help.stdout, /Usage: perf/);
  const runHelp = await runPerf(["run", "--help"]);
  assertEquals(runHelp.code, 0);
  assertMatch(runHelp.stdout, /--spawn-rate/);
  const version = await runPerf(["--version"]);
  assertEquals(version.code, 0);
  assertMatch(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const none = await runPerf([]);
  assertEquals(none.code, 2);
});
