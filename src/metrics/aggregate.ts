/**
 * The main isolate's view of a run: merges worker snapshots into per-endpoint totals, the run total and
 * the current timeline interval. One pure merge (design §2: autocannon's aggregateResult, not per-sample
 * messages).
 */
import type { EndpointResult, StatsFigures } from "../model/result.ts";
import { addCounters, type Counters, emptyCounters } from "./counters.ts";
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  type Histogram,
  percentileMs,
  summarizeLatency,
} from "./histogram.ts";
import { type Phase, PHASES, type WorkerSnapshot } from "./snapshot.ts";
import type { IntervalSample } from "./timeline.ts";

interface Series {
  counters: Counters;
  histogram: Histogram;
  phases: Partial<Record<Phase, Histogram>>;
}

interface EndpointSeries extends Series {
  name: string;
  method: string;
}

const newSeries = (): Series => ({ counters: emptyCounters(), histogram: createHistogram(), phases: {} });

export function endpointKey(method: string, name: string): string {
  return `${method} ${name}`;
}

export class RunAggregate {
  #endpoints = new Map<string, EndpointSeries>();
  #total = newSeries();
  #interval = newSeries();
  #usersByWorker = new Map<number, number>();
  #dropped = 0;
  /** Only open-model workers report dropped starts; closed-model intervals leave the field out. */
  #reportsDropped = false;
  #intervalDropped = 0;
  #intervalLag = 0;
  /** How busy the busiest worker thread was in the open interval; undefined until a worker reports it. */
  #intervalWorkerBusy: number | undefined;

  /** Merges one worker snapshot into the totals and the open interval. */
  absorb(snapshot: WorkerSnapshot): void {
    this.#usersByWorker.set(snapshot.worker, snapshot.active_users);
    if (snapshot.dropped_iterations !== undefined) this.#reportsDropped = true;
    this.#dropped += snapshot.dropped_iterations ?? 0;
    this.#intervalDropped += snapshot.dropped_iterations ?? 0;
    this.#intervalLag = Math.max(this.#intervalLag, snapshot.loop_lag_ms ?? 0);
    if (snapshot.thread_busy_pct !== undefined) {
      this.#intervalWorkerBusy = Math.max(this.#intervalWorkerBusy ?? 0, snapshot.thread_busy_pct);
    }
    for (const delta of snapshot.endpoints) {
      const key = endpointKey(delta.method, delta.name);
      let endpoint = this.#endpoints.get(key);
      if (!endpoint) {
        endpoint = { name: delta.name, method: delta.method, ...newSeries() };
        this.#endpoints.set(key, endpoint);
      }
      const histogram = delta.histogram === "" ? undefined : decodeHistogram(delta.histogram);
      for (const series of [endpoint, this.#total, this.#interval]) {
        addCounters(series.counters, delta);
        if (histogram) series.histogram.add(histogram);
      }
      for (const [phase, encoded] of Object.entries(delta.phases ?? {}) as [Phase, string][]) {
        const decoded = decodeHistogram(encoded);
        for (const series of [endpoint, this.#total]) {
          (series.phases[phase] ??= createHistogram()).add(decoded);
        }
      }
    }
  }

  /** Virtual users running now, summed over the workers' latest snapshots. */
  get activeUsers(): number {
    let users = 0;
    for (const n of this.#usersByWorker.values()) users += n;
    return users;
  }

  get totalRequests(): number {
    return this.#total.counters.requests;
  }

  /** Open model: starts that found no free user. */
  get droppedIterations(): number {
    return this.#dropped;
  }

  get totalFailures(): number {
    return this.#total.counters.failures;
  }

  /** Closes the open interval and returns it; the histogram is handed over (the caller must not keep it). */
  closeInterval(t: number, durationS: number): IntervalSample {
    const interval = this.#interval;
    const dropped = this.#intervalDropped;
    this.#interval = newSeries();
    this.#intervalDropped = 0;
    const loopLag = this.#intervalLag;
    this.#intervalLag = 0;
    const workerBusy = this.#intervalWorkerBusy;
    this.#intervalWorkerBusy = undefined;
    return {
      t,
      duration_s: durationS,
      users: this.activeUsers,
      requests: interval.counters.requests,
      failures: interval.counters.failures,
      dropped: this.#reportsDropped ? dropped : undefined,
      loop_lag_ms: loopLag,
      ...(workerBusy !== undefined ? { worker_busy_pct: workerBusy } : {}),
      histogram: interval.histogram,
    };
  }

  summary(elapsedS: number): StatsFigures & { histogram: string } {
    return { ...figures(this.#total, elapsedS), histogram: encodeHistogram(this.#total.histogram) };
  }

  endpoints(elapsedS: number): EndpointResult[] {
    return [...this.#endpoints.values()].map((e) => ({
      name: e.name,
      method: e.method,
      ...figures(e, elapsedS),
      histogram: encodeHistogram(e.histogram),
    }));
  }

  /** Any percentile, for the run (no key) or one endpoint; undefined when that endpoint sent nothing. */
  percentileMs(p: number, key?: string): number | undefined {
    const series = key === undefined ? this.#total : this.#endpoints.get(key);
    return series ? percentileMs(series.histogram, p) : undefined;
  }

  hasEndpoint(key: string): boolean {
    return this.#endpoints.has(key);
  }
}

function phaseFigures(series: Series): StatsFigures["phases_ms"] {
  const measured = PHASES.filter((phase) => (series.phases[phase]?.totalCount ?? 0) > 0);
  if (measured.length === 0) return undefined;
  return Object.fromEntries(measured.map((phase) => {
    const h = series.phases[phase]!;
    return [phase, { count: h.totalCount, ...summarizeLatency(h) }];
  }));
}

function figures(series: Series, elapsedS: number): StatsFigures {
  const c = series.counters;
  return {
    requests: c.requests,
    failures: c.failures,
    error_rate: c.requests === 0 ? 0 : round(c.failures / c.requests, 6),
    rps: elapsedS > 0 ? round(c.requests / elapsedS, 2) : 0,
    latency_ms: summarizeLatency(series.histogram),
    status_codes: sortKeys(c.status_codes),
    errors: sortKeys(c.errors),
    bytes_sent: c.bytes_sent,
    bytes_received: c.bytes_received,
    phases_ms: phaseFigures(series),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function sortKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}
