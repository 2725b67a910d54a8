/** How a virtual user learns it must stop, and its think-time waits (one shared timer wheel). */
/** Waits at least this long go on the shared wheel; shorter ones get their own precise timer. */
export const WHEEL_MIN_MS = 50;

/** The wheel's tick: a think time of 1-3 s may end up to this much late. */
export const WHEEL_TICK_MS = 10;

/**
 * Shared by a worker's users: the stop flag and the waits between iterations. Waits are callbacks, not
 * promises, and long ones share one timer (a wheel): with 10,000 users thinking 1-2 s, a timer and a
 * promise per wait survived long enough to be promoted and the heap grew by megabytes a second
 * (measured: RSS past 430 MB in 40 s). Now nothing allocated for a wait outlives it.
 */
export class StopControl {
  #stopping = false;
  /** Short waits, by their wake function. */
  #timers = new Map<() => void, ReturnType<typeof setTimeout>>();
  /** Long waits, bucketed by the wheel tick they end in. */
  #wheel = new Map<number, (() => void)[]>();
  #wheelTimer: ReturnType<typeof setInterval> | undefined;

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stop starting iterations and run every pending wake-up now. */
  stop(): void {
    this.#stopping = true;
    const timers = [...this.#timers];
    this.#timers.clear();
    for (const [wake, timer] of timers) {
      clearTimeout(timer);
      wake();
    }
    const buckets = [...this.#wheel.values()];
    this.#wheel.clear();
    clearInterval(this.#wheelTimer);
    this.#wheelTimer = undefined;
    for (const bucket of buckets) for (const wake of bucket) wake();
  }

  /** Calls `wake` after `ms` (at once when stopping or `ms` <= 0; early when the run stops). */
  after(ms: number, wake: () => void): void {
    if (this.#stopping || ms <= 0) wake();
    else if (ms >= WHEEL_MIN_MS) this.#onWheel(ms, wake);
    else {
      this.#timers.set(
        wake,
        setTimeout(() => {
          this.#timers.delete(wake);
          wake();
        }, ms),
      );
    }
  }

  /** Sleeps `ms`, or less if the run stops meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  #onWheel(ms: number, wake: () => void): void {
    const tick = Math.ceil((performance.now() + ms) / WHEEL_TICK_MS);
    this.#wheelTimer ??= setInterval(() => this.#turnWheel(), WHEEL_TICK_MS);
    const bucket = this.#wheel.get(tick);
    if (bucket) bucket.push(wake);
    else this.#wheel.set(tick, [wake]);
  }

  /** Wakes every bucket that is due (several, if the event loop was late). */
  #turnWheel(): void {
    const now = performance.now() / WHEEL_TICK_MS;
    for (const [tick, bucket] of this.#wheel) {
      if (tick > now) continue;
      this.#wheel.delete(tick);
      for (const wake of bucket) wake();
    }
  }
}
