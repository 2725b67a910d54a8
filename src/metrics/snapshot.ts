/**
 * What a worker posts once per interval: counters and encoded HDR deltas per endpoint (latency and the
 * request phases). Never one message per request (design §2).
 */
import type { CapturedResponse } from "../model/response.ts";
import { type Counters, emptyCounters, increment } from "./counters.ts";
import { createHistogram, encodeHistogram, type Histogram, recordMicros } from "./histogram.ts";

/**
 * Request phases the engines time, in the order they happen, and `service`: in the open model the time
 * from the actual send (the latency itself is measured from the intended start).
 */
export const PHASES = ["dns", "connect", "tls", "ttfb", "download", "service"] as const;
export type Phase = (typeof PHASES)[number];

export interface EndpointDelta extends Counters {
  name: string;
  method: string;
  /** Encoded HDR histogram of the latencies recorded since the previous snapshot (µs); "" if none. */
  histogram: string;
  /** Encoded HDR histograms of the phases measured since the previous snapshot (µs), when any were. */
  phases?: Partial<Record<Phase, string>>;
}

export interface WorkerSnapshot {
  worker: number;
  /** Virtual users running (closed model) or busy (open model) when the snapshot was taken. */
  active_users: number;
  /** Open model: starts since the previous snapshot that found no free user within the timeout. */
  dropped_iterations?: number;
  /** Worst lateness of this worker's timers since the previous snapshot, ms. */
  loop_lag_ms?: number;
  /** How busy this worker's thread was since the previous snapshot (running or waiting for a core; 100 = never
   * idle), where /proc has it. */
  thread_busy_pct?: number;
  endpoints: EndpointDelta[];
}

/** The outcome of one request, as the engine reports it. */
export interface RequestOutcome {
  /** HTTP status, 0 when no response arrived. */
  status: number;
  /** Error kind when the request failed (network kind or `http_<status>`); undefined on success. */
  error?: string;
  latency_us: number;
  bytes_sent: number;
  bytes_received: number;
  /** Phase timings in µs; absent or negative where the engine did not measure them. */
  dns_us?: number;
  connect_us?: number;
  tls_us?: number;
  ttfb_us?: number;
  download_us?: number;
  /** Open model: time from the actual send to the end (latency_us then counts from the intended start). */
  service_us?: number;
  /** The response itself, only when the step asked for it (extraction, checks). */
  response?: CapturedResponse;
}

/** An outcome before anything happened: no status, no phases measured yet. */
export function newOutcome(bytesSent: number): RequestOutcome {
  return {
    status: 0,
    latency_us: 0,
    bytes_sent: bytesSent,
    bytes_received: 0,
    connect_us: -1,
    tls_us: -1,
    ttfb_us: -1,
    download_us: -1,
  };
}

interface EndpointRecorder {
  name: string;
  method: string;
  requests: number;
  failures: number;
  bytes_sent: number;
  bytes_received: number;
  /** Keyed by number, so counting a status allocates nothing. */
  statuses: Map<number, number>;
  errors: Map<string, number>;
  histogram: Histogram;
  phases: Partial<Record<Phase, Histogram>>;
}

function newRecorder(name: string, method: string): EndpointRecorder {
  return {
    name,
    method,
    requests: 0,
    failures: 0,
    bytes_sent: 0,
    bytes_received: 0,
    statuses: new Map(),
    errors: new Map(),
    histogram: createHistogram(),
    phases: {},
  };
}

function recordPhase(endpoint: EndpointRecorder, phase: Phase, micros: number | undefined): void {
  if (micros === undefined || micros < 0) return;
  recordMicros(endpoint.phases[phase] ??= createHistogram(), micros);
}

/** Worker-side accumulation between snapshots: O(1) per request, nothing stored per request. */
export class SnapshotRecorder {
  readonly #slots: EndpointRecorder[] = [];
  readonly #byKey = new Map<string, number>();

  /** The slot of an endpoint (method + name); resolve once, then record by slot. */
  slot(name: string, method: string): number {
    const key = `${method} ${name}`;
    let slot = this.#byKey.get(key);
    if (slot === undefined) {
      slot = this.#slots.push(newRecorder(name, method)) - 1;
      this.#byKey.set(key, slot);
    }
    return slot;
  }

  record(name: string, method: string, outcome: RequestOutcome): void {
    this.recordAt(this.slot(name, method), outcome);
  }

  recordAt(slot: number, outcome: RequestOutcome): void {
    const e = this.#slots[slot]!;
    e.requests++;
    e.bytes_sent += outcome.bytes_sent;
    e.bytes_received += outcome.bytes_received;
    if (outcome.status > 0) e.statuses.set(outcome.status, (e.statuses.get(outcome.status) ?? 0) + 1);
    if (outcome.error !== undefined) {
      e.failures++;
      e.errors.set(outcome.error, (e.errors.get(outcome.error) ?? 0) + 1);
    }
    recordMicros(e.histogram, outcome.latency_us);
    recordPhase(e, "dns", outcome.dns_us);
    recordPhase(e, "connect", outcome.connect_us);
    recordPhase(e, "tls", outcome.tls_us);
    recordPhase(e, "ttfb", outcome.ttfb_us);
    recordPhase(e, "download", outcome.download_us);
    recordPhase(e, "service", outcome.service_us);
  }

  /** Returns the deltas since the last call and resets them. Endpoints with nothing new are skipped. */
  takeDeltas(): EndpointDelta[] {
    const deltas: EndpointDelta[] = [];
    for (const e of this.#slots) {
      if (e.requests === 0) continue;
      deltas.push(toDelta(e));
      e.requests =
        e.failures =
        e.bytes_sent =
        e.bytes_received =
          0;
      e.statuses.clear();
      e.errors.clear();
      e.histogram.reset();
      for (const h of Object.values(e.phases)) h.reset();
    }
    return deltas;
  }
}

function toDelta(e: EndpointRecorder): EndpointDelta {
  const counters = emptyCounters();
  counters.requests = e.requests;
  counters.failures = e.failures;
  counters.bytes_sent = e.bytes_sent;
  counters.bytes_received = e.bytes_received;
  for (const [status, n] of e.statuses) increment(counters.status_codes, String(status), n);
  for (const [kind, n] of e.errors) increment(counters.errors, kind, n);
  const delta: EndpointDelta = {
    ...counters,
    name: e.name,
    method: e.method,
    histogram: encodeHistogram(e.histogram),
  };
  for (const phase of PHASES) {
    const h = e.phases[phase];
    if (h && h.totalCount > 0) (delta.phases ??= {})[phase] = encodeHistogram(h);
  }
  return delta;
}
