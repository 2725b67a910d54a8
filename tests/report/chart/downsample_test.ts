import { downsample } from "../../../src/report/chart/downsample.ts";
import { isDefined, type Point } from "../../../src/report/chart/paths.ts";
import { assert, assertEquals, assertLessOrEqual } from "../../helpers/assert.ts";

/** A day at 30 s intervals with a wave, one spike and one dip. */
function daySeries(length = 2880): Point[] {
  return Array.from({ length }, (_, i) => ({
    x: (i + 1) * 30,
    y: i === 1234 ? 5000 : i === 2222 ? 0.5 : 20 + 5 * Math.sin(i / 50),
  }));
}

Deno.test("downsample returns short series unchanged (as a copy)", () => {
  const points = daySeries(100);
  const out = downsample(points, 100);
  assertEquals(out, points);
  assert(out !== points);
});

Deno.test("downsample bounds the output size for any budget", () => {
  for (const length of [101, 500, 2880, 10_000]) {
    for (const maxPoints of [20, 100, 333, 700]) {
      const out = downsample(daySeries(length), maxPoints);
      assertLessOrEqual(out.length, maxPoints, `${length} -> ${maxPoints}`);
    }
  }
});

Deno.test("downsample keeps spikes and dips, the first and last points, and x order", () => {
  const points = daySeries();
  for (const maxPoints of [50, 200, 700]) {
    const out = downsample(points, maxPoints);
    const ys = out.filter(isDefined).map((p) => p.y);
    assertEquals(Math.max(...ys), 5000, `spike at ${maxPoints}`);
    assertEquals(Math.min(...ys), 0.5, `dip at ${maxPoints}`);
    assertEquals(out[0], points[0]);
    assertEquals(out[out.length - 1], points[points.length - 1]);
    assert(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x), "x increases");
  }
});

Deno.test("downsample keeps gaps as gaps, with the runs on each side", () => {
  const points: Point[] = daySeries().map((p, i) => (i >= 1000 && i < 1100 ? { x: p.x, y: undefined } : p));
  const out = downsample(points, 200);
  assertLessOrEqual(out.length, 200);
  const gaps = out.filter((p) => !isDefined(p));
  assertEquals(gaps.length, 1);
  const gapIndex = out.findIndex((p) => !isDefined(p));
  assertEquals(out[gapIndex - 1], points[999], "the last point before the gap");
  assertEquals(out[gapIndex + 1], points[1100], "the first point after the gap");
});

Deno.test("downsample of a constant series keeps its ends so the line spans the chart", () => {
  const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 7 }));
  const out = downsample(points, 100);
  assertEquals(out[0]!.x, 0);
  assertEquals(out[out.length - 1]!.x, 999);
  assert(out.every((p) => p.y === 7));
});
