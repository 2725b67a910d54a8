/**
 * Test data inside a worker: `{{ users.email }}` reads the current row of source `users`. A user draws
 * one row per source per iteration, the first time the iteration reads it. `shared` sources are split
 * across workers (so `unique` rows are never used twice in the run); `user` sources give every user its
 * own cursor over all rows.
 */
import { DataCursor } from "../data/cursor.ts";
import type { LoadedSource } from "../data/load_data.ts";

/** A `unique` source ran out (and does not wrap): the run ends cleanly. */
export class DataExhausted extends Error {
  constructor(readonly source: string) {
    super(`test data "${source}" is used up`);
  }
}

function cursorFor(source: LoadedSource, random: () => number, share?: { index: number; count: number }) {
  return new DataCursor(source.rows, source.mode, { random, share, wrap: source.onExhausted === "wrap" });
}

export class WorkerData {
  readonly #shared = new Map<string, DataCursor>();

  constructor(
    readonly sources: Readonly<Record<string, LoadedSource>>,
    worker: number,
    workers: number,
    random: () => number,
  ) {
    for (const source of Object.values(sources)) {
      if (source.scope === "shared") {
        this.#shared.set(source.name, cursorFor(source, random, { index: worker, count: workers }));
      }
    }
  }

  get isEmpty(): boolean {
    return Object.keys(this.sources).length === 0;
  }

  forUser(random: () => number): UserData {
    return new UserData(this, random);
  }

  /** The cursor a user draws from: the worker's for shared sources, its own for `user` ones. */
  cursor(name: string, own: Map<string, DataCursor>, random: () => number): DataCursor | undefined {
    const source = this.sources[name];
    if (!source) return undefined;
    if (source.scope === "shared") return this.#shared.get(name);
    let cursor = own.get(name);
    if (!cursor) own.set(name, cursor = cursorFor(source, random));
    return cursor;
  }
}

export class UserData {
  readonly #rows = new Map<string, Record<string, string>>();
  readonly #own = new Map<string, DataCursor>();

  constructor(readonly worker: WorkerData, readonly random: () => number) {}

  /** A new iteration draws new rows. */
  newIteration(): void {
    this.#rows.clear();
  }

  /** This iteration's whole row of `source` (drawn on first use); throws when `source` is unknown. */
  row(source: string): Record<string, string> {
    let row = this.#rows.get(source);
    if (!row) {
      const cursor = this.worker.cursor(source, this.#own, this.random);
      if (!cursor) throw new Error(`no test_data source "${source}"`);
      row = cursor.next();
      if (!row) throw new DataExhausted(source);
      this.#rows.set(source, row);
    }
    return row;
  }

  /** `source.field` → the field of this iteration's row; undefined when `source` is not a data source. */
  lookup(name: string): string | undefined {
    const dot = name.indexOf(".");
    if (dot < 0) return undefined;
    const source = name.slice(0, dot);
    let row = this.#rows.get(source);
    if (!row) {
      const cursor = this.worker.cursor(source, this.#own, this.random);
      if (!cursor) return undefined;
      row = cursor.next();
      if (!row) throw new DataExhausted(source);
      this.#rows.set(source, row);
    }
    return row[name.slice(dot + 1)];
  }
}
