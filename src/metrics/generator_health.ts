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
/**
 * The busiest worker thread busy (running or waiting for a core) at or above this share of the time had
 * nothing to spare: a worker is one thread, so on a machine of many cores perf can be the limit long
 * before the process total says so, and on a crowded one before its CPU says so.
 */
export const WORKER_SATURATED_PCT = 90;

export interface HealthPoint {
  cpu_pct?: number;
  loop_lag_ms?: number;
  worker_busy_pct?: number;
}

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Why perf itself could not drive the span these points cover (its process CPU, or its busiest worker
 * thread, at the limit), or undefined when it could. A capacity search stops on it: the rate found
 * beyond it would be perf's limit, not the target's.
 */
export function generatorBound(points: readonly HealthPoint[], cores: number): string | undefined {
  const cpu = mean(points.flatMap((p) => p.cpu_pct === undefined ? [] : [p.cpu_pct]));
  const worker = mean(points.flatMap((p) => p.worker_busy_pct === undefined ? [] : [p.worker_busy_pct]));
  if (cpu !== undefined && cpu >= CPU_SATURATED_SHARE * cores * 100) {
    return `perf used ${round1(cpu)}% CPU of ${cores * 100}% (${cores} cores)`;
  }
  if (worker !== undefined && worker >= WORKER_SATURATED_PCT) {
    return `perf's busiest worker thread was busy ${round1(worker)}% of the time (running or waiting for ` +
      `a core; a worker runs on one core, this machine has ${cores})`;
  }
  return undefined;
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
  const cpuMean = mean(cpu) ?? 0;
  const workerMean = mean(points.flatMap((p) => p.worker_busy_pct === undefined ? [] : [p.worker_busy_pct]));
  const lagP95 = lag.length ? lag[Math.min(lag.length - 1, Math.floor(lag.length * 0.95))]! : 0;
  const health = {
    cores,
    cpu_pct_mean: round1(cpuMean),
    cpu_pct_max: round1(cpu.length ? Math.max(...cpu) : 0),
    loop_lag_ms_max: round1(lag.length ? lag[lag.length - 1]! : 0),
    loop_lag_ms_p95: round1(lagP95),
    ...(workerMean !== undefined ? { worker_busy_pct_mean: round1(workerMean) } : {}),
  };
  const why = cpuMean >= CPU_SATURATED_SHARE * cores * 100
    ? "its CPU was exhausted"
    : workerMean !== undefined && workerMean >= WORKER_SATURATED_PCT
    ? "its busiest worker thread had no time to spare"
    : lagP95 >= LAG_SATURATED_MS
    ? "its event loops fell behind"
    : undefined;
  return { ...health, saturated: why !== undefined, verdict: verdict(health, why, droppedIterations) };
}

function verdict(
  h: Omit<GeneratorHealth, "saturated" | "verdict">,
  why: string | undefined,
  dropped: number,
): string {
  const worker = h.worker_busy_pct_mean !== undefined
    ? `, busiest worker thread busy ${h.worker_busy_pct_mean}% of the time`
    : "";
  const figures =
    `CPU ${h.cpu_pct_mean}% mean, ${h.cpu_pct_max}% max of ${h.cores * 100}% (${h.cores} cores)${worker}; ` +
    `event-loop lag ${h.loop_lag_ms_p95} ms p95, ${h.loop_lag_ms_max} ms max`;
  if (why) {
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
