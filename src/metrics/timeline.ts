/**
 * The one-second timeline with a fixed cap: when it fills, adjacent points are merged in pairs and the
 * interval doubles, so a 24 h run holds no more points than the cap (design §3).
 */
import type { TimelinePoint } from "../model/result.ts";
import { createHistogram, type Histogram, percentileMs } from "./histogram.ts";

export const DEFAULT_TIMELINE_CAP = 2000;

/** One raw interval as measured by the aggregator. */
export interface IntervalSample {
  /** Seconds since the run started, at the end of the interval. */
  t: number;
  duration_s: number;
  users: number;
  requests: number;
  failures: number;
  /** Open model: starts dropped in the interval. */
  dropped?: number;
  /** CPU of the perf process over the interval (100 = one core) and its workers' worst timer lag. */
  cpu_pct?: number;
  loop_lag_ms?: number;
  /** How busy the busiest worker thread was (running or waiting for a core; 100 = never idle). */
  worker_busy_pct?: number;
  /** Resident memory of the perf process at the end of the interval, MB. */
  rss_mb?: number;
  histogram: Histogram;
}

/**
 * Merges two neighbouring points into one covering both. Counts add up exactly; the percentiles of the
 * merged point are the request-weighted mean of the two (their histograms are no longer kept).
 */
export function mergePoints(a: TimelinePoint, b: TimelinePoint): TimelinePoint {
  const requests = a.requests + b.requests;
  const interval = a.interval_s + b.interval_s;
  const weighted = (x: number, y: number) =>
    requests === 0 ? 0 : Math.round(((x * a.requests + y * b.requests) / requests) * 1000) / 1000;
  return {
    t: b.t,
    interval_s: interval,
    users: b.users,
    requests,
    rps: round2(requests / interval),
    failures: a.failures + b.failures,
    ...(a.dropped !== undefined || b.dropped !== undefined
      ? { dropped: (a.dropped ?? 0) + (b.dropped ?? 0) }
      : {}),
    ...generatorFields(a, b),
    ...(a.rss_mb !== undefined || b.rss_mb !== undefined
      ? { rss_mb: Math.max(a.rss_mb ?? 0, b.rss_mb ?? 0) }
      : {}),
    p50_ms: weighted(a.p50_ms, b.p50_ms),
    p95_ms: weighted(a.p95_ms, b.p95_ms),
    p99_ms: weighted(a.p99_ms, b.p99_ms),
  };
}

/** CPU is averaged over the merged time; lag keeps its worst. */
function generatorFields(
  a: TimelinePoint,
  b: TimelinePoint,
): Pick<TimelinePoint, "cpu_pct" | "loop_lag_ms" | "worker_busy_pct"> {
  if (a.cpu_pct === undefined || b.cpu_pct === undefined) return {};
  const mean = (x: number, y: number) =>
    round2((x * a.interval_s + y * b.interval_s) / (a.interval_s + b.interval_s));
  return {
    cpu_pct: mean(a.cpu_pct, b.cpu_pct),
    loop_lag_ms: Math.max(a.loop_lag_ms ?? 0, b.loop_lag_ms ?? 0),
    ...(a.worker_busy_pct !== undefined && b.worker_busy_pct !== undefined
      ? { worker_busy_pct: mean(a.worker_busy_pct, b.worker_busy_pct) }
      : {}),
  };
}

/** Halves a point list by merging pairs; an odd last point stays as it is. */
export function coarsen(points: TimelinePoint[]): TimelinePoint[] {
  const merged: TimelinePoint[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const next = points[i + 1];
    merged.push(next ? mergePoints(points[i]!, next) : points[i]!);
  }
  return merged;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function newPending(histogram: Histogram) {
  return {
    count: 0,
    duration: 0,
    requests: 0,
    failures: 0,
    dropped: 0,
    cpuTime: 0,
    hasCpu: false,
    workerBusyTime: 0,
    workerBusySpan: 0,
    lag: 0,
    /** The highest RSS seen in the point's intervals (memory is judged by its peaks). */
    rss: 0,
    histogram,
  };
}

export class Timeline {
  #points: TimelinePoint[] = [];
  /** Raw intervals per point; doubles each time the timeline is coarsened. */
  #factor = 1;
  #pending = newPending(createHistogram());
  /** Dropped starts are reported only by open-model runs; closed-model points leave the field out. */
  #hasDropped = false;

  constructor(readonly cap = DEFAULT_TIMELINE_CAP) {}

  /** Adds one raw interval; emits a point once `factor` intervals have accumulated. */
  add(sample: IntervalSample): void {
    const p = this.#pending;
    p.count++;
    p.duration += sample.duration_s;
    p.requests += sample.requests;
    p.failures += sample.failures;
    if (sample.cpu_pct !== undefined) {
      p.cpuTime += sample.cpu_pct * sample.duration_s;
      p.hasCpu = true;
    }
    if (sample.worker_busy_pct !== undefined) {
      p.workerBusyTime += sample.worker_busy_pct * sample.duration_s;
      p.workerBusySpan += sample.duration_s;
    }
    p.lag = Math.max(p.lag, sample.loop_lag_ms ?? 0);
    p.rss = Math.max(p.rss, sample.rss_mb ?? 0);
    if (sample.dropped !== undefined) {
      p.dropped += sample.dropped;
      this.#hasDropped = true;
    }
    p.histogram.add(sample.histogram);
    if (p.count >= this.#factor) this.#emit(sample.t, sample.users);
  }

  /** Emits whatever is pending (the last partial interval of the run). */
  flush(t: number, users: number): void {
    if (this.#pending.count > 0) this.#emit(t, users);
  }

  get points(): readonly TimelinePoint[] {
    return this.#points;
  }

  #emit(t: number, users: number): void {
    const p = this.#pending;
    const duration = p.duration > 0 ? p.duration : 1;
    this.#points.push({
      t: round2(t),
      interval_s: round2(duration),
      users,
      requests: p.requests,
      rps: round2(p.requests / duration),
      failures: p.failures,
      ...(this.#hasDropped ? { dropped: p.dropped } : {}),
      ...(p.hasCpu ? { cpu_pct: round2(p.cpuTime / duration), loop_lag_ms: p.lag } : {}),
      ...(p.workerBusySpan > 0 ? { worker_busy_pct: round2(p.workerBusyTime / p.workerBusySpan) } : {}),
      ...(p.rss > 0 ? { rss_mb: round2(p.rss) } : {}),
      p50_ms: percentileMs(p.histogram, 50),
      p95_ms: percentileMs(p.histogram, 95),
      p99_ms: percentileMs(p.histogram, 99),
    });
    this.#pending = newPending(p.histogram);
    p.histogram.reset();
    if (this.#points.length > this.cap) {
      this.#points = coarsen(this.#points);
      this.#factor *= 2;
    }
  }
}
