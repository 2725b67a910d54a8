/**
 * mergeResults: counts add up exactly, latencies equal one histogram of every value, timelines align
 * on wall-clock time, thresholds are judged again on the merged figures, and results of different runs
 * are rejected naming the inputs.
 */
import { ExitCode, PerfError } from "../../src/errors.ts";
import { decodeHistogram, encodeHistogram, summarizeLatency } from "../../src/metrics/histogram.ts";
import { seededRandom } from "../../src/plan/weighted.ts";
import { mergeResults, mergeWarnings, thresholdsOf } from "../../src/result/merge.ts";
import { mergePhases } from "../../src/result/merge_figures.ts";
import { alignTimelines } from "../../src/result/merge_timeline.ts";
import type { RunResult, ThresholdResult } from "../../src/model/result.ts";
import { assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";
import { histogramOf, point, segmentResult } from "../helpers/segment_results.ts";

/** One histogram of `values`, encoded and decoded as a worker's snapshot is. */
const roundTrip = (values: number[]) => decodeHistogram(encodeHistogram(histogramOf(values)));

const START = "2026-05-01T10:00:00.000Z";

/** Latencies in µs: a log-normal-ish spread around `medianUs`, seeded. */
function latencies(seed: number, count: number, medianUs: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Math.round(medianUs * Math.exp(1.2 * (random() - 0.5) * 2)));
}

const A = { a: latencies(1, 400, 2_000), b: latencies(2, 150, 9_000) };
const B = { a: latencies(3, 350, 2_500), b: latencies(4, 100, 40_000) };
const C = { a: latencies(5, 500, 1_500), b: [] as number[] };

function three(thresholds: ThresholdResult[] = []): RunResult[] {
  return [
    segmentResult({
      id: "s1",
      segment: "1/3",
      startedAt: START,
      durationS: 10,
      endpoints: { "GET /a": { latencies: A.a, failures: 4 }, "POST /b": { latencies: A.b } },
      thresholds: structuredClone(thresholds),
    }),
    segmentResult({
      id: "s2",
      segment: "2/3",
      startedAt: "2026-05-01T10:00:00.020Z",
      durationS: 10,
      endpoints: { "GET /a": { latencies: B.a, failures: 1 }, "POST /b": { latencies: B.b, failures: 7 } },
      thresholds: structuredClone(thresholds),
    }),
    segmentResult({
      id: "s3",
      segment: "3/3",
      startedAt: START,
      durationS: 10.5,
      endpoints: { "GET /a": { latencies: C.a } },
      thresholds: structuredClone(thresholds),
    }),
  ];
}

Deno.test("mergeResults: counts add up exactly and latencies are those of one histogram of every value", () => {
  const merged = mergeResults(three());
  const all = [...A.a, ...A.b, ...B.a, ...B.b, ...C.a];
  assertEquals(merged.summary.requests, all.length);
  assertEquals(merged.summary.failures, 12);
  assertEquals(merged.summary.status_codes, { "200": all.length - 12, "500": 12 });
  assertEquals(merged.summary.errors, { http_500: 12 });
  assertEquals(merged.summary.bytes_sent, all.length * 100);
  assertEquals(merged.summary.error_rate, Math.round((12 / all.length) * 1e6) / 1e6);
  // A single process sees its workers' histograms through the same encoding, so that is the reference
  // (encoding keeps counts per bucket: max becomes its bucket's highest value; percentiles are unchanged).
  assertEquals(merged.summary.latency_ms, summarizeLatency(roundTrip(all)));
  const { max: _max, ...raw } = summarizeLatency(histogramOf(all));
  const { max: _mergedMax, ...mergedRaw } = merged.summary.latency_ms;
  assertEquals(mergedRaw, raw);
  const byKey = Object.fromEntries(merged.endpoints.map((e) => [`${e.method} ${e.name}`, e]));
  assertEquals(Object.keys(byKey), ["GET /a", "POST /b"]);
  assertEquals(byKey["GET /a"]!.requests, A.a.length + B.a.length + C.a.length);
  assertEquals(byKey["GET /a"]!.latency_ms, summarizeLatency(roundTrip([...A.a, ...B.a, ...C.a])));
  assertEquals(byKey["POST /b"]!.latency_ms, summarizeLatency(roundTrip([...A.b, ...B.b])));
  assertEquals(byKey["POST /b"]!.failures, 7);
  // The merged histogram is carried, so a merge of merges stays exact.
  const again = mergeResults([merged]);
  assertEquals(again.summary.latency_ms, merged.summary.latency_ms);
});

Deno.test("mergeResults: the run spans the earliest start to the latest end; rps over that span", () => {
  const merged = mergeResults(three());
  assertEquals(merged.run.started_at, START);
  assertEquals(merged.run.ended_at, "2026-05-01T10:00:10.500Z");
  assertEquals(merged.run.duration_s, 10.5);
  assertEquals(merged.summary.rps, Math.round((merged.summary.requests / 10.5) * 100) / 100);
  assertEquals(merged.run.id, "merged-s1");
  assertEquals(merged.run.segments, 3);
  assertEquals(merged.run.merged_from, ["s1", "s2", "s3"]);
  assertEquals(merged.run.segment, undefined);
  assertEquals([merged.run.users, merged.run.workers], [12, 6]);
  assertEquals(merged.run.status, "completed");
  assertEquals(merged.exit_code, ExitCode.ok);
});

/** A whole-run error-rate threshold of 5% that held. */
const ERROR_RATE_5: ThresholdResult = {
  name: "error_rate",
  key: "error_rate",
  unit: "ratio",
  threshold: "<= 5%",
  limit: 0.05,
  value: 0,
  ok: true,
};

Deno.test("mergeResults: thresholds are judged again on the merged figures", () => {
  // Each segment passed its own p95 (their figures say ok); merged, the slow POST /b tips it over.
  const own: ThresholdResult[] = [
    {
      name: "response_time_p95",
      key: "response_time_p95",
      unit: "ms",
      threshold: "<= 30 ms",
      limit: 30,
      value: 10,
      ok: true,
    },
    ERROR_RATE_5,
    {
      name: "POST /b: error_rate",
      key: "error_rate",
      endpoint: "POST /b",
      unit: "ratio",
      threshold: "<= 2%",
      limit: 0.02,
      value: 0,
      ok: true,
    },
  ];
  const results = three(own);
  assertEquals(thresholdsOf(results), {
    thresholds: { response_time_p95: 30, error_rate: 0.05 },
    endpointThresholds: [{ endpoint: "POST /b", thresholds: { error_rate: 0.02 } }],
  });
  const merged = mergeResults(results);
  const byName = Object.fromEntries(merged.thresholds.map((t) => [t.name, t]));
  assertEquals(byName["response_time_p95"]!.value, merged.summary.latency_ms.p95);
  assertEquals(byName["error_rate"]!.ok, true);
  const postB = byName["POST /b: error_rate"]!;
  assertEquals([postB.endpoint, postB.value, postB.ok], [
    "POST /b",
    Math.round((7 / 250) * 1e6) / 1e6,
    false,
  ]);
  assertEquals(merged.exit_code, ExitCode.thresholdsFailed);
  // Options replace the inputs' limits; any percentile is answered from the merged histogram.
  const custom = mergeResults(results, {
    thresholds: { "response_time_p99.9": 1e6 },
    endpointThresholds: [],
  });
  assertEquals(custom.thresholds.map((t) => [t.name, t.ok]), [["response_time_p99.9", true]]);
  assertEquals(custom.exit_code, ExitCode.ok);
});

Deno.test("mergeResults: an interrupted segment makes the merge interrupted (105)", () => {
  const results = three();
  results[1]!.run.status = "interrupted";
  const merged = mergeResults(results);
  assertEquals([merged.run.status, merged.exit_code], ["interrupted", ExitCode.aborted]);
});

Deno.test("mergeResults: results of different runs are rejected naming the files", () => {
  const names = ["seg1/result.json", "seg2/result.json", "seg3/result.json"];
  const cases: [string, (r: RunResult[]) => void, RegExp][] = [
    [
      "scenario",
      (r) => (r[2]!.run.scenario = "other"),
      /scenario differs: "seg1\/result.json" has "api", "seg3\/result.json" has "other"/,
    ],
    ["schema", (r) => (r[1]!.schema_version = 2), /schema_version differs: .*"seg2\/result.json" has 2/],
    ["model", (r) => (r[1]!.run.model = "open"), /model differs/],
    [
      "same run", // the same id and the same segment: the same file given twice
      (r) => {
        r[2]!.run.id = r[0]!.run.id;
        r[2]!.run.segment = r[0]!.run.segment;
      },
      /"seg1\/result.json" and "seg3\/result.json" are the same run/,
    ],
    ["same segment", (r) => (r[1]!.run.segment = "1/3"), /are the same segment \(1\/3\)/],
    ["no histogram", (r) => (r[0]!.summary.histogram = ""), /"seg1\/result.json" has no latency histogram/],
  ];
  for (const [name, edit, message] of cases) {
    const results = three();
    edit(results);
    const error = assertThrows(() => mergeResults(results, { names }), PerfError);
    assertEquals(error.exitCode, ExitCode.invalidConfig, name);
    assertMatch(error.message, message, name);
  }
  assertThrows(() => mergeResults([]), PerfError, "no results given");
});

Deno.test("mergeWarnings: missing segments, different targets and conflicting limits", () => {
  const results = three([{ ...ERROR_RATE_5 }]);
  assertEquals(mergeWarnings(results, ["a", "b", "c"]), []);
  results[1]!.run.base_url = "http://127.0.0.1:9090";
  results[2]!.thresholds[0]!.limit = 0.1;
  assertEquals(mergeWarnings(results.slice(1), ["b", "c"]), [
    "the inputs have different base URLs: http://127.0.0.1:9090, http://127.0.0.1:8080",
    "only 2 of 3 segments given (2/3, 3/3)",
    "threshold error_rate has different limits (0.05, 0.1); judged at 0.05",
  ]);
});

Deno.test("alignTimelines: points land on wall-clock time from the earliest start", () => {
  const start = Date.parse(START);
  const merged = alignTimelines([
    { started_ms: start, points: [point(1, 10, 5), point(2, 10, 5), point(3, 10, 5), point(4, 10, 5)] },
    // Started 2 s later: its t=1 is the merged t=3.
    { started_ms: start + 2000, points: [point(1, 30, 9), point(2, 30, 9), point(3, 30, 9)] },
    // 15 ms of skew does not move a point.
    { started_ms: start + 15, points: [point(1, 5, 1, { users: 3 }), point(2, 5, 1, { users: 3 })] },
  ], start);
  assertEquals(merged.map((p) => p.t), [1, 2, 3, 4, 5]);
  assertEquals(merged.map((p) => p.requests), [15, 15, 40, 40, 30]);
  assertEquals(merged.map((p) => p.users), [5, 5, 4, 4, 2]);
  assertEquals(merged.map((p) => p.rps), [15, 15, 40, 40, 30]);
  // Percentiles are request-weighted means (no per-point histograms).
  assertEquals(merged[0]!.p95_ms, Math.round(((10 * 5 + 5 * 1) / 15) * 1000) / 1000);
  assertEquals(merged[2]!.p95_ms, (10 * 5 + 30 * 9) / 40);
  assertEquals(merged[4]!.p95_ms, 9);
});

Deno.test("alignTimelines: the coarsest interval wins; counts stay exact", () => {
  const start = Date.parse(START);
  const fine = Array.from(
    { length: 8 },
    (_, i) => point(i + 1, i + 1, 2, { cpu_pct: 50, loop_lag_ms: i, worker_busy_pct: 95 }),
  );
  const coarse = Array.from(
    { length: 4 },
    (_, i) => point(2 * (i + 1), 100, 4, { interval_s: 2, cpu_pct: 80, worker_busy_pct: 70 }),
  );
  const merged = alignTimelines(
    [{ started_ms: start, points: fine }, { started_ms: start, points: coarse }],
    start,
  );
  assertEquals(merged.map((p) => [p.t, p.interval_s]), [[2, 2], [4, 2], [6, 2], [8, 2]]);
  assertEquals(merged.map((p) => p.requests), [103, 107, 111, 115]);
  assertEquals(merged.reduce((n, p) => n + p.requests, 0), 36 + 400);
  assertEquals(merged.map((p) => p.rps), [51.5, 53.5, 55.5, 57.5]);
  // The generator figures judge the busiest process, the busiest worker (of any process) and the worst lag.
  assertEquals(merged.map((p) => [p.cpu_pct, p.loop_lag_ms]), [[80, 1], [80, 3], [80, 5], [80, 7]]);
  assertEquals(merged.map((p) => p.worker_busy_pct), [95, 95, 95, 95]);
});

Deno.test("mergeResults: the merged timeline sums the segments' points", () => {
  const results = three();
  results[0]!.timeline = [point(1, 40, 3), point(2, 60, 3)];
  results[1]!.timeline = [point(1, 20, 3), point(2, 20, 3)];
  const merged = mergeResults(results);
  assertEquals(merged.timeline.map((p) => [p.t, p.requests]), [[1, 60], [2, 80]]);
});

Deno.test("mergePhases: counts add, min/max exact, means and percentiles count-weighted", () => {
  const phase = (count: number, v: number) => ({
    count,
    min: v / 2,
    mean: v,
    p50: v,
    p90: v,
    p95: v,
    p99: v,
    p999: v,
    max: v * 3,
  });
  const merged = mergePhases([{ ttfb: phase(10, 2) }, undefined, {
    ttfb: phase(30, 4),
    connect: phase(2, 1),
  }]);
  assertEquals(merged?.ttfb, {
    count: 40,
    min: 1,
    mean: 3.5,
    p50: 3.5,
    p90: 3.5,
    p95: 3.5,
    p99: 3.5,
    p999: 3.5,
    max: 12,
  });
  assertEquals(merged?.connect?.count, 2);
  assertEquals(mergePhases([undefined, undefined]), undefined);
});
