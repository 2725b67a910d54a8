/**
 * The `fetch` engine: one `fetch` per request with a timeout, the whole body read before the clock
 * stops. Failures come back as outcomes with an error kind, never as exceptions.
 */
import { newOutcome, type RequestOutcome } from "../metrics/snapshot.ts";
import { requestBytes, type RequestPlan, statusAccepted } from "../plan/request_plan.ts";
import { classifyError, statusErrorKind } from "./error_kind.ts";
import type { InflightRequests } from "./inflight.ts";

const encoder = new TextEncoder();

/**
 * Bytes of the status line and headers as they came over HTTP/1.1. Header names and values are byte
 * strings (one character per byte), so their lengths are byte counts: nothing to encode per request.
 */
function responseHeadBytes(response: Response): number {
  let size = 17 + response.statusText.length; // "HTTP/1.1 200 " + reason + CRLF + the final CRLF
  for (const [name, value] of response.headers) size += name.length + value.length + 4; // ": " + CRLF
  return size;
}

/** Reads the whole body; `bytes()` is measurably faster here than iterating the stream (~0.3 ms). */
async function drainBody(response: Response): Promise<number> {
  return response.body ? (await response.bytes()).byteLength : 0;
}

/**
 * Sends one request; `inflight` enforces the plan's timeout and interrupts it when the run stops hard.
 */
export async function sendWithFetch(
  plan: RequestPlan,
  inflight: InflightRequests,
  client?: Deno.HttpClient,
  capture = false,
): Promise<RequestOutcome> {
  const request = inflight.begin(plan.timeout_ms);
  const started = performance.now();
  // fetch hides connect and TLS; time to first byte is when the head arrived.
  // Rendered plans (flows, custom users) leave the size to the engine that needs it.
  const outcome = newOutcome(plan.request_bytes || requestBytes(plan));
  try {
    const response = await fetch(plan.url, {
      method: plan.method,
      headers: plan.headers,
      body: plan.body,
      signal: request.signal,
      redirect: "manual",
      client,
    });
    const headAt = performance.now();
    outcome.status = response.status;
    outcome.ttfb_us = (headAt - started) * 1000;
    if (capture) {
      const body = await response.text();
      const headers = Object.fromEntries(response.headers);
      outcome.bytes_received = responseHeadBytes(response) + encoder.encode(body).length;
      outcome.response = { status: response.status, headers, body, latency_ms: 0 };
    } else outcome.bytes_received = responseHeadBytes(response) + await drainBody(response);
    outcome.download_us = (performance.now() - headAt) * 1000;
    if (!statusAccepted(response.status, plan.expect)) outcome.error = statusErrorKind(response.status);
  } catch (error) {
    outcome.error = request.abortReason ?? classifyError(error);
  } finally {
    request.finish();
    outcome.latency_us = (performance.now() - started) * 1000;
    if (outcome.response) outcome.response.latency_ms = outcome.latency_us / 1000;
  }
  return outcome;
}
