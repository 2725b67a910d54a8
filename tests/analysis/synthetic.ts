/**
 * Synthetic timelines for the analysis tests: seeded noise (seededRandom, so every run sees the same numbers)
 * and small server models whose true capacity, drain time or drift is known.
 */
import type { TimelinePoint } from "../../src/model/result.ts";
import type { StressStage } from "../../src/model/stress_plan.ts";
import { seededRandom } from "../../src/plan/weighted.ts";

/** Standard normal noise from seededRandom (Box-Muller). */
export function gaussian(seed: number): () => number {
  const u = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** One timeline point; p50/p99 follow p95 so every field is plausible. */
export function point(
  t: number,
  fields: { requests: number; p95_ms: number; failures?: number; interval_s?: number; users?: number },
): TimelinePoint {
  const interval = fields.interval_s ?? 1;
  return {
    t,
    interval_s: interval,
    users: fields.users ?? 0,
    requests: fields.requests,
    rps: fields.requests / interval,
    failures: fields.failures ?? 0,
    p50_ms: fields.p95_ms * 0.6,
    p95_ms: fields.p95_ms,
    p99_ms: fields.p95_ms * 1.3,
  };
}

/**
 * An open-model run against a server that answers at most `capacity` req/s and queues the rest (FIFO,
 * nothing dropped): each second, arrivals at the stage's target join the queue, up to `capacity` are
 * answered, and the answered ones waited `queue / capacity` seconds on top of `base_ms`.
 * The queue drains at `capacity - baseline` per second once the load drops, so the drain time is known.
 */
export function capacityServer(
  stages: readonly StressStage[],
  opts: { capacity: number; base_ms: number; seed: number; noise?: number },
): { timeline: TimelinePoint[]; queueAt: (t: number) => number } {
  const noise = gaussian(opts.seed);
  const queues: number[] = [];
  const timeline: TimelinePoint[] = [];
  let queue = 0;
  const end = stages[stages.length - 1]!.end_s;
  for (let t = 1; t <= end; t++) {
    const stage = stages.find((s) => t - 0.5 >= s.start_s && t - 0.5 < s.end_s)!;
    const waitMs = (queue / opts.capacity) * 1000;
    queue += stage.target;
    const served = Math.min(opts.capacity, queue);
    queue -= served;
    queues.push(queue);
    const p95 = (opts.base_ms * 1.2 + waitMs) * (1 + (opts.noise ?? 0.05) * noise());
    timeline.push(point(t, { requests: Math.round(served), p95_ms: Math.max(0.1, p95) }));
  }
  return { timeline, queueAt: (t) => queues[t - 1] ?? 0 };
}

/**
 * An endurance timeline: `minutes` long, one point per `interval_s`, p95 from `p95(tMinutes)` times a
 * Gaussian noise of relative size `noise`, `rps` req/s, failures from `errorRate(tMinutes)`.
 */
export function enduranceTimeline(opts: {
  minutes: number;
  interval_s?: number;
  seed: number;
  noise?: number;
  rps?: number;
  p95: (minute: number) => number;
  errorRate?: (minute: number) => number;
}): TimelinePoint[] {
  const interval = opts.interval_s ?? 5;
  const n = gaussian(opts.seed);
  const rps = opts.rps ?? 200;
  const out: TimelinePoint[] = [];
  for (let t = interval; t <= opts.minutes * 60 + 1e-9; t += interval) {
    const minute = (t - interval / 2) / 60;
    const requests = Math.round(rps * interval * (1 + 0.03 * n()));
    const failures = Math.round(requests * (opts.errorRate?.(minute) ?? 0));
    const p95 = opts.p95(minute) * (1 + (opts.noise ?? 0.1) * n());
    out.push(point(t, { requests, failures, p95_ms: Math.max(0.1, p95), interval_s: interval }));
  }
  return out;
}
