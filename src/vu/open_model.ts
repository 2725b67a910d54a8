/**
 * The open model in a worker: iterations start on the schedule whatever the target's latency. Each has
 * an intended start time; its latency is measured from it (coordinated omission corrected) and its
 * service time from the actual send. A start that finds every user busy is dropped and counted.
 */
import type { RequestOutcome, SnapshotRecorder } from "../metrics/snapshot.ts";
import { arrivalTimeMs, type RateSegment } from "../plan/arrival_schedule.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { pickWeighted } from "../plan/weighted.ts";
import type { UserEngine } from "./engine.ts";
import type { StopControl } from "./virtual_user.ts";

export interface ArrivalContext {
  segments: readonly RateSegment[];
  /** This worker takes arrivals first, first + step, first + 2 step, ... */
  first: number;
  step: number;
  maxUsers: number;
  /** performance.now() of the schedule's time 0. */
  startPerf: number;
  requests: readonly RequestPlan[];
  cumulative: readonly number[];
  random: () => number;
  recorder: SnapshotRecorder;
  newEngine: () => UserEngine;
  control: StopControl;
}

export class ArrivalDriver {
  #next: number;
  #idle: UserEngine[] = [];
  #created = 0;
  #busy = 0;
  #dropped = 0;
  #running = new Set<Promise<void>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #slots: number[];

  constructor(readonly ctx: ArrivalContext) {
    this.#next = ctx.first;
    this.#slots = ctx.requests.map((plan) => ctx.recorder.slot(plan.name, plan.method));
  }

  get busy(): number {
    return this.#busy;
  }

  /** Dropped starts since the last call. */
  takeDropped(): number {
    const dropped = this.#dropped;
    this.#dropped = 0;
    return dropped;
  }

  /** Starts every arrival that is due, then sleeps until the next one. */
  tick = (): void => {
    const { ctx } = this;
    if (ctx.control.stopping) return;
    const now = performance.now() - ctx.startPerf;
    for (;;) {
      const due = arrivalTimeMs(ctx.segments, this.#next);
      if (due === undefined) return; // the schedule is over; the runner stops the run at its end
      if (due > now) {
        this.#timer = setTimeout(this.tick, due - now);
        return;
      }
      this.#start(ctx.startPerf + due);
      this.#next += ctx.step;
    }
  };

  #start(intended: number): void {
    let engine = this.#idle.pop();
    if (!engine && this.#created < this.ctx.maxUsers) {
      engine = this.ctx.newEngine();
      this.#created++;
    }
    if (!engine) {
      this.#dropped++;
      return;
    }
    const iteration = this.#iterate(engine, intended);
    this.#running.add(iteration);
    iteration.finally(() => this.#running.delete(iteration));
  }

  async #iterate(engine: UserEngine, intended: number): Promise<void> {
    const { ctx } = this;
    this.#busy++;
    try {
      const index = pickWeighted(ctx.cumulative, ctx.random());
      const outcome: RequestOutcome = await engine.send(ctx.requests[index]!, index);
      // The engine timed the request from the actual send: that is the service time.
      outcome.service_us = outcome.latency_us;
      outcome.latency_us = (performance.now() - intended) * 1000;
      ctx.recorder.recordAt(this.#slots[index]!, outcome);
    } finally {
      this.#busy--;
      this.#idle.push(engine);
    }
  }

  /** Stops starting iterations and waits for the running ones (the caller bounds the wait). */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await Promise.allSettled([...this.#running]);
    for (const engine of this.#idle) engine.close();
  }
}
