import { measureRecovery } from "../../src/analysis/stress_recovery.ts";
import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { point } from "./synthetic.ts";

const BASELINE = { target: 100, p95_ms: 5, error_rate: 0 };
const WINDOW = { start_s: 100, end_s: 130 };

/** One point a second from 101 s: a queue draining for `drain` s (p95 300 ms), then 5 ms but for `spikes`. */
function timeline(drain: number, spikes: Record<number, number> = {}) {
  return Array.from({ length: 30 }, (_, i) => {
    const t = 101 + i;
    return point(t, { requests: 100, p95_ms: spikes[t] ?? (i < drain ? 300 : 5) });
  });
}

Deno.test("recovery: the first second of a calm stretch after the drain", () => {
  const r = measureRecovery(timeline(3), WINDOW, BASELINE);
  assertEquals([r.recovered, r.recovery_s], [true, 3]);
  assertMatch(r.explanation, /p95 <= 12.5 ms.* 3 s after the peak, held 10 s/);
});

Deno.test("recovery: one isolated noisy second does not restart the stretch (a GC pause is not a queue)", () => {
  const r = measureRecovery(timeline(3, { 107: 21 }), WINDOW, BASELINE);
  assertEquals(r.recovery_s, 3);
});

Deno.test("recovery: two noisy seconds in a row, or two in one stretch, do restart it", () => {
  assertEquals(measureRecovery(timeline(3, { 106: 21, 107: 30 }), WINDOW, BASELINE).recovery_s, 7);
  assertEquals(measureRecovery(timeline(3, { 107: 21, 111: 30 }), WINDOW, BASELINE).recovery_s, 11);
});

Deno.test("recovery: a calm second amid the drain is not the recovery", () => {
  // 104 s is calm between draining seconds: the stretch starts after the drain, at 105 s (an outlier
  // counts as noise only after 3 calm seconds).
  const r = measureRecovery(timeline(5, { 104: 5 }), WINDOW, BASELINE);
  assertEquals(r.recovery_s, 5);
});
