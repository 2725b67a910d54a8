import {
  extent,
  linearScale,
  logScale,
  niceDomain,
  niceStep,
  niceTicks,
} from "../../../src/report/chart/scales.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../../helpers/assert.ts";

Deno.test("linearScale maps the domain onto the range and back, inverted ranges included", () => {
  const cases: { domain: [number, number]; range: [number, number]; value: number; pixel: number }[] = [
    { domain: [0, 100], range: [0, 500], value: 50, pixel: 250 },
    { domain: [0, 40], range: [200, 0], value: 10, pixel: 150 },
    { domain: [-10, 10], range: [0, 100], value: 0, pixel: 50 },
    { domain: [0, 10], range: [0, 100], value: 20, pixel: 200 },
  ];
  for (const c of cases) {
    const scale = linearScale(c.domain, c.range);
    assertAlmostEquals(scale.map(c.value), c.pixel, 1e-9, JSON.stringify(c));
    assertAlmostEquals(scale.invert(c.pixel), c.value, 1e-9, JSON.stringify(c));
  }
});

Deno.test("linearScale with a zero-width domain maps to the middle of the range instead of NaN", () => {
  assertEquals(linearScale([5, 5], [0, 100]).map(5), 50);
});

Deno.test("nice() widens the domain to round ends and ticks() follows", () => {
  const cases: { domain: [number, number]; count: number; nice: [number, number]; ticks: number[] }[] = [
    { domain: [0, 37], count: 5, nice: [0, 40], ticks: [0, 10, 20, 30, 40] },
    { domain: [0, 0.93], count: 5, nice: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    { domain: [3.2, 9.7], count: 4, nice: [2, 10], ticks: [2, 4, 6, 8, 10] },
    { domain: [0, 1780], count: 4, nice: [0, 2000], ticks: [0, 500, 1000, 1500, 2000] },
    { domain: [0, 0], count: 5, nice: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
  ];
  for (const c of cases) {
    const scale = linearScale(c.domain, [0, 100]).nice(c.count);
    assertEquals([...scale.domain], c.nice, `domain of ${c.domain}`);
    assertEquals(scale.ticks(c.count), c.ticks, `ticks of ${c.domain}`);
  }
});

Deno.test("niceStep picks 1, 2 or 5 × 10^k", () => {
  const cases: [span: number, count: number, step: number][] = [
    [10, 10, 1],
    [10, 5, 2],
    [10, 2, 5],
    [100, 5, 20],
    [1, 5, 0.2],
    [0.003, 3, 0.001],
    [86_400, 6, 20_000],
    [86_400, 10, 10_000],
    [0, 5, 1],
  ];
  for (const [span, count, step] of cases) assertEquals(niceStep(span, count), step, `${span}/${count}`);
});

Deno.test("niceTicks are multiples of the step without float noise", () => {
  const cases: [min: number, max: number, count: number, ticks: number[]][] = [
    [0, 1, 10, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]],
    [0.15, 0.62, 5, [0.2, 0.3, 0.4, 0.5, 0.6]],
    [-45, 45, 4, [-40, -20, 0, 20, 40]],
    [1000, 5000, 4, [1000, 2000, 3000, 4000, 5000]],
    [7, 7, 2, [6, 7, 8]],
    [0, Infinity, 5, []],
  ];
  for (const [min, max, count, ticks] of cases) {
    assertEquals(niceTicks(min, max, count), ticks, `${min}..${max}`);
  }
});

Deno.test("niceDomain keeps an already round domain and orders a reversed one", () => {
  assertEquals(niceDomain(0, 100, 5), [0, 100]);
  assertEquals(niceDomain(100, 0, 5), [0, 100]);
});

Deno.test("logScale spaces powers of ten evenly and clamps values at or below zero", () => {
  const scale = logScale([1, 10_000], [0, 400]);
  const cases: [value: number, pixel: number][] = [[1, 0], [10, 100], [100, 200], [1000, 300], [10_000, 400]];
  for (const [value, pixel] of cases) assertAlmostEquals(scale.map(value), pixel, 1e-9, `log ${value}`);
  assertEquals(scale.map(0), 0);
  assertEquals(scale.map(-5), 0);
  assertAlmostEquals(scale.invert(200), 100, 1e-9);
  assertThrows(() => logScale([0, 10], [0, 1]), RangeError, "positive domain");
});

Deno.test("extent skips non-finite values and copes with very long series", () => {
  assertEquals(extent([3, NaN, -2, Infinity, 7]), [-2, 7]);
  assertEquals(extent([]), undefined);
  assertEquals(extent([NaN]), undefined);
  const long = Array.from({ length: 500_000 }, (_, i) => i);
  assertEquals(extent(long), [0, 499_999]);
});
