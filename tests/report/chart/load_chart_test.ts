import {
  describeLoadChart,
  loadChartGeometry,
  type LoadChartInput,
} from "../../../src/report/chart/load_chart.ts";
import { timeChartGeometry } from "../../../src/report/chart/xy_chart.ts";
import { assert, assertAlmostEquals, assertEquals } from "../../helpers/assert.ts";

const STEPS = [100, 200, 300, 400, 500];

const input = (over: Partial<LoadChartInput> = {}): LoadChartInput => ({
  width: 960,
  height: 280,
  series: [
    { name: "req/s", points: STEPS.map((x) => ({ x, y: Math.min(x, 300) })) },
    { name: "p95", points: STEPS.map((x) => ({ x, y: x > 300 ? x * 2 : 10 })), axis: "right" },
    { name: "offered", points: STEPS.map((x) => ({ x, y: x })), dashed: true, colour: 5 },
  ],
  left: { kind: "count", label: "req/s" },
  right: { kind: "ms", label: "p95 ms" },
  xSuffix: "/s",
  failed: [400, 500],
  failedFrom: 400,
  zoneLabel: "breaking point: 400/s",
  ...over,
});

Deno.test("load chart: a tick per step, dots on measured series only, failed steps ringed", () => {
  const g = loadChartGeometry(input());
  assertEquals(g.x.ticks.map((t) => t.label), ["100/s", "200/s", "300/s", "400/s", "500/s"]);
  // Half a step of room each side: no dot on the frame.
  assertAlmostEquals(g.x.scale.map(50), g.plot.x, 0.01);
  assertAlmostEquals(g.x.scale.map(550), g.plot.right, 0.01);
  assertEquals(g.dots.length, 10, "req/s and p95, not the dashed offered rate");
  assertEquals(g.dots.filter((d) => d.failed).length, 4);
  assertEquals(g.dots[3]!.title, "400/s: req/s 300 req/s (failed)");
  assertEquals(g.series[2]!.dashed, true);
  assertEquals(g.series[2]!.colour, 5);
});

Deno.test("load chart: the failed range is shaded from halfway before the breaking point", () => {
  const g = loadChartGeometry(input());
  const zone = g.zone!;
  assertAlmostEquals(zone.x, g.x.scale.map(350), 0.01);
  assertEquals(zone.x + zone.width, g.plot.right);
  assertEquals([zone.label, zone.anchor], ["breaking point: 400/s", "start"]);
  // Breaking at the last step, the label does not fit to the right of the zone's start: it ends at the edge.
  const late = loadChartGeometry(
    input({ failedFrom: 500, zoneLabel: "breaking point: 500/s, far too long a label" }),
  );
  assertEquals([late.zone!.anchor, late.zone!.labelX], ["end", late.plot.right]);
  assertEquals(loadChartGeometry(input({ failedFrom: undefined })).zone, undefined);
});

Deno.test("load chart: many steps get round ticks; one step still gets room; description in words", () => {
  const many = Array.from({ length: 40 }, (_, i) => (i + 1) * 10);
  const g = loadChartGeometry(input({ series: [{ name: "req/s", points: many.map((x) => ({ x, y: x })) }] }));
  assert(g.x.ticks.length < 20, `${g.x.ticks.length} ticks`);
  const one = loadChartGeometry(
    input({ series: [{ name: "req/s", points: [{ x: 50, y: 50 }] }], failed: [] }),
  );
  assertEquals(one.dots.length, 1);
  assert(one.dots[0]!.x > one.plot.x && one.dots[0]!.x < one.plot.right);
  assertEquals(
    describeLoadChart(input({ series: [input().series[0]!] })),
    "req/s: 100 req/s at 100/s, 200 req/s at 200/s, 300 req/s at 300/s, 300 req/s at 400/s, 300 req/s at 500/s; " +
      "failed from 400/s.",
  );
});

Deno.test("a y ceiling keeps a spike from flattening the rest; the legend can skip a series", () => {
  const points = [{ x: 1, y: 10 }, { x: 2, y: 5000 }, { x: 3, y: 12 }];
  const capped = timeChartGeometry({
    width: 720,
    height: 260,
    series: [{ name: "p95", points }, { name: "fit", points, legend: false, dashed: true, colour: 0 }],
    left: { kind: "ms", max: 50 },
    legend: true,
  });
  assertEquals(capped.left.scale.domain, [0, 50]);
  assertEquals(capped.legend.map((l) => l.label), ["p95"]);
  assertEquals(capped.series.map((s) => [s.colour, s.dashed]), [[0, undefined], [0, true]]);
});
