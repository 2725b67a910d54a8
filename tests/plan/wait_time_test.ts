import type { WaitTime } from "../../src/model/config.ts";
import { waitAfterTaskMs } from "../../src/plan/wait_time.ts";
import { assertAlmostEquals, assertEquals, assertLessOrEqual } from "../helpers/assert.ts";

Deno.test("constant: always the same wait, whatever the task took or the random draw", () => {
  const wait: WaitTime = { kind: "constant", ms: 1500 };
  for (const [elapsed, random] of [[0, 0], [10, 0.5], [5000, 0.99]]) {
    assertEquals(waitAfterTaskMs(wait, elapsed!, random!), 1500, `elapsed ${elapsed}, random ${random}`);
  }
  assertEquals(waitAfterTaskMs({ kind: "constant", ms: 0 }, 100, 0.3), 0);
});

Deno.test("between: min at random 0, linear inside, approaches max as random -> 1", () => {
  const wait: WaitTime = { kind: "between", min_ms: 1000, max_ms: 3000 };
  const cases: [random: number, expected: number][] = [
    [0, 1000],
    [0.25, 1500],
    [0.5, 2000],
    [0.75, 2500],
  ];
  for (const [random, expected] of cases) {
    assertEquals(waitAfterTaskMs(wait, 123, random), expected, `random ${random}`);
  }
  assertAlmostEquals(waitAfterTaskMs(wait, 0, 0.999999), 2999.998, 1e-6);
  // The largest random below 1 lands on max itself (rounding), never past it.
  assertLessOrEqual(waitAfterTaskMs(wait, 0, 1 - Number.EPSILON / 2), 3000);
  assertAlmostEquals(waitAfterTaskMs(wait, 0, 1 - Number.EPSILON / 2), 3000, 1e-9);
});

Deno.test("between: equal bounds give a fixed wait", () => {
  const wait: WaitTime = { kind: "between", min_ms: 500, max_ms: 500 };
  assertEquals(waitAfterTaskMs(wait, 0, 0), 500);
  assertEquals(waitAfterTaskMs(wait, 0, 0.9), 500);
});

Deno.test("constant_pacing: waits out the rest of the pacing, never negative", () => {
  const wait: WaitTime = { kind: "constant_pacing", ms: 2000 };
  const cases: [elapsed: number, expected: number][] = [
    [0, 2000],
    [500, 1500], // task shorter than the pacing
    [1999.5, 0.5],
    [2000, 0], // exactly the pacing
    [2500, 0], // task longer than the pacing: start the next at once
    [60_000, 0],
  ];
  for (const [elapsed, expected] of cases) {
    assertEquals(waitAfterTaskMs(wait, elapsed, 0.7), expected, `elapsed ${elapsed}`);
  }
});
