import {
  chooseWorkerCount,
  dealToWorkers,
  spawnOffsetsMs,
  stagesLengthMs,
  userIntervals,
} from "../../src/plan/closed_model.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("spawnOffsetsMs: 10 users at 2/s start every 500 ms from 0", () => {
  assertEquals(spawnOffsetsMs(10, 2), [0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500]);
});

Deno.test("spawnOffsetsMs: schedules for various users and rates", () => {
  const cases: [users: number, rate: number, expected: number[]][] = [
    [1, 1, [0]],
    [0, 5, []],
    [4, 1, [0, 1000, 2000, 3000]],
    // Rate larger than users: everyone starts within the first second.
    [3, 10, [0, 100, 200]],
    [5, 100, [0, 10, 20, 30, 40]],
    // Fractional gaps are rounded to whole milliseconds.
    [4, 3, [0, 333, 667, 1000]],
    // Slower than one a second.
    [3, 0.5, [0, 2000, 4000]],
  ];
  for (const [users, rate, expected] of cases) {
    assertEquals(spawnOffsetsMs(users, rate), expected, `${users} users at ${rate}/s`);
  }
});

Deno.test("spawnOffsetsMs: the last of 1000 users at 1000/s starts at 999 ms", () => {
  const offsets = spawnOffsetsMs(1000, 1000);
  assertEquals(offsets.length, 1000);
  assertEquals(offsets[999], 999);
  assertEquals(offsets.every((ms, i) => ms === i), true);
});

Deno.test("dealToWorkers: round-robin so every worker ramps at the same pace", () => {
  const cases: [items: number[], workers: number, expected: number[][]][] = [
    [[0, 1, 2, 3, 4, 5], 3, [[0, 3], [1, 4], [2, 5]]],
    // Uneven split: the first workers get one more.
    [[0, 1, 2, 3, 4], 2, [[0, 2, 4], [1, 3]]],
    [[0, 1, 2, 3, 4, 5, 6], 3, [[0, 3, 6], [1, 4], [2, 5]]],
    // More workers than items: the rest stay empty.
    [[10, 20], 4, [[10], [20], [], []]],
    [[], 2, [[], []]],
    [[7, 8, 9], 1, [[7, 8, 9]]],
  ];
  for (const [items, workers, expected] of cases) {
    assertEquals(dealToWorkers(items, workers), expected, `${items.length} items over ${workers} workers`);
  }
});

Deno.test("dealToWorkers: keeps every item exactly once, in order per worker", () => {
  const items = spawnOffsetsMs(101, 10);
  const shares = dealToWorkers(items, 8);
  assertEquals(shares.length, 8);
  assertEquals(shares.map((s) => s.length), [13, 13, 13, 13, 13, 12, 12, 12]);
  assertEquals(shares.flat().sort((a, b) => a - b), items);
  for (const share of shares) assertEquals(share, [...share].sort((a, b) => a - b));
});

Deno.test("chooseWorkerCount: about one per core, never more than users, at least one", () => {
  const cases: [requested: number | undefined, users: number, cores: number, expected: number][] = [
    [undefined, 100, 8, 8],
    [undefined, 3, 8, 3],
    [undefined, 1, 16, 1],
    [16, 100, 8, 16],
    [4, 2, 8, 2],
    [2, 100, 8, 2],
    [undefined, 10, 0, 1],
    [0, 10, 8, 1],
  ];
  for (const [requested, users, cores, expected] of cases) {
    assertEquals(
      chooseWorkerCount(requested, users, cores),
      expected,
      `requested ${requested}, ${users} users, ${cores} cores`,
    );
  }
});

Deno.test("userIntervals: a ramp up, a hold and a ramp down", () => {
  const intervals = userIntervals([
    { duration_ms: 4000, users: 4 },
    { duration_ms: 2000, users: 4 },
    { duration_ms: 2000, users: 2 },
  ]);
  assertEquals(intervals, [
    [{ start_ms: 0, end_ms: 8000 }],
    [{ start_ms: 1000, end_ms: 8000 }],
    // Down from 4 to 2 over 6-8 s: user 3 stops when the target reaches 3 (7 s), user 2 at 2 (8 s).
    [{ start_ms: 2000, end_ms: 8000 }],
    [{ start_ms: 3000, end_ms: 7000 }],
  ]);
});

Deno.test("userIntervals: a user stopped on the way down starts again on the next way up", () => {
  const intervals = userIntervals([
    { duration_ms: 1000, users: 2 },
    { duration_ms: 1000, users: 1 },
    { duration_ms: 1000, users: 2 },
  ]);
  assertEquals(intervals[1], [{ start_ms: 500, end_ms: 2000 }, { start_ms: 2000, end_ms: 3000 }]);
  assertEquals(intervals[0], [{ start_ms: 0, end_ms: 3000 }]);
  assertEquals(stagesLengthMs([{ duration_ms: 1000 }, { duration_ms: 2500 }]), 3500);
});
