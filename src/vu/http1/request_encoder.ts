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
  return encodeRequestParts(plan.method, url.host, url.pathname + url.search, plan.headers, plan.body);
}

/** Characters a request target may not carry raw (as the URL parser would percent-encode them). */
const UNSAFE_IN_TARGET = /[^\x21-\x7e]|["<>`{}]/;

/** Percent-encodes what a rendered value put into a request target (spaces, quotes, non-ASCII). */
export function encodeTarget(target: string): string {
  if (!UNSAFE_IN_TARGET.test(target)) return target;
  let out = "";
  for (const ch of target) out += UNSAFE_IN_TARGET.test(ch) ? encodeURIComponent(ch) : ch;
  return out;
}

/**
 * The request's bytes from its parts: request line, host / user-agent / accept unless the headers set
 * them (names lower-case), the headers, a content-length for a body (or for POST/PUT/PATCH), the body.
 */
export function encodeRequestParts(
  method: string,
  host: string,
  target: string,
  headers: Record<string, string>,
  body: string | undefined,
): Uint8Array {
  let head = `${method} ${target} HTTP/1.1\r\n`;
  if (!("host" in headers)) head += `host: ${host}\r\n`;
  if (!("user-agent" in headers)) head += `user-agent: ${USER_AGENT}\r\n`;
  if (!("accept" in headers)) head += "accept: */*\r\n";
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  const bodyBytes = body === undefined ? undefined : encoder.encode(body);
  if (bodyBytes || BODY_METHODS.has(method)) head += `content-length: ${bodyBytes?.length ?? 0}\r\n`;
  const headBytes = encoder.encode(head + "\r\n");
  if (!bodyBytes) return headBytes;
  const bytes = new Uint8Array(headBytes.length + bodyBytes.length);
  bytes.set(headBytes);
  bytes.set(bodyBytes, headBytes.length);
  return bytes;
}
