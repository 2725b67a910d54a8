/**
 * `stress:` against a server of known capacity (200 req/s, the rest queued): the steps find a maximum
 * sustainable rate within 15% of it, mark the first step past it as the breaking point, and time the
 * recovery after the peak as the server's queue drains.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { capacityServer } from "../helpers/targets.ts";

const CAPACITY = 200;

Deno.test("stress: max sustainable rate, breaking point and recovery against a 200 req/s server", async () => {
  const target = capacityServer(CAPACITY);
  const out = await Deno.makeTempDir({ prefix: "perf-stress-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
scenarios:
  capacity:
    test_type: stress
    stress: { unit: rate, start: 100, step: 100, max: 300, step_duration: 2s, recovery_limit: 15s }
    thresholds:
      response_time_p95: 100
      error_rate: 0.01
`);
    const run = await runPerf(["run", "-c", file, "-s", "capacity", "-o", out, "--quiet"]);
    const { dir, result } = await readOnlyResult(out);
    const stress = result.stress!;
    assert(stress, `no stress analysis; stderr: ${run.stderr}`);
    // At 300/s the queue grows by 100 a second: p95 blows past 100 ms, so the breaking point is there.
    assertEquals(stress.steps.map((s) => s.ok), [true, true, false]);
    const max = stress.max_sustainable_rps!;
    assert(
      Math.abs(max - CAPACITY) <= 0.15 * CAPACITY,
      `max sustainable ${max} req/s vs capacity ${CAPACITY}`,
    );
    assertEquals(stress.breaking_point?.target, 300);
    assertMatch(stress.breaking_point!.failed.map((f) => f.name).join(","), /response_time_p95/);
    // Queued at the peak: (300 − 200) × 2 s = 200 requests, drained at 200 − 100 = 100/s: about 2 s.
    const recovery = stress.recovery;
    assert(recovery.recovered, `did not recover: ${recovery.explanation}`);
    assert(
      recovery.recovery_s! >= 1 && recovery.recovery_s! <= 5,
      `recovery ${recovery.recovery_s} s, expected ~2 s`,
    );
    assertEquals(result.run.stages?.map((s) => s.label.split(" → ")[1]), [
      "100/s",
      "200/s",
      "300/s",
      "100/s",
    ]);
    assertMatch(await Deno.readTextFile(`${dir}/report.html`), /<section id="stress"[\s\S]*Breaking point/);
  } finally {
    await target.close();
  }
});
