/**
 * Segment timelines on one wall-clock axis (`perf merge`). Each input's point covers
 * `[started_at + t - interval_s, started_at + t]`; points go into merged intervals of the coarsest
 * `interval_s` of the inputs, counted from the earliest start, by where their middle falls (so a few ms
 * of skew between segments started with `--start-at` never moves a point). Per merged interval:
 * - requests, failures and dropped starts add up (exact: every input point lands in exactly one);
 * - users add up over the inputs, each input counting its last point in the interval;
 * - rps is the merged requests over the interval;
 * - p50/p95/p99 are the request-weighted means of the points' (the result keeps no histogram per point,
 *   so this is an approximation, exact when one point holds the interval's requests; the run's and
 *   endpoints' percentiles are exact);
 * - the generator figures judge the worst process: CPU is each input's time-weighted mean, then the
 *   highest input's; loop lag and RSS are the highest.
 * Pure.
 */
import { round } from "../model/numbers.ts";
import type { TimelinePoint } from "../model/result.ts";

/** One input's timeline and where its time 0 falls. */
export interface TimedTimeline {
  started_ms: number;
  points: readonly TimelinePoint[];
}

interface Slot {
  /** Points of each input in this interval, in time order. */
  byInput: Map<number, TimelinePoint[]>;
  /** End of the latest point, seconds from the merged start. */
  end: number;
}

/** The coarsest interval of any point (1 s when there are none). */
function coarsestInterval(timelines: readonly TimedTimeline[]): number {
  const all = timelines.flatMap((t) => t.points.map((p) => p.interval_s));
  return all.length ? Math.max(...all) : 1;
}

/** Aligns the inputs' timelines on wall-clock time from `startMs` (the earliest start). */
export function alignTimelines(timelines: readonly TimedTimeline[], startMs: number): TimelinePoint[] {
  const interval = coarsestInterval(timelines);
  const slots = new Map<number, Slot>();
  timelines.forEach((timeline, input) => {
    const offset = (timeline.started_ms - startMs) / 1000;
    for (const p of timeline.points) {
      const end = offset + p.t;
      const index = Math.max(0, Math.floor((end - p.interval_s / 2) / interval));
      let slot = slots.get(index);
      if (!slot) slots.set(index, slot = { byInput: new Map(), end });
      slot.end = Math.max(slot.end, end);
      const list = slot.byInput.get(input) ?? [];
      list.push(p);
      slot.byInput.set(input, list);
    }
  });
  return [...slots.entries()].sort(([a], [b]) => a - b).map(([index, slot]) => {
    const from = index * interval;
    const to = Math.min((index + 1) * interval, Math.max(slot.end, from + 0.001));
    return mergeSlot(slot, round(to, 3), round(to - from, 3));
  });
}

function mergeSlot(slot: Slot, t: number, intervalS: number): TimelinePoint {
  const lists = [...slot.byInput.values()];
  const points = lists.flat();
  const sum = (pick: (p: TimelinePoint) => number) => points.reduce((n, p) => n + pick(p), 0);
  const requests = sum((p) => p.requests);
  const weighted = (pick: (p: TimelinePoint) => number) =>
    requests === 0 ? 0 : round(points.reduce((n, p) => n + pick(p) * p.requests, 0) / requests, 3);
  const hasDropped = points.some((p) => p.dropped !== undefined);
  const rss = points.map((p) => p.rss_mb).filter((v): v is number => v !== undefined);
  return {
    t,
    interval_s: intervalS,
    users: lists.reduce((n, list) => n + list[list.length - 1]!.users, 0),
    requests,
    rps: intervalS > 0 ? round(requests / intervalS, 2) : 0,
    failures: sum((p) => p.failures),
    ...(hasDropped ? { dropped: sum((p) => p.dropped ?? 0) } : {}),
    ...generatorFields(lists),
    ...(rss.length ? { rss_mb: Math.max(...rss) } : {}),
    p50_ms: weighted((p) => p.p50_ms),
    p95_ms: weighted((p) => p.p95_ms),
    p99_ms: weighted((p) => p.p99_ms),
  };
}

/** The busiest input's CPU and busiest worker (each time-weighted over its points), the worst loop lag. */
function generatorFields(
  lists: readonly TimelinePoint[][],
): Pick<TimelinePoint, "cpu_pct" | "loop_lag_ms" | "worker_busy_pct"> {
  const busiest = (key: "cpu_pct" | "worker_busy_pct") => {
    const means = lists.map((list) => {
      const timed = list.filter((p) => p[key] !== undefined);
      const time = timed.reduce((n, p) => n + p.interval_s, 0);
      return time > 0 ? timed.reduce((n, p) => n + p[key]! * p.interval_s, 0) / time : undefined;
    }).filter((v): v is number => v !== undefined);
    return means.length ? round(Math.max(...means), 2) : undefined;
  };
  const cpu = busiest("cpu_pct");
  if (cpu === undefined) return {};
  const lag = Math.max(0, ...lists.flat().map((p) => p.loop_lag_ms ?? 0));
  const worker = busiest("worker_busy_pct");
  return { cpu_pct: cpu, loop_lag_ms: lag, ...(worker !== undefined ? { worker_busy_pct: worker } : {}) };
}
