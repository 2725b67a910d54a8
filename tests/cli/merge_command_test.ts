/**
 * `perf merge` driven in-process (mergeCommand with a fake io, until it is registered in program.ts):
 * writes the merged result.json and report into -o, prints the summary, returns the merged verdict, and
 * names the file for inputs that cannot be merged.
 */
import { mergeCommand } from "../../src/cli/merge_command.ts";
import { ExitCode, PerfError } from "../../src/errors.ts";
import type { RunResult, ThresholdResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../helpers/assert.ts";
import { fakeIo } from "../helpers/cli.ts";
import { segmentResult } from "../helpers/segment_results.ts";

const P95_200: ThresholdResult = {
  name: "response_time_p95",
  key: "response_time_p95",
  unit: "ms",
  threshold: "<= 200 ms",
  limit: 200,
  value: 1,
  ok: true,
};

function segments(p95Limit = P95_200): RunResult[] {
  return [1, 2, 3].map((i) =>
    segmentResult({
      id: `20260501T100000Z-api-${i}`,
      segment: `${i}/3`,
      startedAt: "2026-05-01T10:00:00.000Z",
      durationS: 5,
      endpoints: { "GET /a": { latencies: Array.from({ length: 50 * i }, (_, k) => 1000 * (k + i)) } },
      thresholds: [structuredClone(p95Limit)],
    })
  );
}

/** Writes each result as a run directory `<tmp>/seg-i/result.json`; returns the directories. */
async function writeRuns(results: RunResult[]): Promise<{ root: string; dirs: string[] }> {
  const root = await Deno.makeTempDir({ prefix: "perf-merge-" });
  const dirs: string[] = [];
  for (const [i, result] of results.entries()) {
    const dir = `${root}/seg-${i + 1}`;
    await Deno.mkdir(dir);
    await Deno.writeTextFile(`${dir}/result.json`, JSON.stringify(result));
    dirs.push(dir);
  }
  return { root, dirs };
}

Deno.test("mergeCommand: writes the merged result and report into -o and prints the summary", async () => {
  const { root, dirs } = await writeRuns(segments());
  const io = fakeIo();
  const out = `${root}/merged`;
  // Run directories and result.json files are both accepted.
  const code = await mergeCommand([dirs[0]!, `${dirs[1]}/result.json`, dirs[2]!], { out }, io);
  assertEquals(code, ExitCode.ok, io.err);
  const merged: RunResult = JSON.parse(await Deno.readTextFile(`${out}/result.json`));
  assertEquals(merged.summary.requests, 50 + 100 + 150);
  assertEquals(merged.run.segments, 3);
  assertEquals(merged.run.id, "merged-20260501T100000Z-api-1");
  assertEquals(merged.exit_code, 0);
  assert((await Deno.stat(`${out}/report.html`)).isFile);
  assertMatch(io.out, /Total/);
  assertMatch(io.out, new RegExp(`Results: ${out}/result.json`));
  assertMatch(io.out, new RegExp(`Report: +${out}/report.html`));
  assertMatch(io.err, /merged 3 segments \(1\/3, 2\/3, 3\/3\) of "api"/);
});

Deno.test("mergeCommand: the exit code follows the merged verdict", async () => {
  // The inputs' own verdicts say pass; judged again on the merged figures, the p95 is over 120 ms.
  const limit = { ...P95_200, threshold: "<= 120 ms", limit: 120 };
  const { root, dirs } = await writeRuns(segments(limit));
  const io = fakeIo();
  const code = await mergeCommand(dirs, { out: `${root}/merged` }, io);
  assertEquals(code, ExitCode.thresholdsFailed);
  const merged: RunResult = JSON.parse(await Deno.readTextFile(`${root}/merged/result.json`));
  assertEquals(merged.thresholds.map((t) => t.ok), [false]);
  assertEquals(merged.exit_code, ExitCode.thresholdsFailed);
});

Deno.test("mergeCommand: warns about missing segments", async () => {
  const { root, dirs } = await writeRuns(segments().slice(0, 2));
  const io = fakeIo();
  assertEquals(await mergeCommand(dirs, { out: `${root}/merged` }, io), ExitCode.ok);
  assertMatch(io.err, /perf: warning: only 2 of 3 segments given \(1\/3, 2\/3\)/);
});

Deno.test("mergeCommand: inputs of another scenario are rejected naming the file", async () => {
  const results = segments();
  results[1]!.run.scenario = "other";
  const { root, dirs } = await writeRuns(results);
  const error = await assertRejects(
    () => mergeCommand(dirs, { out: `${root}/merged` }, fakeIo()),
    PerfError,
  );
  assertEquals(error.exitCode, ExitCode.invalidConfig);
  assertMatch(error.message, new RegExp(`"${dirs[1]}/result.json" has "other"`));
  await assertRejects(() => Deno.stat(`${root}/merged/result.json`), Deno.errors.NotFound);
});

Deno.test("mergeCommand: unreadable input and -o over an input are errors", async () => {
  const { root, dirs } = await writeRuns(segments());
  const missing = await assertRejects(
    () => mergeCommand([dirs[0]!, `${root}/nope`], { out: `${root}/m` }, fakeIo()),
    PerfError,
  );
  assertMatch(missing.message, /nope/);
  assertEquals(missing.exitCode, ExitCode.usage);
  const clash = await assertRejects(() => mergeCommand(dirs, { out: `${dirs[2]}/` }, fakeIo()), PerfError);
  assertEquals(clash.exitCode, ExitCode.usage);
  assertMatch(clash.message, /would overwrite the input/);
  const none = await assertRejects(() => mergeCommand([], {}, fakeIo()), PerfError);
  assertEquals(none.exitCode, ExitCode.usage);
});
