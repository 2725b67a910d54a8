import { renderToString } from "preact-render-to-string";
import { barChartDrawing } from "../../../src/report/chart/bar_chart.ts";
import { lineChartDrawing } from "../../../src/report/chart/line_chart.ts";
import { BarChart } from "../../../templates/chart/bar_chart.tsx";
import { CHART_CSS, STANDALONE_CHART_CSS } from "../../../templates/chart/chart_css.ts";
import { standaloneSvg } from "../../../templates/chart/standalone.tsx";
import { XyChart } from "../../../templates/chart/xy_plot.tsx";
import { assert, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed } from "./svg_checks.ts";

Deno.test("standaloneSvg writes a complete SVG file: declaration, namespace, fixed size, embedded light styles", () => {
  const drawing = lineChartDrawing({
    id: "latency",
    title: "Latency",
    series: [{ name: "p95", points: [{ x: 1, y: 3 }, { x: 2, y: 4 }] }],
  });
  const file = standaloneSvg(<XyChart drawing={drawing} />);
  assertMatch(
    file,
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
  );
  assertMatch(file, /width="720" height="260"/);
  assertMatch(file, /<style>[^<]*\.perf-chart \.line\.series-0\{stroke:#0969da\}/);
  assertMatch(file, /<rect class="background"/);
  assert(!file.includes("var(--"), "literal colours for viewers without custom properties");
  assert(!file.includes("width:100%"), "a file keeps its own size");
  assert(file.endsWith("</svg>\n"));
  assertIdsPrefixed(file, "latency");
  assertBalancedTags(file);
});

Deno.test("standaloneSvg renders bar charts too, and leaves inline rendering untouched afterwards", () => {
  const drawing = barChartDrawing({ id: "codes", title: "Status codes", bars: [{ label: "200", value: 3 }] });
  const chart = <BarChart drawing={drawing} />;
  const file = standaloneSvg(chart);
  assertMatch(file, /xmlns=/);
  assertBalancedTags(file);
  const inline = renderToString(chart);
  assert(!inline.includes("xmlns") && !inline.includes("<style>"), "the standalone setting does not leak");
});

Deno.test("CHART_CSS themes through custom properties, with dark mode and print", () => {
  assertMatch(CHART_CSS, /@media \(prefers-color-scheme: dark\)\{\.perf-chart\{--perf-chart-bg:#0d1117;/);
  assertMatch(CHART_CSS, /@media print\{\.perf-chart\{--perf-chart-bg:#ffffff;/);
  assertMatch(CHART_CSS, /\.perf-chart \.line\.series-0\{stroke:var\(--perf-chart-series-0\)\}/);
  assertMatch(CHART_CSS, /\.perf-chart \.bar\.tone-bad\{fill:var\(--perf-chart-bad\)\}/);
  assert(!/[<>]/.test(CHART_CSS) && !/[<>]/.test(STANDALONE_CHART_CSS), "safe to inline in <style>");
});
