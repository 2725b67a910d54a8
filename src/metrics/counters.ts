import type { StatsFigures } from "../model/result.ts";

/** Counters kept per endpoint, both in the workers (as deltas) and in the main isolate (as totals). */
export type Counters = Pick<
  StatsFigures,
  "requests" | "failures" | "bytes_sent" | "bytes_received" | "status_codes" | "errors"
>;

export function emptyCounters(): Counters {
  return { requests: 0, failures: 0, bytes_sent: 0, bytes_received: 0, status_codes: {}, errors: {} };
}

export function increment(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** Adds `delta` into `total` in place. */
export function addCounters(total: Counters, delta: Counters): void {
  total.requests += delta.requests;
  total.failures += delta.failures;
  total.bytes_sent += delta.bytes_sent;
  total.bytes_received += delta.bytes_received;
  for (const [code, n] of Object.entries(delta.status_codes)) increment(total.status_codes, code, n);
  for (const [kind, n] of Object.entries(delta.errors)) increment(total.errors, kind, n);
}
