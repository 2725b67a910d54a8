/**
 * The generator watches itself (design §3): CPU of the perf process and event-loop lag of its workers,
 * sampled every second, and a plain verdict on whether the generator, not the target, was the limit.
 */
import type { GeneratorHealth } from "../model/health.ts";
import process from "node:process";
import { round } from "../model/numbers.ts";

/** Mean CPU at or above this share of all cores means the generator had nothing to spare. */
export const CPU_SATURATED_SHARE = 0.9;
/**
 * Timers this late in more than 5% of the seconds (and in two at least, so one stall in a short search
 * step is not enough) mean requests waited inside perf.
 */
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
const valuesOf = (points: readonly HealthPoint[], key: keyof HealthPoint) =>
  points.flatMap((p) => p[key] === undefined ? [] : [p[key]]);

type HealthFigures = Omit<GeneratorHealth, "saturated" | "verdict">;

/** Seconds whose timers ran LAG_SATURATED_MS late or more, of the seconds measured. */
function lateSeconds(points: readonly HealthPoint[]): { late: number; seconds: number } {
  const lag = valuesOf(points, "loop_lag_ms");
  return { late: lag.filter((v) => v >= LAG_SATURATED_MS).length, seconds: lag.length };
}

/** The figures saturation is judged on, over the points given (a run, or one step of a search). */
function healthFigures(points: readonly HealthPoint[], cores: number): HealthFigures {
  const cpu = valuesOf(points, "cpu_pct");
  const lag = valuesOf(points, "loop_lag_ms").sort((a, b) => a - b);
  const worker = mean(valuesOf(points, "worker_busy_pct"));
  const lagP95 = lag.length ? lag[Math.min(lag.length - 1, Math.floor(lag.length * 0.95))]! : 0;
  return {
    cores,
    cpu_pct_mean: round(mean(cpu) ?? 0, 1),
    cpu_pct_max: round(cpu.length ? Math.max(...cpu) : 0, 1),
    loop_lag_ms_max: round(lag.length ? lag[lag.length - 1]! : 0, 1),
    loop_lag_ms_p95: round(lagP95, 1),
    ...(worker !== undefined ? { worker_busy_pct_mean: round(worker, 1) } : {}),
  };
}

/**
 * Why these figures show perf at its own limit (short, for the verdict; detailed, for a search step), or
 * undefined when perf kept up. One rule for the run's verdict and for the search's steps.
 */
function saturation(
  points: readonly HealthPoint[],
  h: HealthFigures,
): { short: string; detail: string } | undefined {
  if (h.cpu_pct_mean >= CPU_SATURATED_SHARE * h.cores * 100) {
    return {
      short: "its CPU was exhausted",
      detail: `perf used ${h.cpu_pct_mean}% CPU of ${h.cores * 100}% (${h.cores} cores)`,
    };
  }
  if (h.worker_busy_pct_mean !== undefined && h.worker_busy_pct_mean >= WORKER_SATURATED_PCT) {
    return {
      short: "its busiest worker thread had no time to spare",
      detail: `perf's busiest worker thread was busy ${h.worker_busy_pct_mean}% of the time (running or ` +
        `waiting for a core; a worker runs on one core, this machine has ${h.cores})`,
    };
  }
  const { late, seconds } = lateSeconds(points);
  if (late >= 2 && late > 0.05 * seconds) {
    return {
      short: "its event loops fell behind",
      detail: `perf's timers ran ${LAG_SATURATED_MS} ms late or more in ${late} of ${seconds} ` +
        `seconds (up to ${h.loop_lag_ms_max} ms): requests waited inside perf`,
    };
  }
  return undefined;
}

/**
 * Why perf itself could not drive the span these points cover, or undefined when it could. A capacity
 * search stops on it: the rate found beyond it would be perf's limit, not the target's.
 */
export function generatorBound(points: readonly HealthPoint[], cores: number): string | undefined {
  return saturation(points, healthFigures(points, cores))?.detail;
}

export function judgeGenerator(
  points: readonly HealthPoint[],
  cores: number,
  droppedIterations = 0,
): GeneratorHealth {
  const health = healthFigures(points, cores);
  const why = saturation(points, health)?.short;
  return { ...health, saturated: why !== undefined, verdict: verdict(health, why, droppedIterations) };
}

function verdict(
  h: HealthFigures,
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
