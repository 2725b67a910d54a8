/**
 * `perf report` on recorded results: every run re-rendered beside its result.json, a results directory
 * also gets reports/performance_report.html with the trend per scenario; bad input is named, never a
 * stack trace.
 */
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { hasStackTrace, runPerf } from "../helpers/cli.ts";

const FIXTURE = new URL("../fixtures/results/demo_short.json", import.meta.url);
const demo: RunResult = JSON.parse(await Deno.readTextFile(FIXTURE));

function runOf(id: string, scenario: string, startedAt: string, p95: number): RunResult {
  const copy: RunResult = structuredClone(demo);
  copy.run.id = id;
  copy.run.scenario = scenario;
  copy.run.started_at = startedAt;
  copy.summary.latency_ms.p95 = p95;
  return copy;
}

/** A results directory as `perf run -o DIR` leaves it: one sub-directory per run. */
async function resultsDir(runs: RunResult[], extra: Record<string, string> = {}): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "perf-report-" });
  for (const r of runs) {
    await Deno.mkdir(`${dir}/${r.run.id}`);
    await Deno.writeTextFile(`${dir}/${r.run.id}/result.json`, JSON.stringify(r, null, 2));
  }
  for (const [name, text] of Object.entries(extra)) {
    await Deno.mkdir(`${dir}/${name}`);
    await Deno.writeTextFile(`${dir}/${name}/result.json`, text);
  }
  return dir;
}

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

Deno.test("perf report DIR: each run's page and plots, plus the trend page linking them", async () => {
  const runs = [
    runOf("20261120T100000Z-demo", "demo", "2026-11-20T10:00:00.000Z", 12),
    runOf("20261122T100000Z-demo", "demo", "2026-11-22T10:00:00.000Z", 15),
    runOf("20261123T100000Z-load", "load", "2026-11-23T10:00:00.000Z", 40),
  ];
  const dir = await resultsDir(runs, { "20261124T000000Z-broken": "{ not json" });
  const out = await runPerf(["report", dir]);
  assertEquals(out.code, 0, out.stderr);
  assertMatch(out.stderr, /skipped: .*20261124T000000Z-broken\/result\.json.*not valid JSON/);
  for (const r of runs) {
    const html = await Deno.readTextFile(`${dir}/${r.run.id}/report.html`);
    assert(html.startsWith("<!doctype html>"));
    assert(html.includes(r.run.scenario));
    assert(await exists(`${dir}/${r.run.id}/plots`), "plots directory");
  }
  const trend = await Deno.readTextFile(`${dir}/reports/performance_report.html`);
  assertMatch(out.stdout, /Trends: .*reports\/performance_report\.html \(3 runs, 6 plots, /);
  // The seed's layout: plots and a JSON report beside the page.
  assertEquals((await Array.fromAsync(Deno.readDir(`${dir}/reports/plots`))).length, 6);
  const json = JSON.parse(await Deno.readTextFile(`${dir}/reports/performance_report.json`));
  assertEquals(json.scenarios.map((s: { scenario: string }) => s.scenario), ["demo", "load"]);
  for (const r of runs) assert(trend.includes(`href="../${r.run.id}/report.html"`), `link to ${r.run.id}`);
  // Two scenarios, three charts each, every one with a drawn line or point.
  const charts = trend.match(/<svg[^>]*role="img"/g) ?? [];
  assertEquals(charts.length, 6);
  assertEquals((trend.match(/<section /g) ?? []).length, 2);
  assert(!trend.includes("<script"), "no script");
  assertMatch(trend, /p95 \+25\.0%/); // demo: 12 ms -> 15 ms
});

Deno.test("perf report FILE and RUN_DIR: the page beside the result, no trend page", async () => {
  const dir = await resultsDir([demo]);
  const runDir = `${dir}/${demo.run.id}`;
  const byDir = await runPerf(["report", runDir]);
  assertEquals(byDir.code, 0, byDir.stderr);
  assert(await exists(`${runDir}/report.html`));
  await Deno.remove(`${runDir}/report.html`);
  const byFile = await runPerf(["report", `${runDir}/result.json`]);
  assertEquals(byFile.code, 0, byFile.stderr);
  assert(await exists(`${runDir}/report.html`));
  assertEquals(await exists(`${dir}/reports`), false);
});

Deno.test("perf report: missing paths, empty directories and non-results are named (exit 2)", async () => {
  const empty = await Deno.makeTempDir({ prefix: "perf-report-empty-" });
  const notResult = `${empty}/x.json`;
  await Deno.writeTextFile(`${empty}/x.json`, '{"hello": 1}');
  const cases: [string, RegExp][] = [
    [`${empty}/nope`, /Cannot read ".*nope": no such file or directory/],
    [empty, /No results in/],
    [notResult, /not a perf result: schema_version: .*expected number/],
  ];
  for (const [path, message] of cases) {
    const out = await runPerf(["report", path]);
    assertEquals(out.code, 2, path);
    assertMatch(out.stderr, message);
    assert(!hasStackTrace(out.stderr), out.stderr);
  }
});
