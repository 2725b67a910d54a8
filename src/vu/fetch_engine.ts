/**
 * The `fetch` engine: one `fetch` per request with a timeout, the whole body read before the clock
 * stops. Failures come back as outcomes with an error kind, never as exceptions.
 */
import { newOutcome, type RequestOutcome } from "../metrics/snapshot.ts";
import { requestBytes, type RequestPlan, statusAccepted } from "../plan/request_plan.ts";
import { classifyError, statusErrorKind } from "./error_kind.ts";
import type { InflightRequests } from "./inflight.ts";
import { MAX_CAPTURE_BYTES } from "./http1/capture.ts";

/**
 * Bytes of the status line and headers as they came over HTTP/1.1. Header names and values are byte
 * strings (one character per byte), so their lengths are byte counts: nothing to encode per request.
 */
function responseHeadBytes(response: Response): number {
  let size = 17 + response.statusText.length; // "HTTP/1.1 200 " + reason + CRLF + the final CRLF
  for (const [name, value] of response.headers) size += name.length + value.length + 4; // ": " + CRLF
  return size;
}

/** Bodies up to this size (by their Content-Length) are read in one piece; larger ones are streamed. */
const BUFFERED_BODY_BYTES = 1024 * 1024;

/**
 * Reads the whole body and returns its size. `bytes()` is measurably faster here than iterating the
 * stream (~0.3 ms), but holds the whole body in memory: it is used only for a declared Content-Length
 * of at most 1 MiB. Any other body (chunked, close-delimited, large, endless) is counted chunk by chunk
 * and dropped, so a hostile endless body costs no memory until the timeout ends it.
 */
async function drainBody(response: Response): Promise<number> {
  if (!response.body) return 0;
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared >= 0 && declared <= BUFFERED_BODY_BYTES) return (await response.bytes()).byteLength;
  let size = 0;
  for await (const chunk of response.body) size += chunk.byteLength;
  return size;
}

/**
 * The body as text for extraction and checks: the first MAX_CAPTURE_BYTES are kept (as the http1
 * engine does), the rest is counted and dropped. Returns the text and the body's full size.
 */
async function captureBody(response: Response): Promise<{ text: string; size: number }> {
  if (!response.body) return { text: "", size: 0 };
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for await (const chunk of response.body) {
    const room = MAX_CAPTURE_BYTES - size;
    if (room > 0) {
      text += decoder.decode(room >= chunk.byteLength ? chunk : chunk.subarray(0, room), { stream: true });
    }
    size += chunk.byteLength;
  }
  return { text: text + decoder.decode(), size };
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
      const { text: body, size } = await captureBody(response);
      const headers = Object.fromEntries(response.headers);
      outcome.bytes_received = responseHeadBytes(response) + size;
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
