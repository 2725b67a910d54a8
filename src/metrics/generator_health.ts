/**
 * The generator watches itself (design §3): CPU of the perf process and event-loop lag of its workers,
 * sampled every second, and a plain verdict on whether the generator, not the target, was the limit.
 */
import type { GeneratorHealth } from "../model/health.ts";
import process from "node:process";

/** Mean CPU at or above this share of all cores means the generator had nothing to spare. */
export const CPU_SATURATED_SHARE = 0.9;
/** Timers this late in 5% of intervals mean requests waited inside perf. */
export const LAG_SATURATED_MS = 50;

export interface HealthPoint {
  cpu_pct?: number;
  loop_lag_ms?: number;
}

export function judgeGenerator(
  points: readonly HealthPoint[],
  cores: number,
  droppedIterations = 0,
): GeneratorHealth {
  const cpu = points.map((p) => p.cpu_pct).filter((v): v is number => v !== undefined);
  const lag = points.map((p) => p.loop_lag_ms).filter((v): v is number => v !== undefined).sort((a, b) =>
    a - b
  );
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const cpuMean = cpu.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : 0;
  const lagP95 = lag.length ? lag[Math.min(lag.length - 1, Math.floor(lag.length * 0.95))]! : 0;
  const health = {
    cores,
    cpu_pct_mean: round1(cpuMean),
    cpu_pct_max: round1(cpu.length ? Math.max(...cpu) : 0),
    loop_lag_ms_max: round1(lag.length ? lag[lag.length - 1]! : 0),
    loop_lag_ms_p95: round1(lagP95),
  };
  const cpuSaturated = cpuMean >= CPU_SATURATED_SHARE * cores * 100;
  const lagSaturated = lagP95 >= LAG_SATURATED_MS;
  const saturated = cpuSaturated || lagSaturated;
  return { ...health, saturated, verdict: verdict(health, cpuSaturated, lagSaturated, droppedIterations) };
}

function verdict(
  h: Omit<GeneratorHealth, "saturated" | "verdict">,
  cpuSaturated: boolean,
  lagSaturated: boolean,
  dropped: number,
): string {
  const figures =
    `CPU ${h.cpu_pct_mean}% mean, ${h.cpu_pct_max}% max of ${h.cores * 100}% (${h.cores} cores); ` +
    `event-loop lag ${h.loop_lag_ms_p95} ms p95, ${h.loop_lag_ms_max} ms max`;
  if (cpuSaturated || lagSaturated) {
    const why = cpuSaturated ? "its CPU was exhausted" : "its event loops fell behind";
    return `the load generator was the bottleneck (${why}): ${figures}. Latencies include time spent ` +
      `waiting inside perf; lower the load, add --workers, or split the test over machines.`;
  }
  if (dropped > 0) {
    return `the generator kept up (${figures}); the ${dropped} dropped starts came from max_users being ` +
      `too small for the rate and the target's latency.`;
  }
  return `the generator kept up: ${figures}.`;
}

/** CPU of this process (all threads) since the previous call, as a percentage of one core. */
export class CpuMeter {
  #last = process.cpuUsage();
  #lastAt = performance.now();

  sample(): number {
    const now = performance.now();
    const used = process.cpuUsage(this.#last);
    this.#last = process.cpuUsage();
    const wallUs = (now - this.#lastAt) * 1000;
    this.#lastAt = now;
    return wallUs > 0 ? Math.round(((used.user + used.system) / wallUs) * 1000) / 10 : 0;
  }
}

/** Measures how late a worker's timers fire: the event-loop lag that delays every request it sends. */
export class LagMonitor {
  #max = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly everyMs = 50) {}

  start(): void {
    const expected = performance.now() + this.everyMs;
    this.#timer = setTimeout(() => {
      this.#max = Math.max(this.#max, performance.now() - expected);
      this.start();
    }, this.everyMs);
  }

  /** The worst lag since the previous call, ms. */
  takeMax(): number {
    const max = this.#max;
    this.#max = 0;
    return Math.round(max * 10) / 10;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
