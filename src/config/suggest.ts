/**
 * "Did you mean" hints for unknown keys, enum values and scenario names. Pure.
 *
 * @module
 */

/**
 * Edit distance between two strings, counting an insertion, a deletion, a substitution or a swap of two
 * adjacent characters as one edit (optimal string alignment, a restricted Damerau-Levenshtein): swapped
 * letters are the most common typo in a key, so they must cost one edit, not two.
 *
 * @example editDistance("usres", "users") === 1
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows instead of a full matrix: a transposition looks back two rows.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, twoBack[j - 2]! + 1);
      }
      current.push(best);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input`, or undefined when none is close enough to be a plausible typo.
 * Close enough means at most a third of the input's length in edits, but always at least 2, so short
 * keys still get a hint. Case and `-`/`_` differences are free (`Spawn-Rate` suggests `spawn_rate`).
 * Ties go to the earlier candidate, so callers control the order.
 *
 * @example suggest("usrs", ["users", "spawn_rate"]) === "users"
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalize(input);
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "users"?)` when there is a close candidate, else the empty string: ready to append. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = suggest(input, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll("-", "_");
}
