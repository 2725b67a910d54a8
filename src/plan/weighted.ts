/** Weighted choice over tasks, as Locust's `@task(weight)`. */

/** Running sums of the weights; the last element is the total. */
export function cumulativeWeights(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** Picks an index for a uniform `random` in [0, 1); zero-weight items are never picked. */
export function pickWeighted(cumulative: readonly number[], random: number): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A small seeded PRNG (mulberry32) so runs can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
