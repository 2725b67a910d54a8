import { renderToString } from "preact-render-to-string";
import { lineChartDrawing, type LineChartOptions } from "../../../src/report/chart/line_chart.ts";
import type { Point } from "../../../src/report/chart/paths.ts";
import { timelineSeries } from "../../../src/report/chart/timeline_series.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { XyChart } from "../../../templates/chart/xy_plot.tsx";
import { assert, assertEquals, assertLess, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed, idsIn, textOf } from "../../templates/chart/svg_checks.ts";

/** The chart drawn as the page draws it. */
const lineChart = (options: LineChartOptions) =>
  renderToString(<XyChart drawing={lineChartDrawing(options)} />);

async function demoResult(): Promise<RunResult> {
  return JSON.parse(
    await Deno.readTextFile(new URL("../../fixtures/results/demo_short.json", import.meta.url)),
  );
}

/** A 24 h endurance run at 43 s intervals: 2000 points with a wave, a spike and a hole. */
function longSeries(scale = 1): Point[] {
  return Array.from({ length: 2000 }, (_, i) => ({
    x: (i + 1) * 43.2,
    y: i >= 900 && i < 920 ? undefined : scale * (i === 1500 ? 900 : 20 + 10 * Math.sin(i / 40) + (i % 5)),
  }));
}

Deno.test("lineChartDrawing renders an accessible, responsive SVG with prefixed ids", async () => {
  const timeline = (await demoResult()).timeline;
  const svg = lineChart({
    id: "latency",
    title: "Latency over time",
    series: [
      { name: "p50", points: timelineSeries(timeline, "p50_ms") },
      { name: "p95", points: timelineSeries(timeline, "p95_ms") },
    ],
    area: true,
    markers: [{ x: 5, label: "hold" }],
  });
  assertMatch(svg, /^<svg [^>]*role="img"/);
  assertMatch(svg, /aria-labelledby="latency-title latency-desc"/);
  assertMatch(svg, /viewBox="0 0 720 260"/);
  assertMatch(svg, /width="100%"/);
  assert(!svg.includes("xmlns"), "inline SVG needs no namespace");
  assertEquals(textOf(svg, "title"), "Latency over time");
  assertMatch(
    textOf(svg, "desc")!,
    /^p50 from 7.11 ms to 6.9 ms .* over 10 seconds; p95 from 11.9 ms to 15.4 ms/,
  );
  assertIdsPrefixed(svg, "latency");
  assertBalancedTags(svg);
  assertMatch(svg, /class="line series-0"/);
  assertMatch(svg, /class="line series-1"/);
  assertMatch(svg, /class="area series-0"/);
  assertMatch(svg, /class="marker"/);
  assertMatch(svg, />hold</);
  assertMatch(svg, />10s</, "time tick label");
  assertMatch(svg, />ms</, "unit label");
  assert(!/<script|\son\w+=/i.test(svg), "no client-side JavaScript");
  assert(!svg.includes("NaN"), "no NaN coordinates");
});

Deno.test("lineChartDrawing ids stay unique with several charts on a page, and unsafe ids are cleaned", () => {
  const series = [{ name: "rps", points: [{ x: 1, y: 10 }, { x: 2, y: 12 }] }];
  const page = ["throughput", "throughput-2", "GET /items"].map((id) =>
    lineChart({ id, title: "Throughput", yKind: "count", series })
  ).join("");
  const ids = idsIn(page);
  assertEquals(new Set(ids).size, ids.length);
  assert(ids.includes("GET-items-title"));
});

Deno.test("lineChartDrawing with no data says so inside the SVG instead of failing", () => {
  for (
    const series of [[], [{ name: "p95", points: [] }], [{ name: "cpu", points: [{ x: 1, y: undefined }] }]]
  ) {
    const svg = lineChart({ id: "empty", title: "CPU", series });
    assertMatch(svg, /class="empty"[^>]*>no data</);
    assertEquals(textOf(svg, "desc"), "No data.");
    assertIdsPrefixed(svg, "empty");
    assertBalancedTags(svg);
    assert(!svg.includes("NaN"));
  }
});

Deno.test("lineChartDrawing with a right axis draws both axes and describes each series in its unit", () => {
  const svg = lineChart({
    id: "load",
    title: "Load",
    yKind: "count",
    yLabel: "req/s",
    right: { kind: "count", label: "users" },
    series: [
      { name: "throughput", points: [{ x: 1, y: 1200 }, { x: 2, y: 1500 }] },
      { name: "users", points: [{ x: 1, y: 10 }, { x: 2, y: 20 }], axis: "right", step: "before" },
    ],
  });
  assertMatch(svg, /class="y-axis y-axis-right"/);
  assertEquals(
    textOf(svg, "desc"),
    "throughput from 1.2k req/s to 1.5k req/s over 2 seconds; users from 10 users to 20 users over 2 seconds.",
  );
});

Deno.test("lineChartDrawing of a 24 h run with 2000 points per series stays small", () => {
  const svg = lineChart({
    id: "endurance",
    title: "Latency over 24 h",
    series: [{ name: "p50", points: longSeries(0.5) }, { name: "p95", points: longSeries() }, {
      name: "p99",
      points: longSeries(2),
    }],
    area: true,
  });
  assertLess(svg.length, 60_000, `chart is ${svg.length} bytes`);
  assertMatch(svg, />24h</);
  assertMatch(textOf(svg, "desc")!, /over 24 hours/);
  assertMatch(textOf(svg, "desc")!, /peak 900 ms/);
  assertBalancedTags(svg);
});

Deno.test("lineChartDrawing escapes text from the result (endpoint names in titles and legends)", () => {
  const svg = lineChart({
    id: "x",
    title: `GET /a?b=<c>&d`,
    series: [{ name: "<p95>", points: [{ x: 1, y: 1 }] }],
    legend: true,
  });
  assert(!svg.includes("<c>") && !svg.includes("<p95>"));
  assertMatch(svg, /GET \/a\?b=&lt;c>&amp;d/);
});

Deno.test("lineChartDrawing copes with a series far longer than any timeline (no stack overflow, still small)", () => {
  const points = Array.from({ length: 300_000 }, (_, i) => ({ x: i, y: (i + 1) % 1000 }));
  const svg = lineChart({ id: "huge", title: "Huge", series: [{ name: "p95", points }] });
  assertLess(svg.length, 60_000);
  assertMatch(textOf(svg, "desc")!, /peak 999 ms/);
});
