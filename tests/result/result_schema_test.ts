/**
 * result.json of every test type validates against the shipped JSON Schema (`perf schema result`) with a
 * real validator (ajv, draft 2020-12), so the published contract and what perf writes cannot part ways.
 * Where the results come from:
 * - load and interrupted: real `perf run`s in-process against a loopback counting server (127.0.0.1,
 *   2 users, 2 s; the interrupted one is stopped after 1 s of a 10 s run);
 * - stress and endurance: the recorded results of real runs in tests/fixtures/results (a stress run takes
 *   minutes), plus the generated 24 h run with its endurance analysis (tests/helpers/report_fixtures.ts);
 * - merged segments: three synthetic segments (tests/helpers/segment_results.ts) through mergeResults.
 * The seed configs are checked against `perf schema config` the same way (structure only).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { ExitCode } from "../../src/errors.ts";
import type { RunResult } from "../../src/model/result.ts";
import { mergeResults } from "../../src/result/merge.ts";
import { resultJson } from "../../src/result/write_result.ts";
import { soakResult, stressResult } from "../helpers/analysis_fixtures.ts";
import { demoResult, enduranceResult } from "../helpers/report_fixtures.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { segmentResult } from "../helpers/segment_results.ts";
import { countingServer } from "../helpers/targets.ts";

const printed = await runPerf(["schema", "result"]);
assertEquals(printed.code, ExitCode.ok, printed.stderr);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(printed.stdout));

/** Validates the result as written to disk (NaN → null and all). */
function assertValid(name: string, result: RunResult | unknown): void {
  const json = JSON.parse(typeof result === "string" ? result : resultJson(result as RunResult));
  const ok = validate(json);
  assert(ok, `${name}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
}

async function realRun(interruptAfterMs?: number): Promise<string> {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-schema-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
scenarios:
  api:
    users: 2
    spawn_rate: 2
    run_time: ${interruptAfterMs === undefined ? "2s" : "10s"}
    thresholds: { error_rate: 0.01 }
`);
    const run = await runPerf(["run", "-c", file, "-s", "api", "--workers", "1", "-o", out, "--quiet"], {
      interruptAfterMs,
    });
    assertEquals(run.code, interruptAfterMs === undefined ? ExitCode.ok : ExitCode.aborted, run.stderr);
    const { dir } = await readOnlyResult(out);
    return await Deno.readTextFile(`${dir}/result.json`);
  } finally {
    await target.close();
  }
}

Deno.test("result.json of a real load run validates against the JSON Schema", async () => {
  const text = await realRun();
  assertEquals(JSON.parse(text).run.status, "completed");
  assertValid("load", text);
});

Deno.test("result.json of an interrupted run validates against the JSON Schema", async () => {
  const text = await realRun(1000);
  assertEquals(JSON.parse(text).run.status, "interrupted");
  assertValid("interrupted", text);
});

Deno.test("stress and endurance results validate against the JSON Schema", async () => {
  const stress = await stressResult();
  assert(stress.stress, "the stress fixture carries its analysis");
  assertValid("stress", stress);
  const soak = await soakResult();
  assert(soak.endurance, "the soak fixture carries its analysis");
  assertValid("endurance", soak);
  assertValid("endurance (24 h generated)", enduranceResult());
});

Deno.test("merged segments validate against the JSON Schema", () => {
  const segments = [1, 2, 3].map((i) =>
    segmentResult({
      id: `seg${i}`,
      segment: `${i}/3`,
      startedAt: "2026-12-01T10:00:00Z",
      durationS: 2,
      endpoints: { "GET /a": { latencies: [1000 * i, 2000, 3000], failures: i === 2 ? 1 : 0 } },
    })
  );
  const merged = mergeResults(segments);
  assertEquals(merged.run.segments, 3);
  assertValid("merged", merged);
});

Deno.test("the JSON Schema rejects what readers reject", async () => {
  assert(!validate({ hello: 1 }));
  const demo: RunResult = JSON.parse(resultJson(await demoResult()));
  assert(validate(demo));
  assert(!validate({ ...demo, summary: { ...demo.summary, requests: "12" } }));
  assert(!validate({ ...demo, run: { ...demo.run, status: "paused" } }));
});

Deno.test("perf schema config: the seed configs validate against the config's JSON Schema", async () => {
  const out = await runPerf(["schema", "config"]);
  assertEquals(out.code, ExitCode.ok, out.stderr);
  const check = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(out.stdout));
  for (const name of ["seed_config.yaml", "seed_config_full.yaml"]) {
    const config = parseYaml(await Deno.readTextFile(new URL(`../fixtures/${name}`, import.meta.url)));
    assert(check(config), `${name}: ${JSON.stringify(check.errors?.slice(0, 5), null, 2)}`);
  }
  assert(!check({ scenarios: { api: { users: "many" } } }));
});
