import {
  areaPath,
  isDefined,
  linePath,
  type Point,
  project,
  round1,
  segments,
  stepPath,
} from "../../../src/report/chart/paths.ts";
import { linearScale } from "../../../src/report/chart/scales.ts";
import { assertEquals } from "../../helpers/assert.ts";

const pts = (...pairs: [number, number | undefined][]): Point[] => pairs.map(([x, y]) => ({ x, y }));

Deno.test("round1 keeps one decimal and no -0", () => {
  const cases: [number, string][] = [[1.26, "1.3"], [1.24, "1.2"], [2, "2"], [-0.04, "0"], [-3.45, "-3.4"], [
    1234.567,
    "1234.6",
  ]];
  for (const [value, text] of cases) assertEquals(round1(value), text, String(value));
});

Deno.test("linePath: polylines, rounding, gaps and isolated points", () => {
  const cases: { name: string; points: Point[]; d: string }[] = [
    { name: "empty", points: [], d: "" },
    { name: "one line", points: pts([0, 0], [10.04, 20.06], [20, 5]), d: "M0,0L10,20.1L20,5" },
    {
      name: "gap undefined",
      points: pts([0, 0], [1, 1], [2, undefined], [3, 3], [4, 4]),
      d: "M0,0L1,1M3,3L4,4",
    },
    { name: "gap NaN", points: pts([0, 0], [1, NaN], [2, 2], [3, 3]), d: "M0,0h0M2,2L3,3" },
    {
      name: "leading and trailing gaps",
      points: pts([0, undefined], [1, 1], [2, 2], [3, undefined]),
      d: "M1,1L2,2",
    },
    {
      name: "points rounding together are kept once",
      points: pts([0, 0], [0.01, 0.02], [5, 5]),
      d: "M0,0L5,5",
    },
    { name: "all gaps", points: pts([0, undefined], [1, NaN]), d: "" },
  ];
  for (const c of cases) assertEquals(linePath(c.points), c.d, c.name);
});

Deno.test("areaPath closes each run down to the baseline", () => {
  assertEquals(areaPath(pts([0, 10], [10, 5]), 100), "M0,100L0,10L10,5L10,100Z");
  assertEquals(
    areaPath(pts([0, 10], [10, 5], [20, undefined], [30, 7]), 100),
    "M0,100L0,10L10,5L10,100ZM30,100L30,7L30,100Z",
  );
  assertEquals(areaPath([], 100), "");
});

Deno.test("stepPath holds each value until the next point (after) or from the previous one (before)", () => {
  const points = pts([0, 10], [10, 20], [20, 20], [30, 5]);
  assertEquals(stepPath(points, "after"), "M0,10H10V20H20H30V5");
  assertEquals(stepPath(points, "before"), "M0,10V20H10H20V5H30");
  assertEquals(stepPath(pts([0, 1], [1, undefined], [2, 3]), "after"), "M0,1h0M2,3h0");
});

Deno.test("segments splits at gaps; isDefined rejects undefined, NaN and infinite values", () => {
  assertEquals(segments(pts([0, 1], [1, undefined], [2, 2], [3, 3])).map((s) => s.length), [1, 2]);
  assertEquals(pts([0, 1], [1, undefined], [2, NaN], [3, Infinity], [NaN, 1]).map(isDefined), [
    true,
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("project maps data to pixels through the scales and keeps gaps", () => {
  const x = linearScale([0, 10], [0, 100]);
  const y = linearScale([0, 50], [200, 0]);
  assertEquals(
    project(pts([0, 0], [5, undefined], [10, 50]), x, y),
    pts([0, 200], [50, undefined], [100, 0]),
  );
});
