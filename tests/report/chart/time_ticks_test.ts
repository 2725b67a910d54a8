import { formatSeconds } from "../../../src/format/report_format.ts";
import { describeDuration, timeStep, timeTicks } from "../../../src/report/chart/time_ticks.ts";
import { assertEquals, assertLessOrEqual } from "../../helpers/assert.ts";

const HOUR = 3600;

Deno.test("timeTicks over 10 s, 10 min, 1 h and 24 h use human steps and human labels", () => {
  const cases: { max: number; count: number; ticks: number[]; labels: string[] }[] = [
    { max: 10, count: 6, ticks: [0, 2, 4, 6, 8, 10], labels: ["0s", "2s", "4s", "6s", "8s", "10s"] },
    { max: 10, count: 2, ticks: [0, 5, 10], labels: ["0s", "5s", "10s"] },
    {
      max: 600,
      count: 6,
      ticks: [0, 120, 240, 360, 480, 600],
      labels: ["0s", "2m", "4m", "6m", "8m", "10m"],
    },
    {
      max: HOUR,
      count: 6,
      ticks: [0, 600, 1200, 1800, 2400, 3000, 3600],
      labels: ["0s", "10m", "20m", "30m", "40m", "50m", "1h"],
    },
    {
      max: 24 * HOUR,
      count: 6,
      ticks: [0, 6, 12, 18, 24].map((h) => h * HOUR),
      labels: ["0s", "6h", "12h", "18h", "24h"],
    },
    { max: 5400, count: 3, ticks: [0, 1800, 3600, 5400], labels: ["0s", "30m", "1h", "1h30m"] },
  ];
  for (const c of cases) {
    const ticks = timeTicks(0, c.max, c.count);
    assertEquals(ticks, c.ticks, `ticks over ${c.max}s`);
    assertEquals(ticks.map(formatSeconds), c.labels, `labels over ${c.max}s`);
  }
});

Deno.test("timeTicks never gives more intervals than asked, for any span", () => {
  for (const max of [1, 7, 45, 90, 599, 3601, 7 * HOUR, 24 * HOUR, 3 * 24 * HOUR, 30 * 24 * HOUR]) {
    for (const count of [2, 4, 6, 10]) {
      const ticks = timeTicks(0, max, count);
      assertLessOrEqual(ticks.length - 1, count, `${max}s in ${count}`);
      assertEquals(ticks[0], 0);
      assertLessOrEqual(ticks[ticks.length - 1]!, max);
    }
  }
});

Deno.test("timeTicks starts at the first multiple of the step inside the domain", () => {
  assertEquals(timeTicks(3, 20, 4), [5, 10, 15, 20]);
  assertEquals(timeTicks(5, 5), [5]);
  assertEquals(timeTicks(10, 0), []);
});

Deno.test("timeStep picks from the human list, whole weeks past it", () => {
  const cases: [span: number, count: number, step: number][] = [
    [10, 10, 1],
    [60, 4, 15],
    [300, 6, 60],
    [HOUR, 4, 15 * 60],
    [24 * HOUR, 4, 6 * HOUR],
    [100 * 24 * HOUR, 4, 4 * 7 * 24 * HOUR],
  ];
  for (const [span, count, step] of cases) assertEquals(timeStep(span, count), step, `${span}/${count}`);
});

Deno.test("describeDuration writes durations in words", () => {
  const cases: [number, string][] = [
    [1, "1 second"],
    [10.012, "10 seconds"],
    [90, "1 minute 30 seconds"],
    [600, "10 minutes"],
    [3600, "1 hour"],
    [5400, "1 hour 30 minutes"],
    [86_400, "24 hours"],
  ];
  for (const [seconds, words] of cases) assertEquals(describeDuration(seconds), words, String(seconds));
});
