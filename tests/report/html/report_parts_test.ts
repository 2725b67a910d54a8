/** The pure pieces of the HTML report: verdict, plot names and which charts a result gets. */
import { runCharts } from "../../../src/report/html/run_charts.ts";
import { slug, uniqueNames } from "../../../src/report/html/plot_names.ts";
import { verdictOf } from "../../../src/report/html/verdict.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { demoResult, errorsOnlyResult, manyEndpointsResult } from "../../helpers/report_fixtures.ts";

Deno.test("verdict: pass, fail, interrupted, nothing to judge, and the notes that matter", async () => {
  const demo = await demoResult();
  const failed = { ...demo.thresholds[0]!, ok: false };
  const cases: [RunResult, string, string][] = [
    [demo, "PASS", "All 3 thresholds met"],
    [{ ...demo, thresholds: [failed] }, "FAIL", "1 of 1 threshold failed"],
    [{ ...demo, thresholds: [] }, "DONE", "No thresholds set: nothing to judge"],
    [
      { ...demo, run: { ...demo.run, status: "interrupted", duration_s: 4.2 } },
      "INTERRUPTED",
      "Stopped after 4.2 s of 10.0 s; on the partial data, 0 of 3 thresholds failed",
    ],
  ];
  for (const [result, label, headline] of cases) {
    const verdict = verdictOf(result);
    assertEquals([verdict.label, verdict.headline], [label, headline]);
  }
  assertEquals(verdictOf(demo).notes, []);
  const early = verdictOf({ ...demo, run: { ...demo.run, stop_reason: "test data used up" } });
  assertEquals(early.notes, ["The run ended early: test data used up."]);
  assertEquals(verdictOf(errorsOnlyResult()).notes, [
    "Every request failed: latency figures describe failures only.",
  ]);
  const open = verdictOf(manyEndpointsResult());
  assertEquals(open.notes.some((n) => n.includes("iterations were dropped")), true);
});

Deno.test("plot names are lower-case, safe and unique", () => {
  assertEquals(slug("GET /api/items/{id}"), "get-api-items-id");
  assertEquals(slug("???"), "chart");
  assertEquals(slug(`GET /${"x".repeat(100)}`).length, 60);
  assertEquals(uniqueNames(["a", "b", "a", "a"]), ["a", "b", "a-2", "a-3"]);
});

Deno.test("charts with nothing to draw are left out, not drawn empty", async () => {
  const demo = await demoResult();
  const empty: RunResult = {
    ...demo,
    summary: { ...demo.summary, requests: 0, status_codes: {}, errors: {}, histogram: "", phases_ms: {} },
    endpoints: [],
    timeline: demo.timeline.map(({ cpu_pct: _c, loop_lag_ms: _l, ...p }) => p),
  };
  const charts = runCharts(empty);
  assertEquals(
    [charts.spectrum, charts.statusCodes, charts.errorKinds, charts.phases, charts.generator],
    [undefined, undefined, undefined, undefined, undefined],
  );
  assertEquals([charts.throughput.file, charts.latency.file, charts.errors.file], [
    "throughput.svg",
    "latency.svg",
    "errors.svg",
  ]);
});

Deno.test("without a histogram, the spectrum falls back to the summary's percentiles", async () => {
  const demo = await demoResult();
  const charts = runCharts({ ...demo, summary: { ...demo.summary, histogram: "" } });
  const points = charts.spectrum?.kind === "spectrum" ? charts.spectrum.props.series[0]!.points : [];
  assertEquals(points.map((p) => p.percentile), [0, 50, 90, 95, 99, 99.9]);
  assertEquals(points[3]!.ms, demo.summary.latency_ms.p95);
});
