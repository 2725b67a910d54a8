/** The pure pieces of the HTML report: formats, verdict, plot names and which charts a result gets. */
import { runCharts } from "../../../src/report/html/run_charts.ts";
import { slug, uniqueNames } from "../../../src/report/html/plot_names.ts";
import {
  describeRunLoad,
  formatBytes,
  formatCount,
  formatLatency,
  formatRunLength,
  formatUtc,
} from "../../../src/report/html/report_format.ts";
import { verdictOf } from "../../../src/report/html/verdict.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { demoResult, errorsOnlyResult, manyEndpointsResult } from "../../helpers/report_fixtures.ts";

Deno.test("report formats come from the result alone: UTC dates, grouped counts, sizes, lengths", () => {
  assertEquals(formatUtc("2026-11-25T08:34:36.405Z"), "2026-11-25 08:34:36 UTC");
  assertEquals(formatUtc("not a date"), "not a date");
  const cases: [number, string][] = [[0, "0"], [999, "999"], [1000, "1\u202f000"], [
    17102479,
    "17\u202f102\u202f479",
  ]];
  for (const [n, text] of cases) assertEquals(formatCount(n), text);
  assertEquals([0, 999, 865312, 1.55e9].map(formatBytes), ["0 B", "999 B", "865 kB", "1.6 GB"]);
  assertEquals([10.012, 86400, 5400].map(formatRunLength), ["10.0 s", "24h", "1h30m"]);
  assertEquals([formatLatency(14.895), formatLatency(4503)], [{ value: "14.9", unit: "ms" }, {
    value: "4.50",
    unit: "s",
  }]);
});

Deno.test("the load in words follows the model", async () => {
  const demo = await demoResult();
  assertEquals(describeRunLoad(demo.run), "10 users, spawning 10/s");
  assertEquals(
    describeRunLoad({ ...demo.run, stages: [{ t_s: 0, label: "→ 5 users" }] }),
    "user stages, up to 10 users",
  );
  assertEquals(
    describeRunLoad({ ...demo.run, model: "open", rate: 500, users: 1000 }),
    "500/s scheduled (open model), up to 1000 users",
  );
});

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
