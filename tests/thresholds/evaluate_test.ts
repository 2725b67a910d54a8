import type { StatsFigures, ThresholdResult } from "../../src/model/result.ts";
import { evaluateThresholds, type ThresholdSubject } from "../../src/thresholds/evaluate.ts";
import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { statsFigures } from "../helpers/fixtures.ts";

function stats(overrides: Partial<StatsFigures> = {}): StatsFigures {
  return statsFigures({
    requests: 1000,
    failures: 5,
    error_rate: 0.005,
    rps: 20,
    latency_ms: { min: 1, mean: 40, p50: 30, p90: 80, p95: 120, p99: 300, p999: 900, max: 1500 },
    status_codes: { "200": 995, "500": 5 },
    ...overrides,
  });
}

/** A subject whose histogram answers p -> p * 2 ms, and which records the percentiles asked for. */
function subject(s: StatsFigures = stats()): ThresholdSubject & { asked: number[] } {
  const asked: number[] = [];
  return { stats: s, asked, percentileMs: (p) => (asked.push(p), p * 2) };
}

const EMPTY = stats({
  requests: 0,
  failures: 0,
  error_rate: 0,
  rps: 0,
  latency_ms: { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 },
});

Deno.test("every key kind against its limit, equal values pass", () => {
  const cases: [string, number, number, boolean, string][] = [
    ["response_time_p50", 30, 30, true, "<= 30 ms"],
    ["response_time_p90", 79, 80, false, "<= 79 ms"],
    ["response_time_p95", 1000, 120, true, "<= 1000 ms"],
    ["response_time_p95", 120, 120, true, "<= 120 ms"],
    ["response_time_p95", 119.9, 120, false, "<= 119.9 ms"],
    ["response_time_p99", 300, 300, true, "<= 300 ms"],
    ["response_time_p99.9", 899, 900, false, "<= 899 ms"],
    ["response_time_avg", 40, 40, true, "<= 40 ms"],
    ["response_time_avg", 39, 40, false, "<= 39 ms"],
    ["response_time_max", 1500, 1500, true, "<= 1500 ms"],
    ["response_time_max", 1000, 1500, false, "<= 1000 ms"],
    ["error_rate", 0.01, 0.005, true, "<= 1%"],
    ["error_rate", 0.005, 0.005, true, "<= 0.5%"],
    ["error_rate", 0.001, 0.005, false, "<= 0.1%"],
    ["throughput", 5, 20, true, ">= 5 req/s"],
    ["throughput", 20, 20, true, ">= 20 req/s"],
    ["throughput", 20.5, 20, false, ">= 20.5 req/s"],
  ];
  for (const [key, limit, value, ok, threshold] of cases) {
    const [result] = evaluateThresholds({ [key]: limit }, subject(), []);
    const unit = key === "error_rate" ? "ratio" : key === "throughput" ? "req/s" : "ms";
    assertEquals(result, { name: key, key, unit, threshold, limit, value, ok }, `${key} vs ${limit}`);
  }
});

Deno.test("odd percentiles come from the histogram, summary ones do not", () => {
  const run = subject();
  const results = evaluateThresholds(
    { response_time_p75: 150, response_time_p99: 500, "response_time_p99.99": 199, response_time_p100: 500 },
    run,
    [],
  );
  assertEquals(results.map((r) => [r.name, r.value, r.ok]), [
    ["response_time_p75", 150, true],
    ["response_time_p99", 300, true],
    ["response_time_p99.99", 199.98, false],
    ["response_time_p100", 200, true],
  ]);
  assertEquals(run.asked, [75, 99.99, 100]);
});

Deno.test("zero requests: latency and error rate fail, throughput fails unless its limit is 0", () => {
  const limits = {
    response_time_p95: 1000,
    response_time_p75: 1000,
    response_time_avg: 1000,
    response_time_max: 1000,
    error_rate: 0.5,
    throughput: 5,
  };
  const results = evaluateThresholds(limits, subject(EMPTY), []);
  assertEquals(results.map((r) => [r.name, r.value, r.ok]), Object.keys(limits).map((k) => [k, 0, false]));
  const [zeroFloor] = evaluateThresholds({ throughput: 0 }, subject(EMPTY), []);
  assertEquals([zeroFloor?.value, zeroFloor?.ok], [0, true]);
});

Deno.test("a value the histogram cannot answer (NaN) fails with value 0", () => {
  const nan: ThresholdSubject = { stats: stats(), percentileMs: () => NaN };
  assertEquals(evaluateThresholds({ response_time_p75: 1e9 }, nan, [])[0]?.value, 0);
  assertEquals(evaluateThresholds({ response_time_p75: 1e9 }, nan, [])[0]?.ok, false);
});

Deno.test("an unknown key (config validation lets none through) is a bug, never a pass", () => {
  assertThrows(() => evaluateThresholds({ latency_p95: 1000 }, subject(), []), Error, "latency_p95");
});

Deno.test("run thresholds in key order, then endpoints with prefixed names", () => {
  const fast = subject(stats({ latency_ms: { ...stats().latency_ms, p95: 50 }, rps: 3 }));
  const results = evaluateThresholds({ throughput: 5, error_rate: 0.01 }, subject(), [
    { endpoint: "GET /api/items/", thresholds: { response_time_p95: 100, throughput: 5 }, subject: fast },
    { endpoint: "POST /api/items/", thresholds: { response_time_p95: 100 }, subject: undefined },
  ]);
  const want: ThresholdResult[] = [
    {
      name: "throughput",
      key: "throughput",
      unit: "req/s",
      threshold: ">= 5 req/s",
      limit: 5,
      value: 20,
      ok: true,
    },
    {
      name: "error_rate",
      key: "error_rate",
      unit: "ratio",
      threshold: "<= 1%",
      limit: 0.01,
      value: 0.005,
      ok: true,
    },
    {
      name: "GET /api/items/: response_time_p95",
      key: "response_time_p95",
      endpoint: "GET /api/items/",
      unit: "ms",
      threshold: "<= 100 ms",
      limit: 100,
      value: 50,
      ok: true,
    },
    {
      name: "GET /api/items/: throughput",
      key: "throughput",
      endpoint: "GET /api/items/",
      unit: "req/s",
      threshold: ">= 5 req/s",
      limit: 5,
      value: 3,
      ok: false,
    },
    {
      name: "POST /api/items/: response_time_p95",
      key: "response_time_p95",
      endpoint: "POST /api/items/",
      unit: "ms",
      threshold: "<= 100 ms",
      limit: 100,
      value: 0,
      ok: false,
    },
  ];
  assertEquals(results, want);
});

Deno.test("no thresholds, no results", () => {
  assertEquals(
    evaluateThresholds({}, subject(), [{ endpoint: "GET /", thresholds: {}, subject: undefined }]),
    [],
  );
});
