/**
 * Delivery: each channel gets the message concurrently, each attempt under a timeout, failed attempts
 * retried with exponential backoff, the whole within a bound so an alert never holds up a run or its
 * results. Failures become outcomes (never exceptions); error texts pass through the redactor.
 */
import type { AlertChannel, AlertKind, AlertMessage, AlertOutcome } from "../model/alert.ts";

export interface DeliveryOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts in all (1 = no retry). */
  attempts: number;
  /** Wait before the 2nd attempt; doubles after each failure. */
  backoffMs: number;
  /** Everything for one message, all channels and retries included. */
  totalMs: number;
  /** Masks secrets in error texts. */
  redact: (text: string) => string;
  /** For tests: the clock and the sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, "redact"> = {
  timeoutMs: 10_000,
  attempts: 3,
  backoffMs: 1_000,
  totalMs: 30_000,
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** One attempt, bounded by its own timeout and by the message's overall deadline. */
async function attempt(
  channel: AlertChannel,
  message: AlertMessage,
  timeoutMs: number,
  overall: AbortSignal,
) {
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), overall]);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () =>
      reject(
        new Error(overall.aborted ? "gave up: alert time limit reached" : `timed out after ${timeoutMs} ms`),
      );
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // The race makes the timeout hold even for a channel that ignores its signal.
    await Promise.race([channel.send(message, signal), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort!);
  }
}

async function deliverTo(
  channel: AlertChannel,
  message: AlertMessage,
  options: DeliveryOptions,
  overall: AbortSignal,
  threshold?: string,
): Promise<AlertOutcome> {
  const sleep = options.sleep ?? abortableSleep;
  let lastError = "";
  let attempts = 0;
  for (let i = 0; i < options.attempts && !overall.aborted; i++) {
    if (i > 0) await sleep(options.backoffMs * 2 ** (i - 1), overall);
    if (overall.aborted) break;
    attempts++;
    try {
      await attempt(channel, message, options.timeoutMs, overall);
      return outcome(channel, message.kind, true, attempts, undefined, threshold);
    } catch (error) {
      lastError = options.redact(describe(error));
    }
  }
  if (attempts === 0) lastError = "gave up: alert time limit reached";
  return outcome(channel, message.kind, false, attempts, lastError, threshold);
}

function outcome(
  channel: AlertChannel,
  kind: AlertKind,
  ok: boolean,
  attempts: number,
  error: string | undefined,
  threshold: string | undefined,
): AlertOutcome {
  return {
    channel: channel.name,
    kind,
    ...(threshold ? { threshold } : {}),
    ok,
    attempts,
    at: new Date().toISOString(),
    ...(error ? { error } : {}),
  };
}

/** Sends `message` on every channel at once; resolves within `totalMs` (plus a moment) with one outcome each. */
export async function deliver(
  channels: readonly AlertChannel[],
  message: AlertMessage,
  options: DeliveryOptions,
  threshold?: string,
): Promise<AlertOutcome[]> {
  const overall = AbortSignal.timeout(options.totalMs);
  return await Promise.all(channels.map((c) => deliverTo(c, message, options, overall, threshold)));
}
