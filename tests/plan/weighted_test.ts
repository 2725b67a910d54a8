import { cumulativeWeights, pickWeighted, seededRandom } from "../../src/plan/weighted.ts";
import { assert, assertEquals, assertLess, assertNotEquals } from "../helpers/assert.ts";

/** The largest double below 1. */
const JUST_BELOW_ONE = 1 - Number.EPSILON / 2;

Deno.test("cumulativeWeights: running sums, last is the total", () => {
  const cases: [number[], number[]][] = [
    [[], []],
    [[5], [5]],
    [[1, 1, 1], [1, 2, 3]],
    [[3, 0, 1], [3, 3, 4]],
    [[0, 2, 0.5], [0, 2, 2.5]],
  ];
  for (const [weights, expected] of cases) assertEquals(cumulativeWeights(weights), expected, `${weights}`);
});

Deno.test("pickWeighted: boundaries of random and of the cumulative edges", () => {
  const cumulative = cumulativeWeights([1, 2, 1]); // [1, 3, 4]: item 0 owns [0, .25), 1 [.25, .75), 2 [.75, 1)
  const cases: [random: number, expected: number][] = [
    [0, 0],
    [0.2499, 0],
    [0.25, 1], // exactly at the first edge: the next item
    [0.5, 1],
    [0.7499, 1],
    [0.75, 2], // exactly at the second edge
    [0.9, 2],
    [JUST_BELOW_ONE, 2],
  ];
  for (const [random, expected] of cases) {
    assertEquals(pickWeighted(cumulative, random), expected, `random ${random}`);
  }
});

Deno.test("pickWeighted: a single item is always picked", () => {
  for (const random of [0, 0.5, JUST_BELOW_ONE]) assertEquals(pickWeighted([7], random), 0);
});

Deno.test("pickWeighted: zero-weight items are never picked (fine sweep of random)", () => {
  const layouts: [weights: number[], zero: number[]][] = [
    [[0, 1, 1], [0]],
    [[1, 0, 1], [1]],
    [[1, 1, 0], [2]],
    [[0, 3, 0, 0, 1, 0], [0, 2, 3, 5]],
  ];
  const steps = 100_000;
  for (const [weights, zero] of layouts) {
    const cumulative = cumulativeWeights(weights);
    const seen = new Set<number>();
    for (let i = 0; i <= steps; i++) {
      const random = i === steps ? JUST_BELOW_ONE : i / steps;
      const index = pickWeighted(cumulative, random);
      assert(!zero.includes(index), `weights ${weights}: random ${random} picked zero-weight item ${index}`);
      seen.add(index);
    }
    const positive = weights.map((_, i) => i).filter((i) => !zero.includes(i));
    assertEquals([...seen].sort(), positive, `weights ${weights}: every positive item is reachable`);
  }
});

Deno.test("pickWeighted: a 3:1 weighting over 100k seeded draws is 75%/25% within 1%", () => {
  const cumulative = cumulativeWeights([3, 1]);
  const random = seededRandom(12345);
  const counts = [0, 0];
  const draws = 100_000;
  for (let i = 0; i < draws; i++) counts[pickWeighted(cumulative, random())]!++;
  assertEquals(counts[0]! + counts[1]!, draws);
  assertLess(Math.abs(counts[0]! / draws - 0.75), 0.01, `share of item 0: ${counts[0]! / draws}`);
  assertLess(Math.abs(counts[1]! / draws - 0.25), 0.01, `share of item 1: ${counts[1]! / draws}`);
});

Deno.test("seededRandom: the same seed gives the same sequence", () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const seqA = Array.from({ length: 1000 }, a);
  const seqB = Array.from({ length: 1000 }, b);
  assertEquals(seqA, seqB);
  // And the sequence is not constant.
  assert(new Set(seqA).size > 990, "values should rarely repeat");
});

Deno.test("seededRandom: different seeds give different sequences", () => {
  const seeds = [0, 1, 2, 42, 0xffffffff];
  const firsts = seeds.map((seed) => Array.from({ length: 5 }, seededRandom(seed)));
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      assertNotEquals(firsts[i], firsts[j], `seeds ${seeds[i]} and ${seeds[j]}`);
    }
  }
});

Deno.test("seededRandom: values lie in [0, 1) and spread over the range", () => {
  const random = seededRandom(7);
  const buckets = new Array(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const value = random();
    assert(value >= 0 && value < 1, `value ${value} out of [0, 1)`);
    buckets[Math.floor(value * 10)]++;
  }
  for (const [i, count] of buckets.entries()) {
    assertLess(Math.abs(count / n - 0.1), 0.01, `decile ${i} holds ${count}`);
  }
});
