/**
 * Encodes a request plan once into the exact bytes sent for every iteration: nothing is built per
 * request on the http1 path.
 */
import type { RequestPlan } from "../../plan/request_plan.ts";
import { VERSION } from "../../version.ts";

export const USER_AGENT = `perf/${VERSION}`;

/** Methods whose requests carry a body framing even when empty. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

const encoder = new TextEncoder();

export function encodeRequest(
  plan: Pick<RequestPlan, "method" | "url" | "headers" | "body">,
  url: URL = new URL(plan.url),
): Uint8Array {
  const headers = new Map<string, string>([["host", url.host], ["user-agent", USER_AGENT], [
    "accept",
    "*/*",
  ]]);
  for (const [name, value] of Object.entries(plan.headers)) headers.set(name.toLowerCase(), value);
  const body = plan.body === undefined ? undefined : encoder.encode(plan.body);
  if (body || BODY_METHODS.has(plan.method)) headers.set("content-length", String(body?.length ?? 0));
  let head = `${plan.method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  const headBytes = encoder.encode(head + "\r\n");
  if (!body) return headBytes;
  const bytes = new Uint8Array(headBytes.length + body.length);
  bytes.set(headBytes);
  bytes.set(body, headBytes.length);
  return bytes;
}
