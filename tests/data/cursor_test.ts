import { assert, assertEquals, assertGreater, assertLess, assertThrows } from "../helpers/assert.ts";
import { DataCursor, type DataMode } from "../../src/data/cursor.ts";
import { seededRandom } from "../../src/plan/weighted.ts";

function rowsOf(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i) }));
}

/** The ids of the next `n` rows, "-" for undefined. */
function take(cursor: DataCursor, n: number): string[] {
  return Array.from({ length: n }, () => cursor.next()?.id ?? "-");
}

const random = seededRandom(1);

Deno.test("sequential and circular go through the rows in order and wrap", () => {
  for (const mode of ["sequential", "circular"] as DataMode[]) {
    const cursor = new DataCursor(rowsOf(3), mode, { random });
    assertEquals(take(cursor, 7), ["0", "1", "2", "0", "1", "2", "0"], mode);
    assertEquals(cursor.exhausted, false, mode);
  }
});

Deno.test("unique hands out each row once, then is exhausted", () => {
  const cursor = new DataCursor(rowsOf(3), "unique", { random });
  assertEquals(cursor.exhausted, false);
  assertEquals(take(cursor, 2), ["0", "1"]);
  assertEquals(cursor.exhausted, false);
  assertEquals(take(cursor, 1), ["2"]);
  assertEquals(cursor.exhausted, true, "exhausted as soon as the last row is out");
  assertEquals(take(cursor, 3), ["-", "-", "-"]);
  assertEquals(cursor.exhausted, true);
});

Deno.test("unique with wrap starts over and is never exhausted", () => {
  const cursor = new DataCursor(rowsOf(3), "unique", { random, wrap: true });
  assertEquals(take(cursor, 7), ["0", "1", "2", "0", "1", "2", "0"]);
  assertEquals(cursor.exhausted, false);
});

Deno.test("share partitions rows: holder i gets i, i+count, ...", () => {
  // deno-fmt-ignore
  const cases: { mode: DataMode; index: number; count: number; n: number; ids: string[] }[] = [
    { mode: "unique", index: 0, count: 3, n: 7, ids: ["0", "3", "6", "-"] },
    { mode: "unique", index: 1, count: 3, n: 7, ids: ["1", "4", "-"] },
    { mode: "unique", index: 2, count: 3, n: 7, ids: ["2", "5", "-"] },
    { mode: "unique", index: 3, count: 4, n: 3, ids: ["-"] }, // more holders than rows: nothing
    { mode: "sequential", index: 1, count: 3, n: 7, ids: ["1", "4", "1", "4"] },
    { mode: "circular", index: 0, count: 3, n: 7, ids: ["0", "3", "6", "0"] },
    { mode: "sequential", index: 3, count: 4, n: 3, ids: ["0", "1", "2", "0"] }, // empty part: all rows
    { mode: "sequential", index: 5, count: 8, n: 3, ids: ["2", "0", "1", "2"] }, // ... from index % rows
  ];
  for (const c of cases) {
    const cursor = new DataCursor(rowsOf(c.n), c.mode, { random, share: { index: c.index, count: c.count } });
    assertEquals(take(cursor, c.ids.length), c.ids, JSON.stringify(c));
  }
});

Deno.test("unique across 3 shares never repeats a row and covers every row", () => {
  for (const n of [0, 1, 2, 3, 10, 100, 1001]) {
    const rows = rowsOf(n);
    const cursors = [0, 1, 2].map((index) =>
      new DataCursor(rows, "unique", { random, share: { index, count: 3 } })
    );
    const seen = new Set<string>();
    // Interleave the holders unevenly, as workers would.
    const pick = seededRandom(n);
    while (!cursors.every((c) => c.exhausted)) {
      const row = cursors[Math.floor(pick() * 3)]!.next();
      if (row === undefined) continue;
      assert(!seen.has(row.id!), `row ${row.id} handed out twice (n=${n})`);
      seen.add(row.id!);
    }
    assertEquals(seen.size, n, `every row handed out once (n=${n})`);
    for (const cursor of cursors) assertEquals(cursor.next(), undefined);
  }
});

Deno.test("unique share with wrap starts over within its own part", () => {
  const cursor = new DataCursor(rowsOf(5), "unique", { random, wrap: true, share: { index: 1, count: 2 } });
  assertEquals(take(cursor, 5), ["1", "3", "1", "3", "1"]);
  const empty = new DataCursor(rowsOf(1), "unique", { random, wrap: true, share: { index: 1, count: 2 } });
  assertEquals(empty.exhausted, true, "an empty part is exhausted even with wrap");
  assertEquals(empty.next(), undefined);
});

Deno.test("random picks uniformly with replacement, reproducibly, ignoring share", () => {
  const rows = rowsOf(4);
  const cursor = new DataCursor(rows, "random", { random: seededRandom(7), share: { index: 3, count: 10 } });
  const counts = new Map<string, number>();
  for (let i = 0; i < 8000; i++) {
    const id = cursor.next()!.id!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  assertEquals([...counts.keys()].sort(), ["0", "1", "2", "3"]);
  for (const count of counts.values()) {
    assertGreater(count, 1800);
    assertLess(count, 2200);
  }
  assertEquals(cursor.exhausted, false);
  const again = new DataCursor(rows, "random", { random: seededRandom(7) });
  const replay = new DataCursor(rows, "random", { random: seededRandom(7) });
  assertEquals(take(again, 20), take(replay, 20));
});

Deno.test("an empty source is exhausted in every mode", () => {
  for (const mode of ["sequential", "random", "unique", "circular"] as DataMode[]) {
    const cursor = new DataCursor([], mode, { random, wrap: true });
    assertEquals(cursor.exhausted, true, mode);
    assertEquals(cursor.next(), undefined, mode);
  }
});

Deno.test("a bad share is a RangeError", () => {
  const cases: [number, number, string][] = [
    [0, 0, "share.count must be a positive integer, got 0"],
    [0, 1.5, "share.count must be a positive integer"],
    [3, 3, "share.index must be an integer from 0 to 2, got 3"],
    [-1, 3, "share.index must be an integer from 0 to 2, got -1"],
  ];
  for (const [index, count, message] of cases) {
    assertThrows(
      () => new DataCursor(rowsOf(3), "unique", { random, share: { index, count } }),
      RangeError,
      message,
    );
  }
});
