/**
 * The capacity search consumer against a simulated server, without a runner: each closed second is
 * what a FIFO server of capacity C answers at the rate the consumer last scheduled (its p95 grows with
 * the backlog), and the consumer's reschedules drive the simulation. It must find C and then recover.
 */
import { CapacitySearchConsumer } from "../../src/analysis/search_consumer.ts";
import { createHistogram, recordMicros } from "../../src/metrics/histogram.ts";
import type { RateSpan } from "../../src/plan/arrival_schedule.ts";
import { DEFAULT_SEARCH, SEARCH_TAIL_S, type SearchPlan } from "../../src/plan/capacity_search.ts";
import type { ResolvedScenario } from "../../src/plan/resolve_scenario.ts";
import type { StreamControl, TickInfo } from "../../src/runner/stream.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

const PLAN: SearchPlan = {
  settings: { ...DEFAULT_SEARCH, start_rate: 20, min_step_s: 4, max_step_s: 6, min_samples: 100 },
  recovery_limit_s: 20,
};

/** `poolRps`: the most a pool of 100 users carries (more arrivals find all 100 busy and are dropped). */
function simulate(capacity: number, poolRps = Infinity) {
  const warnings: string[] = [];
  let spans: RateSpan[] = [{
    start_ms: 0,
    duration_ms: 6000 + SEARCH_TAIL_S * 1000,
    from_rate: 20,
    to_rate: 20,
  }];
  let endS = 11;
  const control: StreamControl = {
    stop() {},
    warn(message) {
      warnings.push(message);
    },
    reschedule(from_s, next) {
      spans = [...spans.filter((s) => s.start_ms < from_s * 1000), ...next];
      const last = next.at(-1)!;
      endS = (last.start_ms + last.duration_ms) / 1000;
    },
  };
  const consumer = new CapacitySearchConsumer(PLAN, {}, 2);
  consumer.start(
    { workload: { model: "open", spans, max_users: 100 } } as unknown as ResolvedScenario,
    control,
  );
  let backlog = 0;
  for (let t = 1; t <= endS && t < 900; t++) {
    const span = [...spans].reverse().find((s) => s.start_ms <= (t - 1) * 1000)!;
    const dropped = Math.max(0, span.from_rate - poolRps);
    const offered = span.from_rate - dropped;
    backlog = Math.max(0, backlog + offered - capacity);
    const answered = Math.min(capacity, offered + backlog);
    // Waiting behind the backlog: backlog / capacity seconds, on top of a 5 ms service time.
    const p95Us = (5 + (backlog / capacity) * 1000) * 1000;
    const histogram = createHistogram();
    for (let i = 0; i < answered; i++) recordMicros(histogram, i < answered * 0.9 ? 5000 : p95Us);
    const delta = {
      t,
      duration_s: 1,
      users: dropped > 0 ? 100 : 10,
      requests: Math.round(answered),
      failures: 0,
      dropped,
      histogram,
      cpu_pct: 20,
    };
    consumer.interval({ delta, totals: { stopping: false } as TickInfo, aggregate: undefined as never });
  }
  return { ...consumer.record(), warnings };
}

Deno.test("search consumer: finds a simulated FIFO server's capacity, drains after failures, then recovers", () => {
  for (const capacity of [75, 300, 1200]) {
    const record = simulate(capacity);
    assertEquals(record.stopped_by, "converged", `capacity ${capacity}`);
    const { held, failed } = record.bracket;
    assert(held! <= capacity && capacity < failed!, `capacity ${capacity}: ${held}..${failed}`);
    assert((failed! - held!) / held! <= 0.05, `capacity ${capacity}: ${held}..${failed}`);
    // Every step after a failed one starts only once the backlog is gone: none fails for the last one's queue.
    for (const s of record.path.filter((s) => s.rate <= capacity)) {
      assertEquals(s.verdict, "held", `${s.rate}/s`);
    }
    assertEquals(record.recovery?.peak?.rate, failed);
    assertEquals(record.recovery?.rate, Math.round(held! / 2 * 10) / 10);
  }
});

Deno.test("search consumer: a pool too small for the rate is named in the step and warned about once", () => {
  // The target could take 1200/s, but 100 users carry only 500/s: every step above fills the pool.
  const record = simulate(1200, 500);
  const over = record.path.filter((s) => s.rate > 500);
  // Above 500/0.95 the shortfall makes the step fail; between, the full seconds are counted but it holds.
  assert(over.length >= 1 && over.every((s) => s.pool_full_s! > 0), JSON.stringify(over));
  assert(over.every((s) => (s.verdict === "failed") === (s.rate > 500 / 0.95)), JSON.stringify(over));
  assert(
    over.find((s) => s.verdict === "failed")!.reasons.some((r) =>
      /all 100 users of the pool \(max_users\) were busy for \d+ s of the step/.test(r)
    ),
  );
  assertEquals(record.path.filter((s) => s.rate <= 500).every((s) => s.pool_full_s === undefined), true);
  assertEquals(record.warnings.length, 1, record.warnings.join("\n"));
  assert(
    /all 100 users of the pool \(max_users\) were busy for \d+ s .* raise max_users/.test(
      record.warnings[0]!,
    ),
  );
});
