/** How the open model times a request (coordinated omission corrected). */
import type { RequestOutcome } from "../metrics/snapshot.ts";

/** Moves the engine's time (from the send) to the service time, and measures latency from `due`. */
export function timeFromDue(outcome: RequestOutcome, due: number, now = performance.now()): void {
  outcome.service_us = outcome.latency_us;
  outcome.latency_us = (now - due) * 1000;
}
