import { fitLine, fittedAt } from "../../src/analysis/least_squares.ts";
import { assert, assertAlmostEquals, assertEquals } from "../helpers/assert.ts";
import { gaussian } from "./synthetic.ts";

Deno.test("an exact line is recovered with r² 1 and no slope error", () => {
  const fit = fitLine([0, 1, 2, 3].map((x) => ({ x, y: 1 + 2 * x })))!;
  assertAlmostEquals(fit.slope, 2, 1e-12);
  assertAlmostEquals(fit.intercept, 1, 1e-12);
  assertAlmostEquals(fit.r2, 1, 1e-12);
  assertAlmostEquals(fit.slope_se, 0, 1e-9);
  assertEquals([fit.n, fit.x_min, fit.x_max], [4, 0, 3]);
  assertEquals(fittedAt(fit, 10), 21);
});

Deno.test("gaps (NaN, undefined, null) and points without weight are skipped", () => {
  const fit = fitLine([
    { x: 0, y: 0 },
    { x: 1, y: NaN },
    { x: 2, y: undefined },
    { x: 3, y: null },
    { x: 4, y: 999, w: 0 }, // an interval with no requests
    { x: NaN, y: 5 },
    { x: 5, y: 10 },
    { x: 6, y: 12, w: 2 },
  ])!;
  assertEquals(fit.n, 3);
  assertAlmostEquals(fit.slope, 2, 1e-12);
});

Deno.test("no line: fewer than 2 usable points, or every x equal", () => {
  assertEquals(fitLine([]), undefined);
  assertEquals(fitLine([{ x: 1, y: 1 }, { x: 2, y: NaN }]), undefined);
  assertEquals(fitLine([{ x: 1, y: 1 }, { x: 1, y: 5 }]), undefined);
});

Deno.test("a flat series: slope 0, r² 0 (nothing to explain), SE 0", () => {
  const fit = fitLine([0, 1, 2].map((x) => ({ x, y: 7 })))!;
  assertEquals([fit.slope, fit.intercept, fit.r2, fit.slope_se, fit.y_mean], [0, 7, 0, 0, 7]);
});

Deno.test("weights pull the line and their scale does not matter", () => {
  const pts = [{ x: 0, y: 0, w: 1 }, { x: 1, y: 1, w: 1 }, { x: 2, y: 10, w: 100 }, { x: 3, y: 3, w: 1 }];
  const a = fitLine(pts)!;
  const b = fitLine(pts.map((p) => ({ ...p, w: p.w * 1000 })))!;
  assertAlmostEquals(a.slope, b.slope, 1e-9);
  assertAlmostEquals(a.slope_se, b.slope_se, 1e-9);
  assertAlmostEquals(a.r2, b.r2, 1e-12);
  assert(
    Math.abs(fittedAt(a, 2) - 10) < Math.abs(fittedAt(fitLine(pts.map((p) => ({ ...p, w: 1 })))!, 2) - 10),
  );
});

Deno.test("the slope's standard error matches its spread over noisy samples", () => {
  const slopes: number[] = [];
  let se = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const n = gaussian(seed);
    const fit = fitLine(Array.from({ length: 50 }, (_, x) => ({ x, y: 3 + 0.5 * x + 2 * n() })))!;
    slopes.push(fit.slope);
    se += fit.slope_se / 200;
  }
  const mean = slopes.reduce((s, v) => s + v, 0) / slopes.length;
  const sd = Math.sqrt(slopes.reduce((s, v) => s + (v - mean) ** 2, 0) / (slopes.length - 1));
  assertAlmostEquals(mean, 0.5, 0.01);
  // Theory: 2 / sqrt(Σ(x - x̄)²) = 2 / sqrt(10412.5) ≈ 0.0196.
  assertAlmostEquals(se, 0.0196, 0.002);
  assertAlmostEquals(sd, 0.0196, 0.004);
});
