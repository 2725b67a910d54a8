import {
  addEncoded,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  HIGHEST_TRACKABLE_US,
  type Histogram,
  percentileMs,
  recordMicros,
  summarizeLatency,
} from "../../src/metrics/histogram.ts";
import { assert, assertAlmostEquals, assertEquals, assertGreaterOrEqual } from "../helpers/assert.ts";
import { ZERO_LATENCY } from "../helpers/fixtures.ts";

const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

function histogramOf(values: readonly number[]): Histogram {
  const h = createHistogram();
  for (const v of values) recordMicros(h, v);
  return h;
}

/** Latencies from 37 µs to ~37 ms, and a second, slower set with a long tail. */
const SET_A = Array.from({ length: 1000 }, (_, i) => (i + 1) * 37);
const SET_B = Array.from({ length: 500 }, (_, i) => 20_000 + i * i * 3);

Deno.test("record/encode/decode round trip keeps count, min, percentiles and max (within HDR precision)", () => {
  const original = histogramOf(SET_A);
  const decoded = decodeHistogram(encodeHistogram(original));
  assertEquals(decoded.totalCount, 1000);
  assertEquals(decoded.minNonZeroValue, original.minNonZeroValue);
  assertEquals(decoded.minNonZeroValue, 37);
  for (const p of PERCENTILES) {
    assertEquals(decoded.getValueAtPercentile(p), original.getValueAtPercentile(p), `p${p}`);
  }
  // The decoded max is the top of the max's bucket: never below the true max, within 0.1% of it.
  assertGreaterOrEqual(decoded.maxValue, 37_000);
  assertAlmostEquals(decoded.maxValue, 37_000, 37);
  assertEquals(decoded.mean, original.mean);
  // Encoding the decoded histogram again is stable.
  assertEquals(encodeHistogram(decodeHistogram(encodeHistogram(decoded))), encodeHistogram(decoded));
});

Deno.test("an empty histogram round-trips as empty", () => {
  const decoded = decodeHistogram(encodeHistogram(createHistogram()));
  assertEquals(decoded.totalCount, 0);
  assertEquals(summarizeLatency(decoded), ZERO_LATENCY);
});

Deno.test("addEncoded of two sets equals one histogram of the union, exactly", () => {
  const merged = createHistogram();
  addEncoded(merged, encodeHistogram(histogramOf(SET_A)));
  addEncoded(merged, encodeHistogram(histogramOf(SET_B)));
  const union = histogramOf([...SET_A, ...SET_B]);
  assertEquals(merged.totalCount, 1500);
  assertEquals(merged.totalCount, union.totalCount);
  for (const p of PERCENTILES) {
    assertEquals(merged.getValueAtPercentile(p), union.getValueAtPercentile(p), `p${p}`);
  }
  // Through the same encoding, the summaries are identical figure for figure.
  assertEquals(summarizeLatency(merged), summarizeLatency(decodeHistogram(encodeHistogram(union))));
  // The union really spans both sets: the median lies in set A's range, p99 in set B's tail.
  assert(percentileMs(merged, 50) < 37.1, `p50 ${percentileMs(merged, 50)}`);
  assert(percentileMs(merged, 99) > 600, `p99 ${percentileMs(merged, 99)}`);
});

Deno.test("addEncoded: merging is order-independent and an empty string is a no-op", () => {
  const ab = createHistogram();
  const ba = createHistogram();
  const a = encodeHistogram(histogramOf(SET_A));
  const b = encodeHistogram(histogramOf(SET_B));
  addEncoded(ab, a);
  addEncoded(ab, b);
  addEncoded(ba, b);
  addEncoded(ba, a);
  addEncoded(ba, "");
  assertEquals(encodeHistogram(ab), encodeHistogram(ba));
  const empty = createHistogram();
  addEncoded(empty, "");
  assertEquals(empty.totalCount, 0);
});

Deno.test("recordMicros clamps below 1 µs and above 1 h, and still counts the value", () => {
  const h = createHistogram();
  for (const v of [0, -3, 0.4]) recordMicros(h, v); // all become 1 µs
  recordMicros(h, 1.6); // rounds to 2 µs
  recordMicros(h, 5e9); // 83 minutes: clamped to 1 h
  recordMicros(h, HIGHEST_TRACKABLE_US);
  assertEquals(h.totalCount, 6);
  // Sorted: 1, 1, 1, 2, 1h, 1h.
  assertEquals(h.getValueAtPercentile(50), 1);
  assertEquals(h.getValueAtPercentile(60), 2);
  assertAlmostEquals(h.getValueAtPercentile(70), HIGHEST_TRACKABLE_US, HIGHEST_TRACKABLE_US / 1000);
  assertEquals(h.minNonZeroValue, 1);
  assertEquals(h.maxValue, HIGHEST_TRACKABLE_US);
  const summary = summarizeLatency(h);
  assertEquals(summary.min, 0.001);
  assertEquals(summary.p50, 0.001);
  // 1 h in ms, within HDR precision (0.1%).
  assertAlmostEquals(summary.p99, 3_600_000, 3_600);
});

Deno.test("a clamped 1 h latency survives encoding and merging", () => {
  const target = createHistogram();
  addEncoded(target, encodeHistogram(histogramOf([5e9, 100])));
  addEncoded(target, encodeHistogram(histogramOf([HIGHEST_TRACKABLE_US])));
  assertEquals(target.totalCount, 3);
  assertAlmostEquals(percentileMs(target, 100), 3_600_000, 3_600);
  assertEquals(percentileMs(target, 1), 0.1);
});

Deno.test("summarizeLatency and percentileMs of an empty histogram are all zeros", () => {
  const h = createHistogram();
  assertEquals(summarizeLatency(h), { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 });
  for (const p of [50, 99.9, 100]) assertEquals(percentileMs(h, p), 0);
});

Deno.test("µs -> ms: exact below 2048 µs, within 0.1% above", () => {
  const exact: [us: number, ms: number][] = [[1, 0.001], [500, 0.5], [1234, 1.234], [2047, 2.047]];
  for (const [us, ms] of exact) {
    const h = histogramOf([us]);
    assertEquals(percentileMs(h, 50), ms, `${us} µs`);
    assertEquals(summarizeLatency(h).min, ms, `${us} µs min`);
  }
  const h = histogramOf([20_000]);
  const p50 = percentileMs(h, 50);
  assertAlmostEquals(p50, 20, 20 * 0.001, `p50 ${p50}`);
  assertGreaterOrEqual(p50, 20);
  // Resolution is 1 µs: every figure has at most three decimals.
  for (const value of Object.values(summarizeLatency(histogramOf(SET_B)))) {
    assertEquals(Math.round(value * 1000) / 1000, value, `${value} has at most 3 decimals`);
  }
});

Deno.test("summarizeLatency: exact figures for small latencies", () => {
  // 100..1000 µs, each once: all within the exact range of the histogram.
  const h = decodeHistogram(
    encodeHistogram(histogramOf([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])),
  );
  assertEquals(summarizeLatency(h), {
    min: 0.1,
    mean: 0.55,
    p50: 0.5,
    p90: 0.9,
    p95: 1,
    p99: 1,
    p999: 1,
    max: 1,
  });
});
