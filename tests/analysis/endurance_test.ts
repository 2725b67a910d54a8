import { analyzeEndurance, defaultPeriod, errorPeriods } from "../../src/analysis/endurance.ts";
import { judgeDrift, toMegabytes } from "../../src/analysis/endurance_drift.ts";
import type { MonitorSeries } from "../../src/analysis/series.ts";
import { assert, assertAlmostEquals, assertEquals, assertMatch } from "../helpers/assert.ts";
import { enduranceTimeline, gaussian, point } from "./synthetic.ts";

/** A monitor sampled every `every_s` seconds: `value(minute)` plus Gaussian noise of `sigma`. */
function monitor(
  name: string,
  unit: string,
  opts: { minutes: number; every_s?: number; seed: number; sigma: number; value: (minute: number) => number },
): MonitorSeries {
  const n = gaussian(opts.seed);
  const every = opts.every_s ?? 10;
  const points = [];
  for (let t = 0; t <= opts.minutes * 60; t += every) {
    points.push({ t, value: opts.value(t / 60) + opts.sigma * n() });
  }
  return { name, unit, points };
}

const drift = (a: ReturnType<typeof analyzeEndurance>, series: string) =>
  a.drift.find((d) => d.series === series)!;

Deno.test("p95 rising 2 ms/min from 50 ms over 2 h: ~120 ms/h, fails at 10%/h", () => {
  for (const seed of [1, 2, 3]) {
    const timeline = enduranceTimeline({ minutes: 120, seed, p95: (m) => 50 + 2 * m });
    const a = analyzeEndurance(timeline, [], { tolerance_pct_per_hour: 10 });
    const p95 = drift(a, "p95_ms");
    assertAlmostEquals(p95.slope_per_hour, 120, 12);
    assertAlmostEquals(p95.start, 50, 5);
    assertAlmostEquals(p95.end, 290, 15);
    assertEquals([p95.verdict, p95.fails], ["rising", true]);
    assertEquals(drift(a, "rps").fails, false);
    assertEquals(a.verdict.ok, false);
    assertMatch(
      a.verdict.reasons[0]!,
      /^p95_ms rising 1\d\d(\.\d)? ms\/h \(\+2\d\d(\.\d)?%\/h from \d\d(\.\d+)? ms, tolerance 10%\/h\)$/,
    );
  }
});

Deno.test("memory +5 MB/min: ~300 MB/h whatever the sampled unit", () => {
  const mb = monitor("rss", "MB", { minutes: 120, seed: 4, sigma: 20, value: (m) => 400 + 5 * m });
  const bytes = {
    ...mb,
    name: "rss_bytes",
    unit: "bytes",
    points: mb.points.map((p) => ({ ...p, value: p.value * 2 ** 20 })),
  };
  const timeline = enduranceTimeline({ minutes: 120, seed: 4, p95: () => 50 });
  const a = analyzeEndurance(timeline, [mb, bytes]);
  for (const name of ["rss", "rss_bytes"]) {
    const d = drift(a, name);
    assertEquals(d.unit, "MB");
    assertAlmostEquals(d.slope_per_hour, 300, 30);
    assertEquals([d.verdict, d.fails], ["rising", true]);
  }
  assertEquals(drift(a, "p95_ms").verdict, "stable");
  assertEquals(a.verdict.reasons.length, 2);
});

Deno.test("a flat, noisy server shows no drift (several seeds, long and short runs)", () => {
  for (let seed = 1; seed <= 12; seed++) {
    for (const minutes of [10, 120]) {
      const timeline = enduranceTimeline({
        minutes,
        seed,
        noise: 0.2,
        p95: () => 50,
        errorRate: () => 0.002,
      });
      // Memory with a garbage-collection sawtooth (+40 MB over 5 min, then back) and sampling noise.
      const rss = monitor("rss", "MB", { minutes, seed, sigma: 5, value: (m) => 300 + 8 * (m % 5) });
      const pool = monitor("db_pool_in_use", "connections", {
        minutes,
        seed: seed + 100,
        sigma: 2,
        value: () => 10,
      });
      const a = analyzeEndurance(timeline, [rss, pool]);
      for (const d of a.drift) {
        assertEquals(d.verdict, "stable", `seed ${seed}, ${minutes} min, ${d.series}: ${Deno.inspect(d)}`);
      }
      assert(a.verdict.ok, a.verdict.reasons.join("; "));
      assertMatch(
        a.verdict.summary,
        /^No drift beyond tolerance in p95_ms, rps, error_rate, rss, db_pool_in_use/,
      );
    }
  }
});

Deno.test("a slow drift below the tolerance passes; the tolerance is per series", () => {
  const timeline = enduranceTimeline({ minutes: 120, seed: 9, noise: 0.02, p95: (m) => 100 + (5 / 60) * m });
  const a = analyzeEndurance(timeline); // +5 ms/h on 100 ms: significant but 5%/h
  assertEquals(drift(a, "p95_ms").verdict, "stable");
  const strict = analyzeEndurance(timeline, [], { series_tolerance_pct_per_hour: { p95_ms: 2 } });
  assertEquals(drift(strict, "p95_ms").verdict, "rising");
  assertEquals(strict.verdict.ok, false);
});

Deno.test("falling throughput fails, falling latency does not", () => {
  const timeline = enduranceTimeline({ minutes: 60, seed: 5, p95: (m) => 200 - 2 * m })
    .map((p, i) => ({ ...p, rps: 300 - i * 0.5 }));
  const a = analyzeEndurance(timeline);
  assertEquals([drift(a, "p95_ms").verdict, drift(a, "p95_ms").fails], ["falling", false]);
  assertEquals([drift(a, "rps").verdict, drift(a, "rps").fails], ["falling", true]);
});

Deno.test("error rate per period, and a rise from zero judged against 1%", () => {
  const timeline = enduranceTimeline({
    minutes: 120,
    seed: 6,
    p95: () => 50,
    errorRate: (m) => (m < 60 ? 0 : 0.01),
  });
  const a = analyzeEndurance(timeline);
  assertEquals(a.periods.length, 10); // 2 h / 10 = 12 min periods
  assertEquals(a.periods.map((p) => p.end_s - p.start_s), Array(10).fill(720));
  for (const p of a.periods.slice(0, 5)) assertEquals(p.error_rate, 0);
  for (const p of a.periods.slice(5)) assertAlmostEquals(p.error_rate, 0.01, 0.001);
  assertAlmostEquals(a.periods[0]!.p95_ms!, 50, 2);
  const e = drift(a, "error_rate");
  assertEquals([e.verdict, e.fails], ["rising", true]);
  assertEquals(analyzeEndurance(timeline, [], { period_s: 3600 }).periods.length, 2);
});

Deno.test("default period: a tenth of the run in whole minutes, between 1 min and 1 h", () => {
  assertEquals([defaultPeriod(300), defaultPeriod(600), defaultPeriod(7200), defaultPeriod(86400)], [
    60,
    60,
    720,
    3600,
  ]);
  assertEquals(defaultPeriod(5820), 540);
});

Deno.test("intervals with no answers or missing p95 do not bend the latency fit", () => {
  const timeline = enduranceTimeline({ minutes: 60, seed: 8, noise: 0.05, p95: () => 50 }).map((p, i) =>
    i % 4 === 0
      ? { ...p, requests: 0, failures: 0, rps: 0, p95_ms: 0 }
      : i % 7 === 0
      ? { ...p, p95_ms: NaN }
      : p
  );
  const gaps = timeline.filter((_, i) => i % 3 !== 0); // and missing intervals
  const a = analyzeEndurance(gaps);
  const p95 = drift(a, "p95_ms");
  assertEquals(p95.verdict, "stable");
  assertAlmostEquals(p95.start, 50, 2);
  assertAlmostEquals(a.consistency.per_minute_p95.p50, 50, 2);
  assertEquals(a.consistency.verdict, "consistent");
});

Deno.test("warm-up is left out", () => {
  // A cold start (500 ms for the first 5 min) would read as a steep falling drift if analysed.
  const timeline = enduranceTimeline({ minutes: 60, seed: 3, noise: 0.05, p95: (m) => (m < 5 ? 500 : 50) });
  const a = analyzeEndurance(timeline, [], { warmup_s: 300 });
  assertEquals(a.window.start_s, 300);
  assertAlmostEquals(drift(a, "p95_ms").start, 50, 2);
  assertEquals(a.consistency.per_minute_p95.max < 60, true);
});

Deno.test("fewer than 2 points, an empty run, an empty monitor", () => {
  const one = analyzeEndurance([point(5, { requests: 100, p95_ms: 40, interval_s: 5 })], [
    { name: "rss", unit: "MB", points: [] },
  ]);
  assertEquals(drift(one, "p95_ms").n, 1);
  assertEquals(drift(one, "p95_ms").start, 40);
  assertMatch(drift(one, "p95_ms").note!, /too few points/);
  assert(Number.isNaN(drift(one, "rss").start));
  assert(one.verdict.ok);
  assertMatch(one.verdict.summary, /Not enough timeline to judge drift \(1 interval\)/);
  const none = analyzeEndurance([]);
  assertEquals(none.periods, []);
  assertEquals(none.consistency.verdict, "no data");
  assertEquals(none.drift.map((d) => d.n), [0, 0, 0]);
});

Deno.test("consistency: spread of per-minute p95 and an optional cv limit", () => {
  const spiky = enduranceTimeline({
    minutes: 30,
    seed: 2,
    noise: 0.05,
    p95: (m) => (Math.floor(m) % 2 ? 200 : 50),
  });
  const a = analyzeEndurance(spiky, [], { max_cv: 0.5 });
  assertAlmostEquals(a.consistency.per_minute_p95.min, 50, 3);
  assertAlmostEquals(a.consistency.per_minute_p95.max, 200, 10);
  assertAlmostEquals(a.consistency.cv, 0.6, 0.05); // sd 75 / mean 125
  assertEquals(a.consistency.verdict, "erratic");
  assertEquals(a.verdict.ok, false);
  assertMatch(a.verdict.reasons[0]!, /per-minute p95 varies too much: cv 0\.\d+ > 0\.5/);
});

Deno.test("judgeDrift: two points are never significant; a series at 0 has no relative drift", () => {
  const two = judgeDrift({
    series: "x",
    unit: "u",
    bad: "rising",
    points: [{ x: 0, y: 1 }, { x: 1, y: 100 }],
  }, 10);
  assertEquals([two.verdict, two.slope_per_hour, two.slope_se], ["stable", 99, Infinity]);
  const zero = judgeDrift({
    series: "z",
    unit: "u",
    bad: "rising",
    points: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 0 }],
  }, 10);
  assertEquals([zero.verdict, zero.slope_pct_per_hour], ["stable", undefined]);
  assertEquals(toMegabytes("KiB"), { unit: "MB", factor: 1 / 1024 });
  assertEquals(toMegabytes("connections"), { unit: "connections", factor: 1 });
  assertEquals(errorPeriods([], { start_s: 0, end_s: 0 }, 60), []);
});

Deno.test("a short run with 1 s intervals still measures a per-minute latency growth within 10%", () => {
  // The shape of an acceptance test: 3 minutes against a server adding 5 ms per minute to 20 ms.
  for (const seed of [1, 2, 3]) {
    const timeline = enduranceTimeline({
      minutes: 3,
      interval_s: 1,
      seed,
      noise: 0.1,
      p95: (m) => 20 + 5 * m,
    });
    const p95 = drift(analyzeEndurance(timeline), "p95_ms");
    assertAlmostEquals(p95.slope_per_hour, 300, 30);
    assertEquals(p95.fails, true);
  }
});

Deno.test("a drift just past the tolerance under heavy noise is still caught over 2 h", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const timeline = enduranceTimeline({
      minutes: 120,
      seed,
      noise: 0.2,
      p95: (m) => 100 * (1 + (0.2 * m) / 60),
    });
    assertEquals(drift(analyzeEndurance(timeline), "p95_ms").verdict, "rising", `seed ${seed}`);
  }
});
