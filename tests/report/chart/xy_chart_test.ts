import type { Point } from "../../../src/report/chart/paths.ts";
import { spectrumFromPairs } from "../../../src/report/chart/spectrum.ts";
import { spectrumChartGeometry, timeChartGeometry } from "../../../src/report/chart/xy_chart.ts";
import { assert, assertEquals, assertLess } from "../../helpers/assert.ts";

const line = (n: number, f: (i: number) => number | undefined): Point[] =>
  Array.from({ length: n }, (_, i) => ({ x: i + 1, y: f(i) }));

const base = { width: 720, height: 260, left: { kind: "ms" as const, label: "ms" } };

Deno.test("timeChartGeometry: x from 0 to the last point, y from 0 to a round top, one path per series", () => {
  const g = timeChartGeometry({ ...base, series: [{ name: "p95", points: line(10, (i) => 10 + i) }] });
  assertEquals(g.empty, false);
  assertEquals([...g.x.scale.domain], [0, 10]);
  assertEquals(g.left.scale.domain[0], 0);
  assertEquals(g.left.label, "ms");
  assertEquals(g.series.length, 1);
  assert(g.series[0]!.d.startsWith("M"));
  assertEquals(g.series[0]!.area, undefined);
  assertEquals(g.legend, [], "no legend for one series");
});

Deno.test("timeChartGeometry: legend for several series, plot pushed down under it, area for the first only", () => {
  const series = [
    { name: "p50", points: line(5, (i) => i) },
    { name: "p99", points: line(5, (i) => 2 * i) },
  ];
  const g = timeChartGeometry({ ...base, series, area: true });
  assertEquals(g.legend.map((l) => [l.label, l.index]), [["p50", 0], ["p99", 1]]);
  assert(g.plot.y > g.legend[0]!.y, "plot below legend");
  assert(g.series[0]!.area?.endsWith("Z"));
  assertEquals(g.series[1]!.area, undefined);
});

Deno.test("timeChartGeometry: a right axis scales its own series", () => {
  const g = timeChartGeometry({
    ...base,
    series: [{ name: "p95", points: line(5, () => 30) }, {
      name: "users",
      points: line(5, () => 500),
      axis: "right",
    }],
    right: { kind: "count", label: "users" },
  });
  assertEquals(g.left.scale.domain[1], 30);
  assertEquals(g.right?.scale.domain[1], 500);
  assertEquals(g.right?.label, "users");
});

Deno.test("timeChartGeometry: empty input is empty, with no ticks or paths; xDomain is honoured", () => {
  const g = timeChartGeometry({ ...base, series: [{ name: "p95", points: line(3, () => undefined) }] });
  assertEquals(g.empty, true);
  assertEquals(g.series, []);
  assertEquals([g.x.ticks.length, g.left.ticks.length], [0, 0]);
  const framed = timeChartGeometry({
    ...base,
    series: [{ name: "a", points: line(3, () => 1) }],
    xDomain: [0, 60],
  });
  assertEquals([...framed.x.scale.domain], [0, 60]);
});

Deno.test("timeChartGeometry downsamples long series to the plot width and keeps markers inside", () => {
  const g = timeChartGeometry({
    ...base,
    series: [{ name: "p95", points: line(5000, (i) => (i === 2500 ? 900 : 10)) }],
    markers: [{ x: 100, label: "ramp" }, { x: 99_999, label: "outside" }],
  });
  const commands = (g.series[0]!.d.match(/[ML]/g) ?? []).length;
  assertLess(commands, g.plot.width + 10);
  assertEquals(g.left.scale.domain[1], 1000, "the spike set the axis");
  assertEquals(g.markers.map((m) => m.label), ["ramp"]);
});

Deno.test("spectrumChartGeometry puts x on the log axis from 0% to 99.99%", () => {
  const points = spectrumFromPairs([[0, 1], [90, 10], [99.99, 100]]);
  const g = spectrumChartGeometry({ width: 720, height: 260, series: [{ name: "all", points }] });
  assertEquals(g.x.ticks.map((t) => t.label), ["0%", "90%", "99%", "99.9%", "99.99%"]);
  assertEquals(g.left.label, "ms");
  assertEquals(g.series[0]!.d.split("L").length, 3);
});
