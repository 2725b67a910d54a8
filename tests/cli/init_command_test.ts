/** `perf init` writes a config, a flow with test data and a TypeScript user that run against the demo API. */
import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf } from "../helpers/cli.ts";
import { startDemoApi } from "../../src/demo/demo_api.ts";

Deno.test("perf init: the scaffold validates and both scenarios run against the demo API", async () => {
  const dir = `${await Deno.makeTempDir({ prefix: "perf-init-" })}/project`;
  const init = await runPerf(["init", dir]);
  assertEquals(init.code, 0, init.stderr);
  assertMatch(init.stdout, /created .*perf\.yaml/);
  const validate = await runPerf(["validate", `${dir}/perf.yaml`]);
  assertEquals(validate.code, 0, validate.stderr);

  const api = startDemoApi({ latencyScale: 0, errorRate: 0 });
  try {
    for (const scenario of ["items", "custom"]) {
      const out = await Deno.makeTempDir();
      const run = await runPerf([
        "run",
        "-c",
        `${dir}/perf.yaml`,
        "-s",
        scenario,
        "-H",
        api.url,
        "-t",
        "2s",
        "-u",
        "3",
        "-o",
        out,
        "--quiet",
        "--set",
        "wait_time=0.05",
      ]);
      assertEquals(run.code, 0, `${scenario}: ${run.stderr}${run.stdout}`);
      const { result } = await readOnlyResult(out);
      assertEquals(result.summary.failures, 0, `${scenario}: ${JSON.stringify(result.summary.errors)}`);
    }
  } finally {
    await api.close();
  }

  const again = await runPerf(["init", dir]);
  assertEquals(again.code, 2, "init never overwrites");
  assertMatch(again.stderr, /would overwrite/);
});
