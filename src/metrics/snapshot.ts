/**
 * What a worker posts once per interval: counters and an encoded HDR delta per endpoint. Never one
 * message per request (design §2).
 */
import { type Counters, emptyCounters, increment } from "./counters.ts";
import { createHistogram, encodeHistogram, type Histogram, recordMicros } from "./histogram.ts";

export interface EndpointDelta extends Counters {
  name: string;
  method: string;
  /** Encoded HDR histogram of the latencies recorded since the previous snapshot (µs); "" if none. */
  histogram: string;
}

export interface WorkerSnapshot {
  worker: number;
  /** Virtual users running in this worker when the snapshot was taken. */
  active_users: number;
  endpoints: EndpointDelta[];
}

/** The outcome of one request, as the engine reports it. */
export interface RequestOutcome {
  /** HTTP status, 0 when no response arrived. */
  status: number;
  /** Error kind when the request failed (network kind or `bad_status`); undefined on success. */
  error?: string;
  latency_us: number;
  bytes_sent: number;
  bytes_received: number;
}

interface EndpointRecorder {
  name: string;
  method: string;
  counters: Counters;
  histogram: Histogram;
}

/** Worker-side accumulation between snapshots: O(1) per request, nothing stored per request. */
export class SnapshotRecorder {
  #endpoints = new Map<string, EndpointRecorder>();

  record(name: string, method: string, outcome: RequestOutcome): void {
    const key = `${method} ${name}`;
    let endpoint = this.#endpoints.get(key);
    if (!endpoint) {
      endpoint = { name, method, counters: emptyCounters(), histogram: createHistogram() };
      this.#endpoints.set(key, endpoint);
    }
    const c = endpoint.counters;
    c.requests++;
    c.bytes_sent += outcome.bytes_sent;
    c.bytes_received += outcome.bytes_received;
    if (outcome.status > 0) increment(c.status_codes, String(outcome.status));
    if (outcome.error !== undefined) {
      c.failures++;
      increment(c.errors, outcome.error);
    }
    recordMicros(endpoint.histogram, outcome.latency_us);
  }

  /** Returns the deltas since the last call and resets them. Endpoints with nothing new are skipped. */
  takeDeltas(): EndpointDelta[] {
    const deltas: EndpointDelta[] = [];
    for (const endpoint of this.#endpoints.values()) {
      if (endpoint.counters.requests === 0) continue;
      deltas.push({
        ...endpoint.counters,
        name: endpoint.name,
        method: endpoint.method,
        histogram: encodeHistogram(endpoint.histogram),
      });
      endpoint.counters = emptyCounters();
      endpoint.histogram.reset();
    }
    return deltas;
  }
}
