/** Keeps a response's head and body (de-chunked) for steps that extract from it or check it. */
import type { CapturedResponse } from "../../model/response.ts";
import type { ResponseSink } from "./response_parser.ts";

/** A body larger than this is kept only up to it: extraction and checks look at the first 1 MiB. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;

const decoder = new TextDecoder();

/**
 * How many bytes at the end of `bytes[from, to)` begin a UTF-8 character that the next chunk finishes
 * (0 when the slice ends on a character boundary). Lets chunks be decoded as they arrive.
 */
export function incompleteUtf8Tail(bytes: Uint8Array, from: number, to: number): number {
  let lead = to - 1;
  while (lead >= from && to - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < from) return 0;
  const byte = bytes[lead]!;
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return length > to - lead ? to - lead : 0;
}

function parseHeaderLines(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export class ResponseCapture implements ResponseSink {
  #head: Uint8Array | undefined;
  #text = "";
  /** The start of a character split across reads, decoded with the next chunk. */
  #carry: Uint8Array | undefined;
  #size = 0;

  head(bytes: Uint8Array, from: number, to: number): void {
    this.#head = bytes.slice(from, to); // copied (the read buffer is reused), decoded only if asked for
  }

  /** Decoded as it arrives: the usual one-chunk body costs no copy, only the decode. */
  body(bytes: Uint8Array, from: number, to: number): void {
    const room = MAX_CAPTURE_BYTES - this.#size;
    if (room <= 0) return;
    if (to - from > room) to = from + room;
    this.#size += to - from;
    if (this.#carry) {
      const joined = new Uint8Array(this.#carry.length + to - from);
      joined.set(this.#carry);
      joined.set(bytes.subarray(from, to), this.#carry.length);
      this.#carry = undefined;
      [bytes, from, to] = [joined, 0, joined.length];
    }
    const tail = incompleteUtf8Tail(bytes, from, to);
    if (tail > 0) this.#carry = bytes.slice(to - tail, to);
    this.#text += decoder.decode(bytes.subarray(from, to - tail));
  }

  /** The response as rules see it: header names lower-cased (parsed only if asked for), the body as text. */
  result(status: number, latencyMs: number): CapturedResponse {
    // A character cut off by the capture limit (or an invalid one) decodes as U+FFFD, as a whole decode would.
    const body = this.#carry ? this.#text + decoder.decode(this.#carry) : this.#text;
    return new CapturedHttpResponse(status, this.#head, body, latencyMs);
  }
}

/** A class rather than an object literal with a getter: that literal costs more than the whole capture. */
class CapturedHttpResponse implements CapturedResponse {
  #head: Uint8Array | undefined;
  #headers: Record<string, string> | undefined;

  constructor(
    readonly status: number,
    head: Uint8Array | undefined,
    readonly body: string,
    readonly latency_ms: number,
  ) {
    this.#head = head;
  }

  get headers(): Record<string, string> {
    return this.#headers ??= this.#head ? parseHeaderLines(decoder.decode(this.#head)) : {};
  }
}
