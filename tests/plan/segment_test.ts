/**
 * Segments: the union of every segment's users (closed) or arrivals (open), each split again over its
 * workers, is exactly the single-process plan; shared unique data rows are dealt once across segments
 * and workers; bad `--segment` and `--start-at` values are usage errors naming the value.
 */
import { scenarioSchema } from "../../src/model/config.ts";
import { DataCursor } from "../../src/data/cursor.ts";
import type { LoadedSource } from "../../src/data/load_data.ts";
import { ExitCode, PerfError } from "../../src/errors.ts";
import { arrivalTimeMs, constantRate, type RateSpan, rateSpans } from "../../src/plan/arrival_schedule.ts";
import type { UserInterval, UserStage } from "../../src/plan/closed_model.ts";
import { type ResolvedScenario, resolveScenario, type Workload } from "../../src/plan/resolve_scenario.ts";
import {
  closedPlanIntervals,
  parseSegment,
  parseStartAt,
  segmentData,
  segmentLabel,
  segmentScenario,
  segmentWorkerWorkloads,
  segmentWorkload,
  shareToWorkers,
} from "../../src/plan/segment.ts";
import { type Segment } from "../../src/plan/worker_plan.ts";
import { workerWorkloads } from "../../src/runner/run_scenario.ts";
import type { WorkerWorkload } from "../../src/plan/worker_plan.ts";
import { assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";

const segmentsOf = (n: number): Segment[] => Array.from({ length: n }, (_, index) => ({ index, count: n }));

Deno.test("parseSegment: 1-based i/n to a 0-based index", () => {
  const cases: [string, Segment][] = [
    ["1/1", { index: 0, count: 1 }],
    ["1/3", { index: 0, count: 3 }],
    ["2/3", { index: 1, count: 3 }],
    ["3/3", { index: 2, count: 3 }],
    [" 7 / 10 ", { index: 6, count: 10 }],
  ];
  for (const [text, expected] of cases) {
    assertEquals(parseSegment(text), expected, text);
    assertEquals(segmentLabel(expected), text.replace(/\s/g, ""));
  }
});

Deno.test("parseSegment: bad specs are usage errors naming the value", () => {
  const cases: [string, RegExp][] = [
    ["", /expected i\/n/],
    ["2", /expected i\/n/],
    ["2/", /expected i\/n/],
    ["a/3", /expected i\/n/],
    ["-1/3", /expected i\/n/],
    ["1.5/3", /expected i\/n/],
    ["2/3/4", /expected i\/n/],
    ["0/3", /"0\/3": i must be from 1 to 3/],
    ["4/3", /"4\/3": i must be from 1 to 3/],
    ["1/0", /"1\/0": n must be from 1 to/],
    ["1/100000", /n must be from 1 to 10000/],
  ];
  for (const [text, message] of cases) {
    const error = assertThrows(() => parseSegment(text), PerfError);
    assertEquals(error.exitCode, ExitCode.usage, text);
    assertMatch(error.message, message, text);
    assertMatch(error.hint ?? "", /--segment 2\/3/);
  }
});

Deno.test("parseStartAt: ISO 8601 with a zone, or +duration from now", () => {
  const now = Date.parse("2026-05-01T10:00:00Z");
  const cases: [string, string][] = [
    ["2026-05-01T10:00:30Z", "2026-05-01T10:00:30.000Z"],
    ["2026-05-01T10:01Z", "2026-05-01T10:01:00.000Z"],
    ["2026-05-01T10:00:30.250Z", "2026-05-01T10:00:30.250Z"],
    ["2026-05-01T12:00:30+02:00", "2026-05-01T10:00:30.000Z"],
    ["+30s", "2026-05-01T10:00:30.000Z"],
    ["+1m30s", "2026-05-01T10:01:30.000Z"],
    ["+0s", "2026-05-01T10:00:00.000Z"],
    // A few seconds in the past is tolerated (clocks drift): the run catches up at once.
    ["2026-05-01T09:59:57Z", "2026-05-01T09:59:57.000Z"],
  ];
  for (const [text, expected] of cases) {
    assertEquals(new Date(parseStartAt(text, now)).toISOString(), expected, text);
  }
});

Deno.test("parseStartAt: malformed, zone-less or past times are usage errors", () => {
  const now = Date.parse("2026-05-01T10:00:00Z");
  const cases: [string, RegExp][] = [
    ["soon", /expected an ISO 8601 time with Z/],
    ["2026-05-01T10:00:30", /expected an ISO 8601 time with Z/],
    ["2026-05-01", /expected an ISO 8601 time with Z/],
    ["2026-13-45T10:00:00Z", /no such time/],
    ["+soon", /bad duration/],
    ["2026-05-01T09:59:00Z", /is 60 s in the past/],
    ["2025-05-01T10:00:00Z", /in the past/],
  ];
  for (const [text, message] of cases) {
    const error = assertThrows(() => parseStartAt(text, now), PerfError);
    assertEquals(error.exitCode, ExitCode.usage, text);
    assertMatch(error.message, message, text);
  }
});

/** Every user interval the workers of every segment run, as sortable keys. */
function closedUnion(workload: Workload, users: number, spawnRate: number, n: number, workers: number) {
  return segmentsOf(n).flatMap((segment) => {
    const share = segmentWorkload(workload, users, spawnRate, segment);
    return shareToWorkers(share, workload, workers, 1000).flatMap((w) => w.model === "closed" ? w.users : []);
  });
}

const key = (user: UserInterval[]) => user.map((i) => `${i.start_ms}-${i.end_ms}`).join(",");
const sortedKeys = (users: UserInterval[][]) => users.map(key).sort();

Deno.test("segmentWorkload: closed model, the segments' users are the whole plan, user for user", () => {
  const ramp: UserStage[] = [
    { duration_ms: 10_000, users: 7 },
    { duration_ms: 5_000, users: 7 },
    { duration_ms: 10_000, users: 2 },
    { duration_ms: 5_000, users: 11 },
  ];
  const cases: [name: string, workload: Workload, users: number, spawnRate: number][] = [
    ["plain 10 users at 2/s", { model: "closed" }, 10, 2],
    ["plain 1 user", { model: "closed" }, 1, 1],
    ["plain 100 users at 7/s", { model: "closed" }, 100, 7],
    ["stages up, hold, down, up", { model: "closed", stages: ramp }, 11, 11],
    ["one stage", { model: "closed", stages: [{ duration_ms: 3000, users: 5 }] }, 5, 5],
  ];
  for (const [name, workload, users, spawnRate] of cases) {
    const whole = closedPlanIntervals(workload as Workload & { model: "closed" }, users, spawnRate);
    for (const n of [1, 2, 3, 4, 7]) {
      for (const workers of [1, 2, 3]) {
        const union = closedUnion(workload, users, spawnRate, n, workers);
        assertEquals(sortedKeys(union), sortedKeys(whole), `${name}, ${n} segments, ${workers} workers`);
      }
      // User k goes to segment k mod n, keeping its whole-plan timing.
      for (const segment of segmentsOf(n)) {
        const share = segmentWorkload(workload, users, spawnRate, segment);
        const expected = whole.filter((_, k) => k % n === segment.index);
        assertEquals(
          share.model === "closed" ? share.users : [],
          expected,
          `${name}, ${segmentLabel(segment)}`,
        );
      }
    }
  }
});

/** Every arrival index (and its instant) the workers of every segment take, in order. */
function openUnion(workload: Workload & { model: "open" }, n: number, workers: number): number[] {
  const taken: number[] = [];
  for (const segment of segmentsOf(n)) {
    const share = segmentWorkload(workload, workload.max_users, 1, segment);
    for (const w of shareToWorkers(share, workload, workers, 1000)) taken.push(...arrivalsOf(w));
  }
  return taken.sort((a, b) => a - b);
}

function arrivalsOf(w: WorkerWorkload): number[] {
  if (w.model !== "open") throw new Error("expected an open workload");
  const out: number[] = [];
  for (let k = w.first; arrivalTimeMs(w.spans, k) !== undefined; k += w.step) out.push(k);
  return out;
}

function allArrivals(segments: RateSpan[]): number[] {
  const out: number[] = [];
  for (let k = 0; arrivalTimeMs(segments, k) !== undefined; k++) out.push(k);
  return out;
}

Deno.test("segmentWorkload: open model, the segments' arrivals are the whole schedule, instant for instant", () => {
  const cases: [name: string, segments: RateSpan[], maxUsers: number][] = [
    ["constant 50/s for 2 s", constantRate(50, 2000), 20],
    ["constant 7/s for 3 s", constantRate(7, 3000), 5],
    [
      "ramp 0 -> 40/s -> 10/s",
      rateSpans([{ duration_ms: 2000, rate: 40 }, { duration_ms: 1000, rate: 10 }]),
      9,
    ],
    [
      "hold then ramp",
      rateSpans([{ duration_ms: 1000, rate: 20 }, { duration_ms: 2000, rate: 60 }], 20),
      100,
    ],
  ];
  for (const [name, spans, max_users] of cases) {
    const workload = { model: "open" as const, spans, max_users };
    const whole = allArrivals(spans);
    for (const n of [1, 2, 3, 5]) {
      for (const workers of [1, 2, 4]) {
        const union = openUnion(workload, n, workers);
        assertEquals(union, whole, `${name}, ${n} segments, ${workers} workers`);
      }
      // The pool is split exactly, the first (max_users mod n) segments one more.
      const pools = segmentsOf(n).map((s) => {
        const share = segmentWorkload(workload, max_users, 1, s);
        return share.model === "open" ? share.max_users : -1;
      });
      assertEquals(pools.reduce((a, b) => a + b, 0), max_users, `${name}, pool over ${n}`);
      assertEquals(Math.max(...pools) - Math.min(...pools) <= 1, true);
    }
  }
});

Deno.test("segmentWorkload: segment i of n takes arrivals i, i+n, ... of the whole schedule", () => {
  const workload = { model: "open" as const, spans: constantRate(10, 1000), max_users: 6 };
  const share = segmentWorkload(workload, 6, 1, { index: 1, count: 3 });
  assertEquals(share, { model: "open", max_users: 2, first: 1, step: 3 });
  const workers = shareToWorkers(share, workload, 2, 500);
  assertEquals(workers.map(arrivalsOf), [[1, 7], [4]]);
  assertEquals(workers.map((w) => w.model === "open" ? w.max_users : 0), [1, 1]);
});

function resolved(config: Record<string, unknown>): ResolvedScenario {
  return resolveScenario("seg", scenarioSchema.parse(config), "http://127.0.0.1:1", {});
}

Deno.test("segmentScenario: users is the segment's share, the workload stays whole", () => {
  const scenario = resolved({ users: 10, spawn_rate: 5, run_time: "10s" });
  const shares = segmentsOf(3).map((s) => segmentScenario(scenario, s));
  assertEquals(shares.map((s) => s.users), [4, 3, 3]);
  assertEquals(
    shares.map((s) => s.segment),
    [0, 1, 2].map((index) => ({ index, count: 3, whole_users: 10 })),
  );
  assertEquals(shares[0]!.workload, scenario.workload);
  // Offsets are those of the whole ramp: segment 2/3 runs users 1, 4, 7 (200 ms apart at 5/s).
  const workers = segmentWorkerWorkloads({ ...shares[1]!, segment: shares[1]!.segment! }, 2);
  const starts = workers.flatMap((w) => w.model === "closed" ? w.users.map((u) => u[0]!.start_ms) : []);
  assertEquals(starts.sort((a, b) => a - b), [200, 800, 1400]);
});

Deno.test("segmentScenario: a segment without users is a usage error", () => {
  const cases: [Record<string, unknown>, Segment, RegExp][] = [
    [
      { users: 2 },
      { index: 2, count: 3 },
      /Segment 3\/3 of scenario "seg" would get no users: the plan has 2 users/,
    ],
    [{ rate: 10, max_users: 1 }, { index: 1, count: 2 }, /the plan has 1 max_users for 2 segments/],
  ];
  for (const [config, segment, message] of cases) {
    const error = assertThrows(() => segmentScenario(resolved(config), segment), PerfError);
    assertEquals(error.exitCode, ExitCode.usage);
    assertMatch(error.message, message);
  }
});

function source(mode: LoadedSource["mode"], rows: number, scope: "shared" | "user" = "shared"): LoadedSource {
  const list = Array.from({ length: rows }, (_, i) => ({ id: String(i) }));
  return { name: "d", file: "d.csv", mode, scope, onExhausted: "stop", rows: list };
}

Deno.test("segmentData: unique rows are dealt once across every segment and worker", () => {
  for (const [rows, n, workers] of [[10, 3, 2], [7, 2, 3], [5, 5, 1], [4, 3, 4], [100, 4, 3]]) {
    const seen: string[] = [];
    for (const segment of segmentsOf(n!)) {
      const data = segmentData({ d: source("unique", rows!) }, segment);
      for (let w = 0; w < workers!; w++) {
        const cursor = new DataCursor(data.d!.rows, "unique", {
          random: Math.random,
          share: { index: w, count: workers! },
        });
        for (let row = cursor.next(); row; row = cursor.next()) seen.push(row.id!);
      }
    }
    const all = Array.from({ length: rows! }, (_, i) => String(i));
    assertEquals(seen.sort(), all.sort(), `${rows} rows, ${n} segments, ${workers} workers`);
  }
});

Deno.test("segmentData: segment i keeps rows i, i+n, ...; other sources keep what they need", () => {
  const second = { index: 1, count: 3 };
  const ids = (s: LoadedSource) => s.rows.map((r) => r.id);
  assertEquals(ids(segmentData({ d: source("unique", 8) }, second).d!), ["1", "4", "7"]);
  assertEquals(ids(segmentData({ d: source("sequential", 8) }, second).d!), ["1", "4", "7"]);
  // Fewer rows than segments: a sequential source keeps all rows (rotated), a unique one gets none.
  assertEquals(ids(segmentData({ d: source("circular", 2) }, { index: 2, count: 3 }).d!), ["0", "1"]);
  assertEquals(ids(segmentData({ d: source("sequential", 3) }, { index: 4, count: 5 }).d!), ["1", "2", "0"]);
  assertEquals(ids(segmentData({ d: source("unique", 2) }, { index: 2, count: 3 }).d!), []);
  // Random and per-user sources draw from every row in each segment.
  assertEquals(segmentData({ d: source("random", 8) }, second).d!.rows.length, 8);
  assertEquals(segmentData({ d: source("unique", 8, "user") }, second).d!.rows.length, 8);
});

Deno.test("closedPlanIntervals: the same users the single-process runner deals to its workers", () => {
  const configs: Record<string, unknown>[] = [
    { users: 9, spawn_rate: 4 },
    { stages: [{ duration: "2s", users: 6 }, { duration: "1s", users: 2 }, { duration: "2s", users: 8 }] },
  ];
  for (const config of configs) {
    const scenario = resolved(config);
    const single = workerWorkloads(scenario, 3).flatMap((w) => w.model === "closed" ? w.users : []);
    const whole = closedPlanIntervals(
      scenario.workload as Workload & { model: "closed" },
      scenario.users,
      scenario.spawn_rate,
    );
    assertEquals(sortedKeys(single), sortedKeys(whole), JSON.stringify(config));
    const segmented = segmentsOf(3).flatMap((s) => {
      const share = segmentScenario(scenario, s);
      return segmentWorkerWorkloads({ ...share, segment: share.segment! }, 2);
    });
    const union = segmented.flatMap((w) => w.model === "closed" ? w.users : []);
    assertEquals(sortedKeys(union), sortedKeys(single), JSON.stringify(config));
  }
});

Deno.test("a capacity search cannot be split with --segment: a usage error (exit 2) that says why", () => {
  const parsed = scenarioSchema.parse({ stress: { search: {} }, tasks: [{ path: "/" }] });
  const scenario = resolveScenario("stress", parsed, "http://127.0.0.1:1", {});
  const error = assertThrows(() => segmentScenario(scenario, { index: 0, count: 2 }), PerfError);
  assertEquals(error.exitCode, ExitCode.usage);
  assertMatch(error.message, /capacity search, which cannot be split with --segment/);
});
