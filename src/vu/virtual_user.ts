/**
 * One virtual user of the closed model: pick a weighted task, send it, wait, repeat until the worker
 * stops. Many of these run concurrently in one worker.
 */
import type { WaitTime } from "../config/schema.ts";
import type { RequestOutcome, SnapshotRecorder } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { waitAfterTaskMs } from "../plan/wait_time.ts";
import { pickWeighted } from "../plan/weighted.ts";

/** Sends the request of `plan`, which is `requests[index]` (engines keep per-index prepared state). */
export type Send = (plan: RequestPlan, index: number) => Promise<RequestOutcome>;

/** Shared by a worker's users: the stop flag and interruptible sleeps. */
export class StopControl {
  #stopping = false;
  #sleepers = new Set<() => void>();

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stop starting iterations and wake every sleeping user. */
  stop(): void {
    this.#stopping = true;
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
  }

  /** Sleeps `ms`, or less if the run stops meanwhile. */
  sleep(ms: number): Promise<void> {
    if (this.#stopping || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}

export interface UserContext {
  requests: readonly RequestPlan[];
  cumulative: readonly number[];
  wait: WaitTime;
  random: () => number;
  recorder: SnapshotRecorder;
  send: Send;
  control: StopControl;
  /** performance.now() at which this user stops (a ramp-down stage); undefined: when the run stops. */
  until?: number;
}

export async function runVirtualUser(ctx: UserContext): Promise<void> {
  const { control } = ctx;
  // Endpoint slots are resolved once per user, so recording costs no string work per request.
  const slots = ctx.requests.map((plan) => ctx.recorder.slot(plan.name, plan.method));
  const until = ctx.until ?? Infinity;
  while (!control.stopping && performance.now() < until) {
    const index = pickWeighted(ctx.cumulative, ctx.random());
    const started = performance.now();
    const outcome = await ctx.send(ctx.requests[index]!, index);
    ctx.recorder.recordAt(slots[index]!, outcome);
    const elapsed = performance.now() - started;
    const wait = waitAfterTaskMs(ctx.wait, elapsed, ctx.random());
    // No wait (as in a throughput test) costs no timer and no extra turn of the event loop.
    if (wait > 0) await control.sleep(Math.min(wait, until - performance.now()));
  }
}
