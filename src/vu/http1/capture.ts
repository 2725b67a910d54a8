/** Keeps a response's head and body (de-chunked) for steps that extract from it or check it. */
import type { CapturedResponse } from "../../flow/response_rules.ts";
import type { ResponseSink } from "./response_parser.ts";

/** A body larger than this is kept only up to it: extraction and checks look at the first 1 MiB. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;

const decoder = new TextDecoder();

export class ResponseCapture implements ResponseSink {
  #head = "";
  #chunks: Uint8Array[] = [];
  #size = 0;

  head(bytes: Uint8Array, from: number, to: number): void {
    this.#head = decoder.decode(bytes.subarray(from, to));
  }

  body(bytes: Uint8Array, from: number, to: number): void {
    const room = MAX_CAPTURE_BYTES - this.#size;
    if (room <= 0) return;
    const piece = bytes.slice(from, Math.min(to, from + room)); // copied: the read buffer is reused
    this.#chunks.push(piece);
    this.#size += piece.length;
  }

  /** The response as rules see it: header names lower-cased (parsed only if asked for), the body as text. */
  result(status: number, latencyMs: number): CapturedResponse {
    const head = this.#head;
    let headers: Record<string, string> | undefined;
    const parseHeaders = () => {
      headers = {};
      for (const line of head.split("\r\n").slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      return headers;
    };
    const body = new Uint8Array(this.#size);
    let at = 0;
    for (const chunk of this.#chunks) {
      body.set(chunk, at);
      at += chunk.length;
    }
    return {
      status,
      get headers() {
        return headers ?? parseHeaders();
      },
      body: decoder.decode(body),
      latency_ms: latencyMs,
    };
  }
}
