import { barChartGeometry, errorKindBars, statusCodeBars } from "../../../src/report/chart/bar_chart.ts";
import { assert, assertAlmostEquals, assertEquals } from "../../helpers/assert.ts";

Deno.test("statusCodeBars: in code order, toned by class", () => {
  assertEquals(statusCodeBars({ "503": 2, "200": 501, "404": 3 }), [
    { label: "200", value: 501, tone: "ok" },
    { label: "404", value: 3, tone: "warn" },
    { label: "503", value: 2, tone: "bad" },
  ]);
});

Deno.test("errorKindBars: most frequent first, tail folded into other", () => {
  const bars = errorKindBars({ timeout: 3, refused: 10, reset: 1, http_500: 5 }, 3);
  assertEquals(bars.map((b) => [b.label, b.value]), [["refused", 10], ["http_500", 5], ["other", 4]]);
});

Deno.test("barChartGeometry: one row per bar, height from the row count, longest bar reaching its value", () => {
  const g = barChartGeometry({ width: 600, bars: statusCodeBars({ "200": 500, "500": 250 }), rowHeight: 20 });
  assertEquals(g.bars.length, 2);
  assertEquals(g.height, 8 + 24 + 2 * 20);
  const [ok, bad] = g.bars;
  assertEquals(ok!.tone, "ok");
  assertAlmostEquals(ok!.width, 2 * bad!.width, 1e-9);
  assertAlmostEquals(ok!.x + ok!.width, g.x.scale.map(500), 1e-9);
  assert(bad!.y > ok!.y, "rows go down");
  assertEquals(ok!.valueLabel, "500");
  assertEquals(g.x.ticks[0]!.label, "0");
});

Deno.test("barChartGeometry: no bars is empty with no ticks; long labels are shortened", () => {
  const empty = barChartGeometry({ width: 600, bars: [] });
  assertEquals([empty.empty, empty.x.ticks.length], [true, 0]);
  const long = "x".repeat(80);
  const g = barChartGeometry({ width: 600, bars: [{ label: long, value: 1 }] });
  assert(g.bars[0]!.shownLabel.endsWith("…"));
  assertEquals(g.bars[0]!.label, long);
});
