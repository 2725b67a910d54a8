/**
 * Segments (distributed runs): `perf run --segment i/n` runs the i-th of n deterministic shares of one
 * plan, so n processes (on one machine or many) together offer exactly the load of a single run, and
 * `perf merge` adds their results back up. A segment is the workers' split one level up:
 * - closed model: user k of the whole plan goes to segment k mod n, keeping its start offset and stage
 *   intervals from the whole plan (so the union of the segments is the plan, user for user);
 * - open model: segment i takes arrivals i, i + n, i + 2n, ... of the whole schedule (the union is the
 *   single-process schedule, instant for instant; each segment offers 1/n of the rate); `max_users`
 *   is split like the workers' pool (the first `max_users mod n` segments get one more);
 * - shared test data: segment i keeps rows i, i + n, ... of every shared `unique`/`sequential` source
 *   (what `DataCursor` does for workers), and its workers split those rows again, so worker w of W in
 *   segment i reads rows i + n·w + n·W·j: disjoint across all segments and workers.
 * `--start-at` gives every segment the same wall-clock instant for offset 0.
 * Pure: the clock is read only by parseStartAt's default `nowMs`.
 *
 * WIRING (for the run command and src/runner/run_scenario.ts):
 * 1. CLI: `segment = flags.segment ? parseSegment(flags.segment) : undefined` and
 *    `startAt = flags.startAt ? parseStartAt(flags.startAt) : undefined` (both throw PerfError, exit 2).
 * 2. After resolveScenario (and after test data is loaded into `scenario.data`):
 *    `if (segment) scenario = segmentScenario(scenario, segment)`. That checks the segment is not empty,
 *    sets `users` to the segment's share (so chooseWorkerCount never starts more workers than users),
 *    keeps only the segment's shared data rows and sets `scenario.segment`. `workload` stays whole.
 * 3. First line of `workerWorkloads(scenario, workers)` in run_scenario.ts:
 *    `if (scenario.segment) return segmentWorkerWorkloads({ ...scenario, segment: scenario.segment },
 *    workers);` (same WorkerWorkload[] shape, so buildWorkerPlans and the workers are unchanged).
 * 4. ScenarioRunner.run: `this.#startEpoch = startAt ?? Date.now() + START_DELAY_MS` (every segment uses
 *    the same instant exactly; a start a few seconds in the past just catches up on what is due).
 * 5. judge: `...(scenario.segment ? { segment: segmentLabel(scenario.segment) } : {})` in run
 *    (RunInfo.segment, "2/3"); for the open model report `rate: peakRate(workload.spans) /
 *    segment.count` (this segment's share of the peak rate; `perf merge` sums the inputs' rates).
 */
import type { ScenarioSegment, Segment } from "./worker_plan.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { parseDuration } from "../model/duration.ts";
import type { LoadedSource } from "../data/load_data.ts";
import type { WorkerWorkload } from "./worker_plan.ts";
import { dealToWorkers, spawnOffsetsMs, type UserInterval, userIntervals } from "./closed_model.ts";
import type { ResolvedScenario, Workload } from "./resolve_scenario.ts";

/** More segments than this is surely a typo. */
const MAX_SEGMENTS = 10_000;

/** A start this far in the past is still accepted (clocks of a fleet drift a little). */
const START_AT_PAST_TOLERANCE_MS = 5_000;

const usage = (message: string, hint?: string) => new PerfError(message, ExitCode.usage, hint);

/**
 * Parses `--segment i/n` (1-based: `1/3`, `2/3`, `3/3`).
 *
 * @example parseSegment("2/3") // { index: 1, count: 3 }
 * @throws {PerfError} exit 2 naming the value, for anything else.
 */
export function parseSegment(text: string): Segment {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const hint = "write --segment i/n with 1 <= i <= n, e.g. --segment 2/3 for the second of three";
  if (!match) throw usage(`Invalid --segment ${JSON.stringify(text)}: expected i/n, e.g. 2/3`, hint);
  const i = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1 || n > MAX_SEGMENTS) {
    throw usage(`Invalid --segment ${JSON.stringify(text)}: n must be from 1 to ${MAX_SEGMENTS}`, hint);
  }
  if (i < 1 || i > n) {
    throw usage(`Invalid --segment ${JSON.stringify(text)}: i must be from 1 to ${n}`, hint);
  }
  return { index: i - 1, count: n };
}

/** `{ index: 1, count: 3 }` -> `2/3`, as typed on the command line (and written to run.segment). */
export function segmentLabel(segment: Segment): string {
  return `${segment.index + 1}/${segment.count}`;
}

/**
 * Parses `--start-at`: an ISO 8601 instant with `Z` or an offset (`2026-05-01T10:00:00Z`,
 * `2026-05-01T12:00:00+02:00`), or `+DURATION` from now (`+30s`, `+2m`). Returns epoch ms. A time
 * without a zone is rejected (each machine would read it in its own zone).
 *
 * @throws {PerfError} exit 2 for a malformed time, or one more than a few seconds in the past.
 */
export function parseStartAt(text: string, nowMs: number = Date.now()): number {
  const value = text.trim();
  const hint = "give a UTC time such as 2026-05-01T10:00:00Z, or +30s to start 30 seconds from now";
  let epochMs: number;
  if (value.startsWith("+")) {
    const delay = parseDuration(value.slice(1));
    if (delay === undefined) throw usage(`Invalid --start-at ${JSON.stringify(text)}: bad duration`, hint);
    epochMs = nowMs + delay;
  } else {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
    if (!iso.test(value)) {
      throw usage(`Invalid --start-at ${JSON.stringify(text)}: expected an ISO 8601 time with Z`, hint);
    }
    epochMs = Date.parse(value);
    if (Number.isNaN(epochMs)) throw usage(`Invalid --start-at ${JSON.stringify(text)}: no such time`, hint);
  }
  if (epochMs < nowMs - START_AT_PAST_TOLERANCE_MS) {
    const ago = Math.round((nowMs - epochMs) / 1000);
    throw usage(
      `Invalid --start-at ${JSON.stringify(text)}: ${
        new Date(epochMs).toISOString()
      } is ${ago} s in the past`,
      "pick a time far enough ahead for every segment to be started before it",
    );
  }
  return epochMs;
}

/** Segment `index` of `count` of a list: items index, index + count, ... (the workers' round-robin). */
function takeShare<T>(items: readonly T[], segment: Segment): T[] {
  return dealToWorkers(items, segment.count)[segment.index]!;
}

/** Splits `total` exactly: the first `total mod count` holders get one more. */
function splitCount(total: number, index: number, count: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0);
}

/**
 * Every user of the whole closed-model plan with when it runs (the same list workerWorkloads deals):
 * the stages' intervals, or one interval per user from the spawn ramp.
 */
export function closedPlanIntervals(
  workload: Workload & { model: "closed" },
  users: number,
  spawnRate: number,
): UserInterval[][] {
  return workload.stages
    ? userIntervals(workload.stages)
    : spawnOffsetsMs(users, spawnRate).map((start_ms) => [{ start_ms, end_ms: null }]);
}

/** A segment's share of the workload, before it is split over the segment's workers. */
export type SegmentShare =
  | { model: "closed"; users: UserInterval[][] }
  | { model: "open"; max_users: number; first: number; step: number };

/** This segment's share of the whole plan (users with their whole-plan timing, or arrivals and pool). */
export function segmentWorkload(
  workload: Workload,
  users: number,
  spawnRate: number,
  segment: Segment,
): SegmentShare {
  if (workload.model === "open") {
    return {
      model: "open",
      max_users: splitCount(workload.max_users, segment.index, segment.count),
      first: segment.index,
      step: segment.count,
    };
  }
  return { model: "closed", users: takeShare(closedPlanIntervals(workload, users, spawnRate), segment) };
}

/** How many users the share runs (closed) or may use (open). */
function shareUsers(share: SegmentShare): number {
  return share.model === "open" ? share.max_users : share.users.length;
}

/**
 * Splits a segment's share over its workers. Open model: worker w of W takes the segment's arrivals
 * w, w + W, ..., i.e. arrivals first + step·w + step·W·j of the whole schedule.
 */
export function shareToWorkers(
  share: SegmentShare,
  workload: Workload,
  workers: number,
  queueTimeoutMs: number,
): WorkerWorkload[] {
  if (share.model === "closed") {
    return dealToWorkers(share.users, workers).map((users) => ({ model: "closed", users }));
  }
  if (workload.model !== "open") throw new Error("an open share needs the open workload");
  return Array.from({ length: workers }, (_, w) => ({
    model: "open",
    spans: workload.spans,
    max_users: splitCount(share.max_users, w, workers),
    first: share.first + share.step * w,
    step: share.step * workers,
    queue_timeout_ms: queueTimeoutMs,
  }));
}

/** What workerWorkloads returns for a segmented scenario: its share, dealt to its `workers`. */
export function segmentWorkerWorkloads(
  scenario: ResolvedScenario & { segment: ScenarioSegment },
  workers: number,
): WorkerWorkload[] {
  const { segment } = scenario;
  const share = segmentWorkload(scenario.workload, segment.whole_users, scenario.spawn_rate, segment);
  const queueTimeout = Math.max(...scenario.requests.map((r) => r.timeout_ms));
  return shareToWorkers(share, scenario.workload, workers, queueTimeout);
}

/**
 * The scenario as one segment runs it: `users` is the segment's share (for chooseWorkerCount, the
 * progress line and run.users), shared test data keeps the segment's rows, `segment` says which share
 * it is; the workload stays whole (workerWorkloads takes the share of it).
 *
 * @throws {PerfError} exit 2 when the segment would get no users (more segments than users).
 */
export function segmentScenario(scenario: ResolvedScenario, segment: Segment): ResolvedScenario {
  if (scenario.segment) throw new Error("the scenario is already a segment");
  if (scenario.search) {
    throw usage(
      `Scenario "${scenario.name}" is a capacity search, which cannot be split with --segment: its steps ` +
        `are chosen as it goes, so no segment knows its share in advance`,
      "run the search from one machine (raise --workers), or use fixed `stress` steps for segments",
    );
  }
  const whole = scenario.users;
  const share = segmentWorkload(scenario.workload, whole, scenario.spawn_rate, segment);
  const users = shareUsers(share);
  if (users === 0) {
    const what = scenario.workload.model === "open" ? "max_users" : "users";
    const total = shareTotal(scenario.workload, whole);
    throw usage(
      `Segment ${segmentLabel(segment)} of scenario "${scenario.name}" would get no users: ` +
        `the plan has ${total} ${what} for ${segment.count} segments`,
      `use at most ${total} segments, or raise ${what}`,
    );
  }
  return {
    ...scenario,
    users,
    ...(scenario.data ? { data: segmentData(scenario.data, segment) } : {}),
    segment: { index: segment.index, count: segment.count, whole_users: whole },
  };
}

/** The plan's users (closed) or pool (open), as segments split them. */
function shareTotal(w: Workload, whole: number): number {
  return w.model === "open" ? w.max_users : w.stages ? userIntervals(w.stages).length : whole;
}

/**
 * A segment's share of the test data. Shared `unique`, `sequential` and `circular` sources keep rows
 * index, index + count, ... (the workers then split those again). A `sequential`/`circular` source with
 * fewer rows than segments keeps every row, starting at row `index mod rows` (as DataCursor does for a
 * worker with an empty part), so it never starves; `random` sources and `user`-scoped ones keep every
 * row (each draws from all rows anyway).
 */
export function segmentData(
  data: Readonly<Record<string, LoadedSource>>,
  segment: Segment,
): Record<string, LoadedSource> {
  return Object.fromEntries(
    Object.entries(data).map(([name, source]) => [name, segmentSource(source, segment)]),
  );
}

function segmentSource(source: LoadedSource, segment: Segment): LoadedSource {
  if (source.scope !== "shared" || source.mode === "random" || segment.count === 1) return source;
  const part = takeShare(source.rows, segment);
  if (part.length > 0 || source.mode === "unique" || source.rows.length === 0) {
    return { ...source, rows: part };
  }
  const start = segment.index % source.rows.length;
  return { ...source, rows: [...source.rows.slice(start), ...source.rows.slice(0, start)] };
}
