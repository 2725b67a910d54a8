/**
 * Acceptance: long end-to-end runs of perf as a user runs it, kept out of `deno task test` (which
 * targets under 3 minutes) and run by `deno task accept`, after the suite, in .ci/run:
 *   seed_config_test.ts  the seed's example config, as is, for its full 30 s against a local server;
 *   endurance_test.ts    endurance drift analysis from the CLI against servers that worsen on schedule.
 * Imports reach ../helpers and ../../src like any test.
 */
import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

const SEED_CONFIG = new URL("../fixtures/seed_config.yaml", import.meta.url);

Deno.test("the seed's example config runs as is against a local server and passes", async () => {
  const target = countingServer();
  try {
    const text = (await Deno.readTextFile(SEED_CONFIG)).replace("http://localhost:8000", target.url);
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/performance_config.yaml`, text);
    const out = `${dir}/reports`;
    const run = await runPerf([
      "run",
      "--config",
      `${dir}/performance_config.yaml`,
      "--scenario",
      "smoke",
      "--results-dir",
      out,
      "--quiet",
    ]);
    assertEquals(run.code, 0, run.stderr + run.stdout);
    const { result } = await readOnlyResult(out);
    assertEquals(result.run.scenario, "smoke");
    assertEquals(result.run.users, 1);
    assertEquals(result.run.run_time_s, 30);
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.thresholds.map((t) => [t.name, t.ok]), [
      ["response_time_p95", true],
      ["error_rate", true],
      ["throughput", true],
    ]);
    // The seed enables email alerts on failure (the default `on`); this run passed, so nothing was sent,
    // and perf points out the password written into the file.
    assertMatch(run.stderr, /alerting\.email\.password is written in the file/);
    assertEquals(result.alerts, undefined);
  } finally {
    await target.close();
  }
});
