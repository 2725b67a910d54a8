import { createHistogram, recordMicros } from "../../src/metrics/histogram.ts";
import {
  coarsen,
  DEFAULT_TIMELINE_CAP,
  type IntervalSample,
  mergePoints,
  Timeline,
} from "../../src/metrics/timeline.ts";
import type { TimelinePoint } from "../../src/model/result.ts";
import { assert, assertEquals, assertLessOrEqual } from "../helpers/assert.ts";

function point(overrides: Partial<TimelinePoint>): TimelinePoint {
  return {
    t: 1,
    interval_s: 1,
    users: 1,
    requests: 0,
    rps: 0,
    failures: 0,
    p50_ms: 0,
    p95_ms: 0,
    p99_ms: 0,
    ...overrides,
  };
}

/** A raw interval whose latencies are `latencies_us` (one request each unless `requests` says more). */
function sample(t: number, latencies_us: number[], extra: Partial<IntervalSample> = {}): IntervalSample {
  const histogram = createHistogram();
  for (const us of latencies_us) recordMicros(histogram, us);
  return { t, duration_s: 1, users: 1, requests: latencies_us.length, failures: 0, histogram, ...extra };
}

Deno.test("mergePoints: counts add, rps over the merged interval, request-weighted percentiles", () => {
  const a = point({
    t: 1,
    interval_s: 1,
    users: 2,
    requests: 10,
    rps: 10,
    failures: 1,
    p50_ms: 10,
    p95_ms: 20,
    p99_ms: 30,
  });
  const b = point({
    t: 2,
    interval_s: 1,
    users: 3,
    requests: 30,
    rps: 30,
    failures: 2,
    p50_ms: 20,
    p95_ms: 40,
    p99_ms: 60,
  });
  assertEquals(mergePoints(a, b), {
    t: 2,
    interval_s: 2,
    users: 3,
    requests: 40,
    rps: 20,
    failures: 3,
    p50_ms: 17.5, // (10*10 + 20*30) / 40
    p95_ms: 35, // (20*10 + 40*30) / 40
    p99_ms: 52.5, // (30*10 + 60*30) / 40
  });
});

Deno.test("mergePoints: uneven intervals, rounding, and empty points", () => {
  const a = point({ t: 4, interval_s: 4, requests: 1, p50_ms: 1 });
  const b = point({ t: 7, interval_s: 3, requests: 2, p50_ms: 2 });
  const merged = mergePoints(a, b);
  assertEquals([merged.t, merged.interval_s, merged.requests, merged.rps], [7, 7, 3, 0.43]);
  assertEquals(merged.p50_ms, 1.667); // 5/3 rounded to µs
  // An empty neighbour does not drag the percentiles to zero.
  const withEmpty = mergePoints(point({ t: 1, requests: 0 }), point({ t: 2, requests: 5, p95_ms: 8 }));
  assertEquals([withEmpty.requests, withEmpty.rps, withEmpty.p95_ms], [5, 2.5, 8]);
  // Both empty: zeros, not NaN.
  const bothEmpty = mergePoints(point({ t: 1, p50_ms: 3 }), point({ t: 2, p50_ms: 4 }));
  assertEquals([bothEmpty.rps, bothEmpty.p50_ms, bothEmpty.p95_ms, bothEmpty.p99_ms], [0, 0, 0, 0]);
});

Deno.test("coarsen: merges pairs, an odd last point stays as it is", () => {
  const points = [1, 2, 3, 4, 5].map((t) => point({ t, requests: t, rps: t }));
  const coarse = coarsen(points);
  assertEquals(coarse.map((p) => [p.t, p.interval_s, p.requests]), [[2, 2, 3], [4, 2, 7], [5, 1, 5]]);
  assertEquals(coarse[2], points[4]);
  assertEquals(coarsen(points.slice(0, 4)).length, 2);
  assertEquals(coarsen([]), []);
  assertEquals(coarsen([points[0]!]), [points[0]!]);
});

Deno.test("Timeline: one point per sample while under the cap", () => {
  const timeline = new Timeline(10);
  timeline.add(sample(1, [100, 200, 300, 400], { users: 3, failures: 1 }));
  timeline.add(sample(2, [], { users: 4, duration_s: 0.5 }));
  assertEquals(timeline.points, [
    {
      t: 1,
      interval_s: 1,
      users: 3,
      requests: 4,
      rps: 4,
      failures: 1,
      p50_ms: 0.2,
      p95_ms: 0.4,
      p99_ms: 0.4,
    },
    { t: 2, interval_s: 0.5, users: 4, requests: 0, rps: 0, failures: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0 },
  ]);
  assertEquals(new Timeline().cap, DEFAULT_TIMELINE_CAP);
});

Deno.test("Timeline: cap 10 and 100 one-second samples keep the cap, the totals and the time axis", () => {
  const timeline = new Timeline(10);
  let requests = 0;
  let failures = 0;
  for (let i = 1; i <= 100; i++) {
    // i requests of 1 ms each; every third second has one failure.
    const s = sample(i, new Array(i).fill(1000), { users: i % 7, failures: i % 3 === 0 ? 1 : 0 });
    timeline.add(s);
    requests += s.requests;
    failures += s.failures;
    assertLessOrEqual(timeline.points.length, 10, `after sample ${i}`);
  }
  timeline.flush(100, 2);
  const points = timeline.points;
  assertLessOrEqual(points.length, 10);
  assertEquals(points.reduce((n, p) => n + p.requests, 0), requests);
  assertEquals(requests, 5050);
  assertEquals(points.reduce((n, p) => n + p.failures, 0), failures);
  assertEquals(points.reduce((n, p) => n + p.interval_s, 0), 100);
  // Coarsened at 11, 21, 41 and 81 points: the interval doubled to 16 s. Pairs are merged in place, so
  // the point left over at each halving keeps its shorter interval; the last 3 samples were flushed.
  assertEquals(points.map((p) => p.interval_s), [15, 14, 12, 16, 16, 8, 16, 3]);
  // Each point ends where the next begins: t is the running sum of the intervals.
  let end = 0;
  for (const p of points) {
    end += p.interval_s;
    assertEquals(p.t, end);
    assertEquals(p.rps, Math.round((p.requests / p.interval_s) * 100) / 100, `rps at t=${p.t}`);
    assertEquals([p.p50_ms, p.p95_ms, p.p99_ms], [1, 1, 1], `percentiles at t=${p.t}`);
  }
  assertEquals(points.at(-1)!.requests, 98 + 99 + 100);
  assertEquals(points.at(-1)!.users, 2);
});

Deno.test("Timeline: flush emits the partial interval, and nothing when none is pending", () => {
  const timeline = new Timeline(2);
  timeline.add(sample(1, [100]));
  timeline.add(sample(2, [200]));
  timeline.add(sample(3, [300])); // third point: coarsened to [1-2 (2 s), 3 (1 s)], factor 2
  assertEquals(timeline.points.map((p) => [p.t, p.interval_s, p.requests]), [[2, 2, 2], [3, 1, 1]]);
  timeline.add(sample(4, [400, 500], { failures: 1, users: 9 })); // pending: half of a 2 s point
  assertEquals(timeline.points.length, 2);
  timeline.flush(4.25, 5);
  const last = timeline.points.at(-1)!;
  assertEquals(last, {
    t: 4.25,
    interval_s: 1,
    users: 5,
    requests: 2,
    rps: 2,
    failures: 1,
    p50_ms: 0.4,
    p95_ms: 0.5,
    p99_ms: 0.5,
  });
  const count = timeline.points.length;
  timeline.flush(5, 5);
  assertEquals(timeline.points.length, count);
});

Deno.test("Timeline: a pending interval does not leak latencies into the next point", () => {
  const timeline = new Timeline(10);
  timeline.add(sample(1, [1500]));
  timeline.add(sample(2, [100]));
  const [first, second] = timeline.points;
  assert(first && second);
  assertEquals([first.p99_ms, second.p99_ms], [1.5, 0.1]);
});

Deno.test("the busiest worker's CPU: time-weighted when points merge, left out when it was not measured", () => {
  const a = point({ t: 1, interval_s: 1, cpu_pct: 50, worker_busy_pct: 40 });
  const b = point({ t: 4, interval_s: 3, cpu_pct: 70, worker_busy_pct: 80 });
  assertEquals(mergePoints(a, b).worker_busy_pct, 70);
  assertEquals(mergePoints(a, point({ t: 2, cpu_pct: 60 })).worker_busy_pct, undefined);
  const timeline = new Timeline();
  timeline.add(sample(1, [1000], { cpu_pct: 30, worker_busy_pct: 25 }));
  timeline.add(sample(2, [1000], { cpu_pct: 30 }));
  assertEquals(timeline.points.map((p) => p.worker_busy_pct), [25, undefined]);
});
