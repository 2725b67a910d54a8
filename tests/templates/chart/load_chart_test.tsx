import { renderToString } from "preact-render-to-string";
import { loadChartDrawing } from "../../../src/report/chart/load_chart.ts";
import { LoadChart } from "../../../templates/chart/load_chart.tsx";
import { standaloneSvg } from "../../../templates/chart/standalone.tsx";
import { assertEquals, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed } from "./svg_checks.ts";

const drawing = loadChartDrawing({
  id: "steps",
  title: "Req/s per step",
  series: [{ name: "req/s", points: [100, 200, 300].map((x) => ({ x, y: Math.min(x, 200) })) }],
  left: { kind: "count", label: "req/s" },
  xSuffix: "/s",
  failed: [300],
  failedFrom: 300,
  zoneLabel: "breaking point: 300/s",
});
const chart = <LoadChart drawing={drawing} />;

Deno.test("LoadChart draws the zone, the line, one dot per step (failed ones ringed), accessibly", () => {
  const svg = renderToString(chart);
  assertIdsPrefixed(svg, "steps");
  assertBalancedTags(svg);
  assertMatch(svg, /<rect class="zone-bad"/);
  assertMatch(svg, /<text class="zone-label"[^>]*>breaking point: 300\/s<\/text>/);
  assertEquals((svg.match(/<circle class="dot series-0"/g) ?? []).length, 2);
  assertMatch(
    svg,
    /<circle class="dot series-0 failed"[^>]*r="4.5"><title>300\/s: req\/s 200 req\/s \(failed\)<\/title>/,
  );
  assertMatch(
    svg,
    /<desc id="steps-desc">req\/s: 100 req\/s at 100\/s, 200 req\/s at 200\/s, 200 req\/s at 300\/s; failed from 300\/s\.<\/desc>/,
  );
  assertMatch(standaloneSvg(chart), /\.perf-chart \.dot\.failed\{stroke:#cf222e/);
});
