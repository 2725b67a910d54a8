/**
 * How a test-data source hands out its rows: in order, at random, or each row once. Pure apart from
 * the `random` function it is given.
 *
 * @module
 */

/**
 * How rows are handed out:
 * - `sequential`: in file order, starting over after the last row (Locust-style CSV feeders); never
 *   runs out.
 * - `circular`: another name for `sequential`.
 * - `random`: uniformly at random, with replacement; never runs out.
 * - `unique`: in file order, each row at most once; then the cursor is exhausted (unless `wrap`).
 */
export type DataMode = "sequential" | "random" | "unique" | "circular";

/** Every {@link DataMode}, for schemas and messages. */
export const DATA_MODES = [
  "sequential",
  "random",
  "unique",
  "circular",
] as const satisfies readonly DataMode[];

/** Which part of the rows one holder (a worker, or a user) owns: holder `index` of `count`. */
export interface DataShare {
  /** This holder, from 0 to `count - 1`. */
  index: number;
  /** How many holders split the rows (at least 1). */
  count: number;
}

/** Options of a {@link DataCursor}. */
export interface DataCursorOptions {
  /** A uniform random number in [0, 1); seed it to reproduce a run. Used by `random` only. */
  random: () => number;
  /** Hand out only this holder's part of the rows (see {@link DataCursor}). */
  share?: DataShare;
  /** In `unique` mode, start over instead of running out. Ignored by the other modes. */
  wrap?: boolean;
}

/**
 * A position in a source's rows, handing them out one at a time according to a {@link DataMode}.
 *
 * `share` splits the rows deterministically between `count` holders (say N workers, or N users) that
 * each have their own cursor: holder `i` owns rows `i, i + count, i + 2 * count, ...`. The parts are
 * disjoint and together cover every row, so in `unique` mode no row is ever handed out twice across all
 * holders, and in `sequential` mode the holders together go through the file roughly in order.
 * - `sequential` / `circular` go through the holder's part in order and start over at its end. A holder
 *   whose part is empty (more holders than rows) goes through all rows, starting at row `index % rows`,
 *   so it never starves.
 * - `random` ignores `share`: every holder draws from all rows.
 * - `unique` hands out the holder's part once; after the last row `exhausted` is true and `next()`
 *   returns undefined, unless `wrap` is set, in which case it starts over at the first row of its part.
 *   A holder whose part is empty is exhausted from the start, even with `wrap`.
 *
 * An empty `rows` gives a cursor that is exhausted from the start in every mode.
 *
 * @example
 * ```ts
 * const rows = [{ id: "1" }, { id: "2" }, { id: "3" }];
 * const cursor = new DataCursor(rows, "unique", { random: Math.random, share: { index: 1, count: 2 } });
 * cursor.next(); // { id: "2" }
 * cursor.next(); // undefined: holder 1 of 2 owns only row 1
 * cursor.exhausted; // true
 * ```
 */
export class DataCursor {
  readonly #rows: readonly Record<string, string>[];
  readonly #mode: DataMode;
  readonly #random: () => number;
  readonly #wrap: boolean;
  /** First row of this holder's part, the step between its rows, and how many rows it owns. */
  readonly #first: number;
  readonly #step: number;
  readonly #size: number;
  /** How many rows of the part have been handed out in the current pass. */
  #taken = 0;

  /**
   * A cursor over `rows` (not copied: do not change them while the cursor is in use).
   *
   * @throws {RangeError} when `share.count` is not a positive integer or `share.index` is outside
   *   `0..count-1`.
   */
  constructor(rows: readonly Record<string, string>[], mode: DataMode, options: DataCursorOptions) {
    const share = options.share ?? { index: 0, count: 1 };
    checkShare(share);
    this.#rows = rows;
    this.#mode = mode;
    this.#random = options.random;
    this.#wrap = options.wrap ?? false;
    const part = partSize(rows.length, share);
    if (part === 0 && mode !== "unique" && rows.length > 0) {
      // More holders than rows: go through every row rather than starve.
      this.#first = share.index % rows.length;
      this.#step = 1;
      this.#size = rows.length;
    } else {
      this.#first = share.index;
      this.#step = share.count;
      this.#size = part;
    }
  }

  /** The next row, or undefined once the cursor is {@link exhausted}. */
  next(): Record<string, string> | undefined {
    if (this.exhausted) return undefined;
    if (this.#mode === "random") return this.#rows[Math.floor(this.#random() * this.#rows.length)];
    if (this.#taken === this.#size) this.#taken = 0; // start over (sequential, circular, unique + wrap)
    const k = this.#taken++;
    return this.#rows[(this.#first + k * this.#step) % this.#rows.length];
  }

  /** True when `next()` has nothing more to hand out (and will return undefined from now on). */
  get exhausted(): boolean {
    if (this.#rows.length === 0) return true;
    if (this.#mode === "random") return false;
    if (this.#size === 0) return true;
    return this.#mode === "unique" && !this.#wrap && this.#taken === this.#size;
  }
}

/** How many rows holder `share.index` of `share.count` owns out of `total`. */
function partSize(total: number, share: DataShare): number {
  return share.index >= total ? 0 : Math.ceil((total - share.index) / share.count);
}

function checkShare({ index, count }: DataShare): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`share.count must be a positive integer, got ${count}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`share.index must be an integer from 0 to ${count - 1}, got ${index}`);
  }
}
