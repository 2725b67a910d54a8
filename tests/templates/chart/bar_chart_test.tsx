import { renderToString } from "preact-render-to-string";
import {
  barChartDrawing,
  type BarChartOptions,
  errorKindBars,
  statusCodeBars,
} from "../../../src/report/chart/bar_chart.ts";
import { BarChart } from "../../../templates/chart/bar_chart.tsx";
import { assert, assertEquals, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed, textOf } from "./svg_checks.ts";

const barChart = (options: BarChartOptions) =>
  renderToString(<BarChart drawing={barChartDrawing(options)} />);

Deno.test("BarChart draws a toned bar, label and count per category", () => {
  const svg = barChart({
    id: "status",
    title: "Status codes",
    bars: statusCodeBars({ "200": 501, "201": 162, "500": 5 }),
    unit: "responses",
  });
  assertEquals((svg.match(/class="bar tone-/g) ?? []).length, 3);
  assertMatch(svg, /class="bar tone-ok"/);
  assertMatch(svg, /class="bar tone-bad"/);
  assertMatch(svg, />501</);
  assertEquals(textOf(svg, "desc"), "200: 501, 201: 162, 500: 5 (total 668 responses).");
  assertIdsPrefixed(svg, "status");
  assertBalancedTags(svg);
});

Deno.test("BarChart grows with its rows and shows no data when empty", () => {
  const height = (svg: string) => Number(svg.match(/viewBox="0 0 \d+ (\d+)"/)![1]);
  const two = barChart({ id: "a", title: "Errors", bars: errorKindBars({ a: 1, b: 2 }) });
  const six = barChart({
    id: "b",
    title: "Errors",
    bars: errorKindBars({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }),
  });
  assert(height(six) > height(two));
  const empty = barChart({ id: "c", title: "Errors", bars: [] });
  assertMatch(empty, />no data</);
  assertEquals(textOf(empty, "desc"), "No data.");
  assertBalancedTags(empty);
});
