import { spectrumAxis, tickCount, timeAxis, valueAxis } from "../../../src/report/chart/axes.ts";
import { assertAlmostEquals, assertEquals } from "../../helpers/assert.ts";

Deno.test("valueAxis runs from zero to a round top, with labelled ticks placed in pixels", () => {
  const axis = valueAxis([3, 37, 12], "ms", [200, 0], 4);
  assertEquals([...axis.scale.domain], [0, 40]);
  assertEquals(axis.ticks.map((t) => [t.value, t.position, t.label]), [
    [0, 200, "0"],
    [10, 150, "10"],
    [20, 100, "20"],
    [30, 50, "30"],
    [40, 0, "40"],
  ]);
});

Deno.test("valueAxis: no values gives [0, 1]; ms past a second read in seconds; negatives are included", () => {
  assertEquals([...valueAxis([], "count", [100, 0]).scale.domain], [0, 1]);
  assertEquals(valueAxis([NaN, Infinity], "count", [100, 0]).scale.domain[1], 1);
  assertEquals(valueAxis([1800], "ms", [100, 0], 4).ticks.map((t) => t.label), [
    "0",
    "500",
    "1s",
    "1.5s",
    "2s",
  ]);
  assertEquals(valueAxis([-5, 5], "count", [100, 0], 2).scale.domain[0], -5);
});

Deno.test("timeAxis labels seconds since start", () => {
  const axis = timeAxis([0, 3600], [0, 600], 4);
  assertEquals(axis.ticks.map((t) => t.label), ["0s", "15m", "30m", "45m", "1h"]);
  assertEquals(axis.ticks.map((t) => t.position), [0, 150, 300, 450, 600]);
});

Deno.test("spectrumAxis spaces the nines evenly", () => {
  const axis = spectrumAxis(99.99, [0, 400]);
  assertEquals(axis.ticks.map((t) => t.label), ["0%", "90%", "99%", "99.9%", "99.99%"]);
  axis.ticks.forEach((t, i) => assertAlmostEquals(t.position, i * 100, 1e-9));
});

Deno.test("tickCount fits ticks to the length, at least two", () => {
  assertEquals(tickCount(400, 80), 5);
  assertEquals(tickCount(50, 80), 2);
});
