import { createHistogram, recordMicros } from "../../src/metrics/histogram.ts";
import { type IntervalSample, LiveThresholds } from "../../src/thresholds/live.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

/** One second with `requests` answers of `latencyMs`, `failures` of them failed. */
function second(t: number, requests: number, failures: number, latencyMs = 10): IntervalSample {
  const histogram = createHistogram();
  for (let i = 0; i < requests; i++) recordMicros(histogram, latencyMs * 1000);
  return { t, duration_s: 1, requests, failures, histogram };
}

Deno.test("live threshold: the window slides; the delay holds back the first evaluations", () => {
  const live = new LiveThresholds([{
    key: "error_rate",
    limit: 0.1,
    window_s: 3,
    abort_on_fail: false,
    delay_s: 2,
  }]);
  const failuresPerSecond = [50, 0, 0, 0, 0, 30, 30, 30];
  const verdicts = failuresPerSecond.map((f, i) => live.observe(second(i + 1, 100, f)));
  // t=1 is inside the delay (its 50% errors are never judged alone); t=2: 25% over [1,2] fails.
  assertEquals(verdicts.map((v) => v.failed.length), [0, 1, 1, 0, 0, 0, 1, 1]);
  const record = live.records[0]!;
  assertEquals([record.evaluations, record.failed_evaluations, record.first_failure?.t], [7, 4, 2]);
  assertEquals(record.last, { t: 8, value: 0.3, ok: false });
  assertEquals(record.threshold, "<= 10%");
});

Deno.test("live threshold: abort_on_fail names the threshold, its window and when", () => {
  const live = new LiveThresholds([
    { key: "response_time_p95", limit: 100, window_s: 2, abort_on_fail: true, delay_s: 0 },
    { key: "error_rate", limit: 0.5, window_s: 2, abort_on_fail: false, delay_s: 0 },
  ]);
  assertEquals(live.observe(second(1, 10, 0, 20)).abort, undefined);
  const verdict = live.observe(second(2, 30, 0, 400)); // p95 over [1,2] is 400 ms
  assert(verdict.abort, "aborts");
  assertEquals([verdict.abort.name, verdict.abort.window_s, verdict.abort.t], ["response_time_p95", 2, 2]);
  assert(verdict.abort.value >= 399 && verdict.abort.value <= 401, String(verdict.abort.value));
});

Deno.test("live threshold: window 0 judges the run so far, without keeping every interval", () => {
  const live = new LiveThresholds([{
    key: "throughput",
    limit: 50,
    window_s: 0,
    abort_on_fail: false,
    delay_s: 0,
  }]);
  for (let t = 1; t <= 100; t++) live.observe(second(t, t <= 50 ? 100 : 0, 0));
  const record = live.records[0]!;
  assertEquals(record.last, { t: 100, value: 50, ok: true }); // 5000 requests over 100 s
});

Deno.test("live threshold: a window without answers says nothing about errors, but fails a throughput floor", () => {
  const live = new LiveThresholds([
    { key: "error_rate", limit: 0.1, window_s: 1, abort_on_fail: true, delay_s: 0 },
    { key: "throughput", limit: 1, window_s: 1, abort_on_fail: false, delay_s: 0 },
  ]);
  const verdict = live.observe(second(1, 0, 0));
  assertEquals([verdict.abort, verdict.failed.map((f) => f.name)], [undefined, ["throughput"]]);
  assertEquals(live.records.map((r) => r.evaluations), [0, 1]);
});
