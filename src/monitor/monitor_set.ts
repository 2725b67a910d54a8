/**
 * Runs the monitors of one scenario run: each samples on its own interval (unref'd timers, so monitors
 * never keep perf alive), its values go into bounded series, and a failing monitor is counted and
 * reported, never thrown. `result()` is what result.json carries under `monitors`.
 *
 * ```ts
 * const monitors = new MonitorSet(scenario.monitor, { startMs: startEpoch });
 * monitors.start();
 * // ... the run ...
 * await monitors.stop();
 * result.monitors = monitors.result();
 * ```
 *
 * @module
 */
import type {
  MonitorError,
  MonitorSeries,
  MonitorSource,
  MonitorsResult,
  MonitorUnit,
} from "../model/monitor.ts";
import type { MonitorConfig } from "../model/monitor_config.ts";
import { GeneratorSampler } from "./generator.ts";
import { ProcessSampler } from "./process_sampler.ts";
import { PrometheusSampler } from "./prometheus.ts";
import { DEFAULT_SERIES_CAP, SeriesBuffer } from "./series_buffer.ts";

export interface MonitorSetOptions {
  /** Wall clock in ms (default Date.now); `t` of each point is (now() - startMs) / 1000. */
  now?: () => number;
  /** When the run started, on the `now` clock (default: now() when the set is built). */
  startMs?: number;
  /** Most points kept per series before neighbours merge (default 2000). */
  cap?: number;
  /** Sample perf itself (cpu_pct, rss_mb, loop_lag_ms) every `generatorIntervalMs` (default on, 1 s). */
  generator?: boolean;
  generatorIntervalMs?: number;
  /** Told the first time a monitor fails after working (or from the start), to print a warning. */
  onError?: (monitor: string, message: string) => void;
  fetch?: typeof fetch;
  /** More monitors beyond the config's (tests; kinds that are not in the config). */
  extra?: readonly Monitor[];
}

/** One measured value of a sample. */
export interface MonitorValue {
  name: string;
  unit: MonitorUnit;
  value: number;
}

/** Any monitor: a name, a cadence and a sample that reports values and/or an error. */
export interface Monitor {
  name: string;
  source: MonitorSource;
  intervalMs: number;
  sample(): Promise<{ values: MonitorValue[]; error?: string }>;
  start?(): void;
  stop?(): void;
}

export class MonitorSet {
  readonly monitors: Monitor[];
  readonly #now: () => number;
  readonly #startMs: number;
  readonly #cap: number;
  readonly #series = new Map<string, { meta: Omit<MonitorSeries, "points">; buffer: SeriesBuffer }>();
  readonly #errors = new Map<string, MonitorError>();
  readonly #failing = new Set<string>();
  readonly #inFlight = new Map<Monitor, Promise<void>>();
  #timers: ReturnType<typeof setInterval>[] = [];

  constructor(configs: readonly MonitorConfig[], readonly options: MonitorSetOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#startMs = options.startMs ?? this.#now();
    this.#cap = options.cap ?? DEFAULT_SERIES_CAP;
    this.monitors = [
      ...(options.generator ?? true) ? [generatorMonitor(options.generatorIntervalMs ?? 1000)] : [],
      ...configs.map((config) => buildMonitor(config, options.fetch)),
      ...options.extra ?? [],
    ];
  }

  /** Samples every monitor now and then on its interval. Calling it twice does nothing more. */
  start(): void {
    if (this.#timers.length > 0) return;
    for (const monitor of this.monitors) {
      monitor.start?.();
      this.#tick(monitor);
      const timer = setInterval(() => this.#tick(monitor), monitor.intervalMs);
      Deno.unrefTimer(timer);
      this.#timers.push(timer);
    }
  }

  /** Stops the timers and waits for samples in flight (a scrape waits at most its timeout). */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    for (const monitor of this.monitors) monitor.stop?.();
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** Samples every monitor once, now, and waits for them (tests; a last sample at the end of a run). */
  async sampleAll(): Promise<void> {
    await Promise.all(this.monitors.map((monitor) => this.#tick(monitor)));
  }

  /** Series grouped by monitor (in config order), the built-in measures first in a fixed order. */
  result(): MonitorsResult {
    const order = new Map(this.monitors.map((m, i) => [m.name, i]));
    const rank = (s: Omit<MonitorSeries, "points">) =>
      (order.get(s.monitor) ?? 0) * 100 + measureRank(s.name);
    const entries = [...this.#series.values()].sort((a, b) => rank(a.meta) - rank(b.meta));
    return {
      series: entries.map(({ meta, buffer }) => ({ ...meta, points: buffer.points() })),
      errors: [...this.#errors.values()].map((error) => ({ ...error })),
    };
  }

  /** One sample of `monitor`, unless the previous one is still running (a slow scrape is not stacked). */
  #tick(monitor: Monitor): Promise<void> {
    const running = this.#inFlight.get(monitor);
    if (running) return running;
    const done = this.#sample(monitor).finally(() => this.#inFlight.delete(monitor));
    this.#inFlight.set(monitor, done);
    return done;
  }

  async #sample(monitor: Monitor): Promise<void> {
    const t = Math.max(0, Math.round(this.#now() - this.#startMs)) / 1000;
    let outcome: { values: MonitorValue[]; error?: string };
    try {
      outcome = await monitor.sample();
    } catch (error) {
      outcome = { values: [], error: (error as Error)?.message ?? String(error) };
    }
    for (const value of outcome.values) this.#record(monitor, value, t);
    if (outcome.error === undefined) this.#failing.delete(monitor.name);
    else this.#recordError(monitor.name, outcome.error, t);
  }

  #record(monitor: Monitor, value: MonitorValue, t: number): void {
    const key = `${monitor.name}\0${value.name}`;
    let entry = this.#series.get(key);
    if (!entry) {
      const meta = { monitor: monitor.name, name: value.name, source: monitor.source, unit: value.unit };
      entry = { meta, buffer: new SeriesBuffer(this.#cap) };
      this.#series.set(key, entry);
    }
    entry.buffer.push(t, value.value);
  }

  #recordError(monitor: string, message: string, t: number): void {
    const known = this.#errors.get(monitor);
    if (known) Object.assign(known, { count: known.count + 1, last: message, last_t: t });
    else this.#errors.set(monitor, { monitor, count: 1, last: message, first_t: t, last_t: t });
    if (!this.#failing.has(monitor)) this.options.onError?.(monitor, message);
    this.#failing.add(monitor);
  }
}

const BUILT_IN_MEASURES = ["cpu_pct", "rss_mb", "threads", "open_files", "loop_lag_ms"];

/** cpu_pct, rss_mb, ... first; Prometheus series after them, in the order they first appeared. */
function measureRank(name: string): number {
  const index = BUILT_IN_MEASURES.indexOf(name);
  return index < 0 ? BUILT_IN_MEASURES.length : index;
}

/**
 * A Prometheus value with the unit its name announces (Prometheus naming: base units as suffixes):
 * `*_bytes` in MB, so memory reads and drifts like the process monitors' rss_mb; `*_seconds` in ms.
 */
export function prometheusValue(v: { name: string; value: number; metric?: string }): MonitorValue {
  // The metric's own name decides the unit, even when `as:` renamed the series.
  const metric = v.metric ?? v.name.replace(/\{.*$/, "");
  if (metric.endsWith("_bytes")) return { name: v.name, unit: "MB", value: v.value / 2 ** 20 };
  if (metric.endsWith("_seconds")) return { name: v.name, unit: "ms", value: v.value * 1000 };
  return { name: v.name, unit: "", value: v.value };
}

/** A monitor for one parsed `monitor:` entry. */
function buildMonitor(config: MonitorConfig, fetchFn: typeof fetch = fetch): Monitor {
  if (config.kind === "prometheus") {
    const sampler = new PrometheusSampler(config.prometheus, fetchFn);
    return {
      name: config.name,
      source: "prometheus",
      intervalMs: config.prometheus.interval,
      sample: async () => {
        const { values, error } = await sampler.sample();
        return { values: values.map(prometheusValue), ...(error ? { error } : {}) };
      },
    };
  }
  const sampler = new ProcessSampler(config.process);
  return {
    name: config.name,
    source: "process",
    intervalMs: config.interval,
    sample: async () => {
      const outcome = await sampler.sample();
      if (!outcome.ok) return { values: [], error: outcome.error };
      const { cpu_pct, rss_mb, threads, open_files } = outcome.value;
      const values: MonitorValue[] = [];
      if (cpu_pct !== undefined) values.push({ name: "cpu_pct", unit: "%", value: cpu_pct });
      values.push({ name: "rss_mb", unit: "MB", value: rss_mb }, {
        name: "threads",
        unit: "count",
        value: threads,
      });
      if (open_files !== undefined) values.push({ name: "open_files", unit: "count", value: open_files });
      return { values };
    },
  };
}

/** perf itself, always on unless turned off. */
function generatorMonitor(intervalMs: number): Monitor {
  const sampler = new GeneratorSampler();
  return {
    name: "generator",
    source: "generator",
    intervalMs,
    start: () => sampler.start(),
    stop: () => sampler.stop(),
    sample: () => {
      const { cpu_pct, rss_mb, loop_lag_ms } = sampler.sample();
      return Promise.resolve({
        values: [
          { name: "cpu_pct", unit: "%", value: cpu_pct },
          { name: "rss_mb", unit: "MB", value: rss_mb },
          { name: "loop_lag_ms", unit: "ms", value: loop_lag_ms },
        ],
      });
    },
  };
}
