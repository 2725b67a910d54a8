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

/** The header lines of a request: host / user-agent / accept unless the headers set them, then the headers. */
export function headerBlock(host: string, headers: Record<string, string>): string {
  let block = "";
  if (!("host" in headers)) block += `host: ${host}\r\n`;
  if (!("user-agent" in headers)) block += `user-agent: ${USER_AGENT}\r\n`;
  if (!("accept" in headers)) block += "accept: */*\r\n";
  for (const name in headers) block += `${name}: ${headers[name]}\r\n`;
  return block;
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2; // the pair's two UTF-16 units become four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The whole request as text: request line, header lines (names lower-case), a content-length for a body
 * (or for POST/PUT/PATCH), the body. Rendered requests stay text until they are encoded straight into
 * the connection's buffer.
 */
export function requestText(method: string, target: string, block: string, body: string | undefined): string {
  let head = `${method} ${target} HTTP/1.1\r\n${block}`;
  if (body !== undefined || BODY_METHODS.has(method)) {
    head += `content-length: ${body === undefined ? 0 : utf8Length(body)}\r\n`;
  }
  return body === undefined ? `${head}\r\n` : `${head}\r\n${body}`;
}

/** The request's bytes from its parts (see requestText), encoded once. */
export function encodeRequestParts(
  method: string,
  host: string,
  target: string,
  headers: Record<string, string>,
  body: string | undefined,
): Uint8Array {
  return encoder.encode(requestText(method, target, headerBlock(host, headers), body));
}
