/**
 * The open model in a worker: iterations start on the schedule whatever the target's latency, each on a
 * free user of a pool that grows as needed up to `maxUsers`. Each has an intended start time; its
 * latency is measured from it (coordinated omission corrected, see pooled_user.ts) and its service time
 * from the actual send. A start that finds every user busy waits in a queue for the next free one (as
 * wrk2 does: the wait is part of its latency, not of its service time); one that cannot start within the
 * request timeout is dropped and counted, never silently lost.
 */
import { arrivalTimeMs, type RateSpan, rescheduleFrom } from "../plan/arrival_schedule.ts";
import type { PooledUser } from "./pooled_user.ts";
import type { StopControl } from "./stop_control.ts";

export interface ArrivalContext {
  spans: readonly RateSpan[];
  /** This worker takes arrivals first, first + step, first + 2 step, ... */
  first: number;
  step: number;
  maxUsers: number;
  /** How long a start may wait for a free user before it is dropped. */
  queueTimeoutMs: number;
  /** performance.now() of the schedule's time 0. */
  startPerf: number;
  newUser: () => PooledUser;
  /** An iteration that threw (used-up test data, a bug): the worker decides. */
  onError: (error: unknown) => void;
  control: StopControl;
}

export class ArrivalDriver {
  #next: number;
  /** The arrival schedule; a capacity search replaces its future part as it goes. */
  #spans: readonly RateSpan[];
  #idle: PooledUser[] = [];
  #created = 0;
  #busy = 0;
  #dropped = 0;
  #running = new Set<Promise<void>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Intended start times waiting for a free user, oldest first (`#head` avoids O(n) shifts). */
  #queue: number[] = [];
  #head = 0;

  constructor(readonly ctx: ArrivalContext) {
    this.#next = ctx.first;
    this.#spans = ctx.spans;
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
    this.#expireQueue(performance.now());
    const now = performance.now() - ctx.startPerf;
    for (;;) {
      const due = arrivalTimeMs(this.#spans, this.#next);
      if (due === undefined) return; // the schedule is over; the runner stops the run at its end
      if (due > now) {
        this.#timer = setTimeout(this.tick, due - now);
        return;
      }
      this.#start(ctx.startPerf + due);
      this.#next += ctx.step;
    }
  };

  /**
   * Replaces the schedule after `fromMs` (ms from the start) and wakes the scheduler, which may have
   * been asleep for an arrival that no longer comes then, or have found the old schedule over.
   */
  reschedule(fromMs: number, spans: readonly RateSpan[]): void {
    this.#spans = rescheduleFrom(this.#spans, fromMs, spans);
    clearTimeout(this.#timer);
    this.tick();
  }

  #start(intended: number): void {
    let user = this.#idle.pop();
    if (!user && this.#created < this.ctx.maxUsers) {
      user = this.ctx.newUser();
      this.#created++;
    }
    if (user) this.#run(user, intended);
    else this.#queue.push(intended);
  }

  #run(user: PooledUser, intended: number): void {
    const iteration = this.#iterate(user, intended);
    this.#running.add(iteration);
    iteration.finally(() => this.#running.delete(iteration));
  }

  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Drops queued starts that have waited longer than the timeout. */
  #expireQueue(now: number): void {
    const oldest = now - this.ctx.queueTimeoutMs;
    while (this.#head < this.#queue.length && this.#queue[this.#head]! < oldest) {
      this.#head++;
      this.#dropped++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** A user is free: give it the oldest queued start that has not expired, else let it idle. */
  #release(user: PooledUser): void {
    this.#expireQueue(performance.now());
    // Starts that were due before the end still run during the graceful stop: the whole schedule is offered.
    if (this.#head < this.#queue.length) {
      this.#run(user, this.#queue[this.#head++]!);
    } else this.#idle.push(user);
  }

  async #iterate(user: PooledUser, intended: number): Promise<void> {
    this.#busy++;
    try {
      await user.iterate(intended);
    } catch (error) {
      this.ctx.onError(error);
    } finally {
      this.#busy--;
      this.#release(user);
    }
  }

  /** Users created so far (the pool grows up to `maxUsers`). */
  get created(): number {
    return this.#created;
  }

  /** The graceful stop ran out: starts still queued will not run; they count as dropped. */
  abandonQueue(): void {
    this.#dropped += this.queued;
    this.#queue = [];
    this.#head = 0;
  }

  /** Stops scheduling; queued starts still run (until `abandonQueue`), then waits for all of them. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
    await Promise.allSettled(this.#idle.map((user) => user.close()));
  }
}
