/**
 * Live thresholds from the CLI: a target that starts failing part-way trips an abort_on_fail threshold
 * judged over a sliding window; the run ends early with exit 108 and still writes its results.
 */
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

Deno.test("abort_on_fail: a window of failures ends the run with exit 108 and a complete result", async () => {
  // Healthy for the first 80 requests (about 2 s at 2 users), failing after: counted, not timed, so a
  // slow start of the test process cannot shift it.
  const target = countingServer({ status: (n) => (n > 80 ? 500 : 200) });
  const out = await Deno.makeTempDir({ prefix: "perf-live-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
scenarios:
  guarded:
    users: 2
    run_time: 30s
    wait_time: 0.02
    thresholds:
      response_time_p95: 1000
      error_rate: { limit: 0.2, window: 2s, abort_on_fail: true, delay: 1s }
`);
    const started = performance.now();
    const run = await runPerf(["run", "-c", file, "-s", "guarded", "-o", out, "--quiet"]);
    const seconds = (performance.now() - started) / 1000;
    assertEquals(run.code, 108, run.stderr);
    assert(seconds < 10, `ended early, after ${seconds.toFixed(1)} s of 30`);
    assertMatch(
      run.stderr,
      /threshold error_rate failed over the last 2 s at \d+ s, with 2 users \(\d+\.\d+%, limit <= 20%\): abort_on_fail, ending the run/,
    );
    assertMatch(run.stdout, /ABORTED by a live threshold/);
    const { dir, result } = await readOnlyResult(out);
    const live = (result as RunResult).live_thresholds!;
    assertEquals(live.length, 1);
    assertEquals([live[0]!.name, live[0]!.window_s, live[0]!.abort_on_fail], ["error_rate", 2, true]);
    assert(live[0]!.first_failure!.t >= 2, `first failure at ${live[0]!.first_failure!.t} s`);
    assertEquals(result.exit_code, 108);
    assertMatch(result.run.stop_reason ?? "", /^threshold error_rate failed/);
    assertMatch(await Deno.readTextFile(`${dir}/report.html`), /ABORTED/);
  } finally {
    await target.close();
  }
});

Deno.test("a live threshold without abort_on_fail only records; the seed's plain numbers stay final-only", async () => {
  const target = countingServer({ status: (n) => (n % 2 === 0 ? 500 : 200) });
  const out = await Deno.makeTempDir({ prefix: "perf-live-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
scenarios:
  watched:
    users: 1
    run_time: 2s
    wait_time: 0.02
    thresholds:
      error_rate: { limit: 0.1, window: 1s }
      response_time_p95: 1000
`);
    const run = await runPerf(["run", "-c", file, "-s", "watched", "-o", out, "--quiet"]);
    assertEquals(run.code, 99, run.stderr);
    const { result } = await readOnlyResult(out);
    const live = result.live_thresholds!;
    assertEquals(live.map((l) => l.name), ["error_rate"]);
    assert(live[0]!.failed_evaluations >= 1 && live[0]!.failed_evaluations === live[0]!.evaluations);
    assertEquals(result.thresholds.map((t) => [t.name, t.ok]), [["error_rate", false], [
      "response_time_p95",
      true,
    ]]);
  } finally {
    await target.close();
  }
});
