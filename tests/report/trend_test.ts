import { buildTrends, latestChange, trendRun } from "../../src/report/trend.ts";
import type { RunResult } from "../../src/model/result.ts";
import { assertEquals } from "../helpers/assert.ts";

const demo: RunResult = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/results/demo_short.json", import.meta.url)),
);

function run(
  id: string,
  scenario: string,
  startedAt: string,
  p95: number,
  rps: number,
  errorRate = 0,
): RunResult {
  return {
    ...demo,
    run: { ...demo.run, id, scenario, started_at: startedAt },
    summary: { ...demo.summary, rps, error_rate: errorRate, latency_ms: { ...demo.summary.latency_ms, p95 } },
  };
}

Deno.test("buildTrends: runs grouped by scenario, oldest first, each run once", () => {
  const a1 = run("a1", "load", "2026-11-20T10:00:00Z", 100, 50);
  const a2 = run("a2", "load", "2026-11-22T10:00:00Z", 120, 45, 0.01);
  const b1 = run("b1", "api", "2026-11-21T10:00:00Z", 30, 200);
  const trends = buildTrends([{ result: a2, href: "a2/report.html" }, { result: b1 }, { result: a1 }, {
    result: a2,
  }]);
  assertEquals(trends.map((t) => [t.scenario, t.runs.map((r) => r.id)]), [["api", ["b1"]], ["load", [
    "a1",
    "a2",
  ]]]);
  assertEquals(trends[1]!.runs[1]!.href, "a2/report.html");
  assertEquals(trends[1]!.runs[1]!.t, Date.parse("2026-11-22T10:00:00Z") / 1000);
});

Deno.test("latestChange: the last run against the one before", () => {
  const trends = buildTrends([
    { result: run("a1", "load", "2026-11-20T10:00:00Z", 100, 50) },
    { result: run("a2", "load", "2026-11-22T10:00:00Z", 120, 45, 0.01) },
  ]);
  const change = latestChange(trends[0]!)!;
  assertEquals([change.p95?.toFixed(2), change.rps?.toFixed(2), change.error_rate_points], [
    "0.20",
    "-0.10",
    1,
  ]);
  assertEquals(latestChange({ scenario: "x", runs: [trends[0]!.runs[0]!] }), undefined);
});

Deno.test("trendRun: counts failed thresholds", () => {
  const r = trendRun({ result: demo });
  assertEquals([r.thresholds, r.failed_thresholds, r.requests], [
    demo.thresholds.length,
    demo.thresholds.filter((t) => !t.ok).length,
    demo.summary.requests,
  ]);
});
