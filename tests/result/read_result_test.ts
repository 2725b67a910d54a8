/**
 * readResultFile checks result.json against the zod schema of src/model/result_schema.ts: recorded
 * results load (NaN written as null comes back as NaN, unknown fields are kept), and a wrong shape names
 * the file, the JSON path and the expectation with exit 2.
 */
import { ExitCode, PerfError } from "../../src/errors.ts";
import type { RunResult } from "../../src/model/result.ts";
import { formatIssuePath, readResultFile } from "../../src/result/read_result.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../helpers/assert.ts";

const fixture = (name: string) => new URL(`../fixtures/results/${name}.json`, import.meta.url).pathname;

async function writeResult(edit: (r: Record<string, unknown> & RunResult) => void): Promise<string> {
  const result = JSON.parse(await Deno.readTextFile(fixture("demo_short")));
  edit(result);
  const dir = await Deno.makeTempDir({ prefix: "perf-read-result-" });
  await Deno.writeTextFile(`${dir}/result.json`, JSON.stringify(result));
  return `${dir}/result.json`;
}

Deno.test("readResultFile: the recorded results load", async () => {
  for (const name of ["demo_short", "stress_capacity", "endurance_soak", "live_abort"]) {
    const result = await readResultFile(fixture(name));
    assertEquals(typeof result.summary.requests, "number", name);
  }
});

Deno.test("readResultFile: null numbers read back as NaN; unknown fields pass through", async () => {
  const path = await writeResult((r) => {
    r.timeline[0]!.p95_ms = null as unknown as number;
    r.future_field = { kept: true };
  });
  const result = await readResultFile(path) as RunResult & { future_field?: unknown };
  assert(Number.isNaN(result.timeline[0]!.p95_ms));
  assertEquals(result.future_field, { kept: true });
});

Deno.test("readResultFile: a result written before thresholds had key and unit reads with both filled", async () => {
  const path = await writeResult((r) => {
    for (const t of r.thresholds) {
      delete (t as Partial<typeof t>).key;
      delete (t as Partial<typeof t>).unit;
    }
  });
  const result = await readResultFile(path);
  assert(result.thresholds.length > 0);
  for (const t of result.thresholds) {
    assertEquals(t.key, t.name.slice(t.name.lastIndexOf(" ") + 1));
    assertEquals(t.unit, t.key === "error_rate" ? "ratio" : t.key === "throughput" ? "req/s" : "ms");
  }
});

Deno.test("readResultFile: a wrong shape names the file, the JSON path and the expectation (exit 2)", async () => {
  const cases: [string, (r: Record<string, unknown> & RunResult) => void, RegExp][] = [
    [
      "missing count",
      (r) => delete (r.summary as Partial<RunResult["summary"]>).requests,
      /summary\.requests: .*expected number, received undefined/,
    ],
    [
      "bad status",
      (r) => (r.run.status = "paused" as RunResult["run"]["status"]),
      /run\.status: .*"running"\|"completed"\|"interrupted"/,
    ],
    [
      "endpoint latency",
      (r) => (r.endpoints[0]!.latency_ms.p50 = "1" as unknown as number),
      /endpoints\[0\]\.latency_ms\.p50: .*expected number or null, received string/,
    ],
    [
      "not an object",
      (r) => (r.generator = 3 as unknown as RunResult["generator"]),
      /generator: .*expected object/,
    ],
  ];
  for (const [name, edit, message] of cases) {
    const path = await writeResult(edit);
    const error = await assertRejects(() => readResultFile(path), PerfError);
    assertEquals(error.exitCode, ExitCode.usage, name);
    assertMatch(error.message, new RegExp(`^Cannot read result "${path}": not a perf result: `), name);
    assertMatch(error.message, message, name);
  }
});

Deno.test("readResultFile: older and newer schema versions say so", async () => {
  for (const [version, word] of [[0, "older"], [2, "newer"]] as const) {
    const path = await writeResult((r) => (r.schema_version = version));
    const error = await assertRejects(() => readResultFile(path), PerfError);
    assertEquals(error.exitCode, ExitCode.usage);
    assertMatch(
      error.message,
      new RegExp(`written by an? ${word} perf \\(schema_version ${version}; this perf reads 1\\)`),
    );
  }
});

Deno.test("formatIssuePath: keys with dots, indexes in brackets", () => {
  assertEquals(formatIssuePath(["endpoints", 0, "latency_ms", "p50"]), "endpoints[0].latency_ms.p50");
  assertEquals(formatIssuePath(["summary", "requests"]), "summary.requests");
  assertEquals(formatIssuePath([]), "(the file)");
});
