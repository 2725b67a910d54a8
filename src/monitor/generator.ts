/**
 * The generator watching itself as a monitor (design §3): CPU of the perf process, its resident memory
 * and the main thread's event-loop lag, so a report shows whether perf, not the target, ran out of room.
 *
 * @module
 */
import { CpuMeter } from "../metrics/generator_health.ts";

/** Resident memory of the perf process (main isolate, workers and native buffers), MB. */
export function generatorRssMb(): number {
  return Math.round((Deno.memoryUsage().rss / 1_048_576) * 100) / 100;
}

/** How often the lag probe wakes: short enough to catch a stall, cheap enough to ignore. */
const LAG_PROBE_MS = 50;

export interface GeneratorValues {
  cpu_pct: number;
  rss_mb: number;
  /** Worst lateness of the main thread's timers since the previous sample, ms. */
  loop_lag_ms: number;
}

export class GeneratorSampler {
  readonly #cpu = new CpuMeter();
  #lagMax = 0;
  #probe: ReturnType<typeof setInterval> | undefined;
  #expected = 0;

  /** Starts the lag probe; its timer is unref'd, so it never keeps perf alive. */
  start(): void {
    if (this.#probe !== undefined) return;
    this.#expected = performance.now() + LAG_PROBE_MS;
    const probe = setInterval(() => {
      const now = performance.now();
      this.#lagMax = Math.max(this.#lagMax, now - this.#expected);
      this.#expected = now + LAG_PROBE_MS;
    }, LAG_PROBE_MS);
    Deno.unrefTimer(probe);
    this.#probe = probe;
  }

  stop(): void {
    clearInterval(this.#probe);
    this.#probe = undefined;
  }

  sample(): GeneratorValues {
    const lag = Math.round(Math.max(0, this.#lagMax) * 10) / 10;
    this.#lagMax = 0;
    return { cpu_pct: this.#cpu.sample(), rss_mb: generatorRssMb(), loop_lag_ms: lag };
  }
}
