import { createHistogram, encodeHistogram, recordMicros } from "../../../src/metrics/histogram.ts";
import {
  MAX_SPECTRUM_PERCENTILE,
  percentileToX,
  spectrumFromEncoded,
  spectrumFromHistogram,
  spectrumFromPairs,
  spectrumPercentiles,
  spectrumTicks,
  summaryPercentilePairs,
  xToPercentile,
} from "../../../src/report/chart/spectrum.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { assert, assertAlmostEquals, assertEquals, assertGreater } from "../../helpers/assert.ts";

/** 10 000 latencies: most between 1 and 5 ms, a tail of 100 up to 250 ms. */
function recordedHistogram() {
  const h = createHistogram();
  for (let i = 0; i < 9900; i++) recordMicros(h, 1000 + (i % 4000));
  for (let i = 1; i <= 100; i++) recordMicros(h, 2500 * i);
  return h;
}

Deno.test("percentileToX and back: each nine is one power of ten", () => {
  const cases: [number, number][] = [[0, 1], [90, 10], [99, 100], [99.9, 1000], [99.99, 10_000]];
  for (const [p, x] of cases) {
    assertEquals(percentileToX(p), x, `p${p}`);
    assertEquals(xToPercentile(x), p, `x ${x}`);
  }
});

Deno.test("spectrumTicks label each nine up to p99.99", () => {
  assertEquals(spectrumTicks(), [
    { x: 1, label: "0%" },
    { x: 10, label: "90%" },
    { x: 100, label: "99%" },
    { x: 1000, label: "99.9%" },
    { x: 10_000, label: "99.99%" },
  ]);
  assertEquals(spectrumTicks(99.9).map((t) => t.label), ["0%", "90%", "99%", "99.9%"]);
});

Deno.test("spectrumPercentiles run from 0 to p99.99, sorted, with the quoted milestones on the curve", () => {
  const percentiles = spectrumPercentiles();
  assertEquals(percentiles[0], 0);
  assertEquals(percentiles[percentiles.length - 1], MAX_SPECTRUM_PERCENTILE);
  assert(percentiles.every((p, i) => i === 0 || p > percentiles[i - 1]!), "strictly increasing");
  for (const milestone of [50, 90, 95, 99, 99.9, 99.99]) {
    assert(percentiles.includes(milestone), `has p${milestone}`);
  }
});

Deno.test("spectrumFromHistogram is monotonic, ends at p99.99 and matches the histogram", () => {
  const h = recordedHistogram();
  const points = spectrumFromHistogram(h);
  assertGreater(points.length, 80);
  assert(
    points.every((p, i) => i === 0 || (p.ms >= points[i - 1]!.ms && p.x > points[i - 1]!.x)),
    "monotonic",
  );
  const last = points[points.length - 1]!;
  assertEquals(last.percentile, 99.99);
  assertEquals(last.x, 10_000);
  assertEquals(last.ms, h.getValueAtPercentile(99.99) / 1000);
  assertAlmostEquals(points[0]!.ms, 1, 0.001);
  const p50 = points.find((p) => p.percentile === 50)!;
  assertEquals(p50.ms, h.getValueAtPercentile(50) / 1000);
  // p99.99 of 10 000 values is the 9 999th: the 99th of the tail, 247.5 ms (within HDR precision).
  assertAlmostEquals(last.ms, 247.5, 0.25);
});

Deno.test("spectrumFromEncoded decodes with the repo's histogram helper; empty input gives no points", () => {
  const h = recordedHistogram();
  assertEquals(spectrumFromEncoded(encodeHistogram(h)), spectrumFromHistogram(h));
  assertEquals(spectrumFromEncoded(""), []);
  assertEquals(spectrumFromEncoded(encodeHistogram(createHistogram())), []);
});

Deno.test("spectrumFromEncoded reads a real result's endpoint histograms", async () => {
  const result: RunResult = JSON.parse(
    await Deno.readTextFile(new URL("../../fixtures/results/demo_short.json", import.meta.url)),
  );
  for (const endpoint of result.endpoints) {
    const points = spectrumFromEncoded(endpoint.histogram);
    assert(points.length > 0, endpoint.name);
    const p50 = points.find((p) => p.percentile === 50)!;
    assertAlmostEquals(p50.ms, endpoint.latency_ms.p50, 0.01, `${endpoint.method} ${endpoint.name} p50`);
  }
});

Deno.test("spectrumFromPairs sorts, caps at p99.99 and drops 100% and non-finite values", () => {
  const points = spectrumFromPairs([[99, 30], [50, 10], [100, 90], [99.99, 60], [90, NaN], [0, 1]]);
  assertEquals(points.map((p) => [p.percentile, p.x, p.ms]), [[0, 1, 1], [50, 2, 10], [99, 100, 30], [
    99.99,
    10_000,
    60,
  ]]);
});

Deno.test("summaryPercentilePairs takes min as 0% and p50 to p99.9", () => {
  const latency = { min: 1, mean: 5, p50: 4, p90: 8, p95: 9, p99: 12, p999: 20, max: 30 };
  assertEquals(summaryPercentilePairs(latency), [[0, 1], [50, 4], [90, 8], [95, 9], [99, 12], [99.9, 20]]);
});
