import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertLessOrEqual,
  assertThrows,
} from "../helpers/assert.ts";
import { mergePairs, SeriesBuffer } from "../../src/monitor/series_buffer.ts";

Deno.test("SeriesBuffer keeps every sample below its cap", () => {
  const buffer = new SeriesBuffer(10);
  for (let t = 1; t <= 5; t++) buffer.push(t, t * 10);
  assertEquals(buffer.points(), [1, 2, 3, 4, 5].map((t) => ({ t, value: t * 10 })));
});

Deno.test("SeriesBuffer merges neighbours at its cap and keeps one resolution after", () => {
  const buffer = new SeriesBuffer(4);
  for (let t = 1; t <= 10; t++) buffer.push(t, t);
  // 1..4 -> (2: 1.5) (4: 3.5); 5..8 in pairs -> 4 points -> (4: 2.5) (8: 6.5); 9, 10 wait as one partial point.
  assertEquals(buffer.points(), [{ t: 4, value: 2.5 }, { t: 8, value: 6.5 }, { t: 10, value: 9.5 }]);
});

Deno.test("SeriesBuffer stays bounded over a 24 h run of 1 s samples", () => {
  const buffer = new SeriesBuffer(2000);
  for (let t = 1; t <= 86_400; t++) buffer.push(t, 100 + Math.sin(t / 600) * 50);
  const points = buffer.points();
  assertLessOrEqual(points.length, 2000);
  assert(points.length > 1000, `too coarse: ${points.length} points`);
  assert(points.every((p, i) => i === 0 || p.t > points[i - 1]!.t), "times increase");
  assertEquals(points.at(-1)!.t, 86_400);
  const mean = points.reduce((sum, p) => sum + p.value, 0) / points.length;
  assertAlmostEquals(mean, 100, 2);
});

Deno.test("mergePairs averages pairs and keeps an odd last point", () => {
  assertEquals(mergePairs([{ t: 1, value: 1 }, { t: 2, value: 2 }, { t: 3, value: 7 }]), [
    { t: 2, value: 1.5 },
    { t: 3, value: 7 },
  ]);
  assertEquals(mergePairs([{ t: 1, value: 0.1 }, { t: 2, value: 0.2 }]), [{ t: 2, value: 0.15 }]);
  assertThrows(() => new SeriesBuffer(1), RangeError);
});
