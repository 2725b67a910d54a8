/**
 * An incremental HTTP/1.1 response parser working on bytes, with no per-response allocation on the
 * common path (the whole head in one read): status line, the three headers that frame the body
 * (Content-Length, Transfer-Encoding, Connection), then a Content-Length, chunked or close-delimited
 * body. Malformed input ends in an error kind, never an exception.
 */

/** Error kinds the parser can give; they are counted like network errors. */
export type ParseErrorKind = "bad_response" | "header_too_large" | "bad_chunk" | "reset";

export const MAX_HEAD_BYTES = 64 * 1024;
/** Chunk-size lines and trailers are short; anything longer is hostile. */
const MAX_CHUNK_LINE = 1024;

const CR = 13;
const LF = 10;
const COLON = 58;

const enum Phase {
  Head,
  FixedBody,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

const lower = (b: number) => (b >= 65 && b <= 90 ? b + 32 : b);

/** Case-insensitive comparison of bytes [from, to) with a lower-case ASCII name. */
function nameIs(buf: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (lower(buf[from + i]!) !== name.charCodeAt(i)) return false;
  return true;
}

/** True when the value [from, to) contains `token` (lower case), e.g. "chunked" or "close". */
function valueHas(buf: Uint8Array, from: number, to: number, token: string): boolean {
  outer: for (let i = from; i + token.length <= to; i++) {
    for (let j = 0; j < token.length; j++) if (lower(buf[i + j]!) !== token.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** A non-negative decimal in [from, to), trimmed; -1 when it is not one. */
function parseDecimal(buf: Uint8Array, from: number, to: number): number {
  while (from < to && (buf[from] === 32 || buf[from] === 9)) from++;
  while (to > from && (buf[to - 1] === 32 || buf[to - 1] === 9)) to--;
  if (from === to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function hexDigit(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  const l = lower(b);
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Index of the CRLFCRLF ending a head in [from, to), or -1. */
function findHeadEnd(buf: Uint8Array, from: number, to: number): number {
  for (let i = from + 3; i < to; i++) {
    if (buf[i] === LF && buf[i - 1] === CR && buf[i - 2] === LF && buf[i - 3] === CR) return i - 3;
  }
  return -1;
}

/** Receives the head (status line and headers) and the de-chunked body, when a step needs them. */
export interface ResponseSink {
  head(bytes: Uint8Array, from: number, to: number): void;
  body(bytes: Uint8Array, from: number, to: number): void;
}

export class Http1ResponseParser {
  /** Set for responses whose content is needed (extraction, checks); unset on the fast path. */
  sink: ResponseSink | undefined;
  status = 0;
  /** The connection may be reused after this response. */
  keepAlive = true;
  headBytes = 0;
  bodyBytes = 0;
  error: ParseErrorKind | undefined;
  #phase = Phase.Head;
  #expectBody = true;
  #remaining = 0;
  #line = 0;
  #chunkSize = 0;
  #sawDigit = false;
  #inExtension = false;
  /** Head bytes kept across reads (only when a head does not arrive in one piece). */
  #head = new Uint8Array(0);
  #headLength = 0;

  /** Prepares for the next response; `expectBody` is false for HEAD requests. */
  reset(expectBody: boolean): void {
    this.status = 0;
    this.keepAlive = true;
    this.headBytes = 0;
    this.bodyBytes = 0;
    this.error = undefined;
    this.#phase = Phase.Head;
    this.#expectBody = expectBody;
    this.#headLength = 0;
  }

  get done(): boolean {
    return this.#phase === Phase.Done;
  }

  /** Consumes bytes of chunk[from, to); returns how many belong to this response. */
  feed(chunk: Uint8Array, from: number, to: number): number {
    let at = from;
    while (at < to && this.#phase !== Phase.Done && this.error === undefined) {
      switch (this.#phase) {
        case Phase.Head:
          at = this.#feedHead(chunk, at, to);
          break;
        case Phase.FixedBody: {
          const n = Math.min(this.#remaining, to - at);
          this.#remaining -= n;
          this.bodyBytes += n;
          this.sink?.body(chunk, at, at + n);
          at += n;
          if (this.#remaining === 0) this.#phase = Phase.Done;
          break;
        }
        case Phase.UntilClose:
          this.bodyBytes += to - at;
          this.sink?.body(chunk, at, to);
          at = to;
          break;
        default:
          at = this.#feedChunked(chunk, at, to);
      }
    }
    return at - from;
  }

  /** The peer closed the connection: ends a close-delimited body, or is an error mid-response. */
  end(): void {
    if (this.#phase === Phase.UntilClose) this.#phase = Phase.Done;
    else if (this.#phase !== Phase.Done && this.error === undefined) {
      this.error = this.#phase === Phase.Head && this.#headLength === 0 && this.headBytes === 0
        ? "reset"
        : "bad_response";
    }
    this.keepAlive = false;
  }

  #feedHead(chunk: Uint8Array, at: number, to: number): number {
    if (this.#headLength === 0) {
      const end = findHeadEnd(chunk, at, to);
      if (end >= 0) return this.#parseHead(chunk, at, end);
    }
    // The head spans reads: keep what came, look for its end across the seam.
    const needed = this.#headLength + (to - at);
    if (needed > MAX_HEAD_BYTES) {
      this.error = "header_too_large";
      return to;
    }
    if (this.#head.length < needed) {
      const grown = new Uint8Array(Math.min(MAX_HEAD_BYTES, Math.max(needed, this.#head.length * 2, 4096)));
      grown.set(this.#head.subarray(0, this.#headLength));
      this.#head = grown;
    }
    const seamStart = Math.max(0, this.#headLength - 3);
    this.#head.set(chunk.subarray(at, to), this.#headLength);
    this.#headLength = needed;
    const end = findHeadEnd(this.#head, seamStart, needed);
    if (end < 0) return to;
    const used = end + 4 - (needed - (to - at)); // bytes of this chunk that belong to the head
    this.#parseHead(this.#head, 0, end);
    this.#headLength = 0;
    return at + used;
  }

  /** Parses the head in buf[from, end) (end = index of its CRLFCRLF); returns the index after it. */
  #parseHead(buf: Uint8Array, from: number, end: number): number {
    this.headBytes = end + 4 - from;
    this.sink?.head(buf, from, end);
    // "HTTP/1.x SSS"
    if (
      end - from < 12 || buf[from] !== 72 || buf[from + 1] !== 84 || buf[from + 2] !== 84 ||
      buf[from + 3] !== 80 || buf[from + 4] !== 47 || buf[from + 5] !== 49 || buf[from + 6] !== 46 ||
      buf[from + 8] !== 32
    ) {
      this.error = "bad_response";
      return end + 4;
    }
    const status = parseDecimal(buf, from + 9, from + 12);
    if (status < 100 || status > 999) {
      this.error = "bad_response";
      return end + 4;
    }
    this.status = status;
    this.keepAlive = buf[from + 7] === 49; // HTTP/1.0 closes unless told otherwise
    let contentLength = -1;
    let chunked = false;
    let lineStart = from;
    while (lineStart < end) {
      // Next line: [lineStart, lineEnd)
      let lineEnd = lineStart;
      while (lineEnd < end && buf[lineEnd] !== CR) lineEnd++;
      if (lineStart !== from) {
        let colon = lineStart;
        while (colon < lineEnd && buf[colon] !== COLON) colon++;
        if (colon === lineEnd) {
          this.error = "bad_response";
          return end + 4;
        }
        if (nameIs(buf, lineStart, colon, "content-length")) {
          contentLength = parseDecimal(buf, colon + 1, lineEnd);
          if (contentLength < 0) {
            this.error = "bad_response";
            return end + 4;
          }
        } else if (nameIs(buf, lineStart, colon, "transfer-encoding")) {
          chunked = valueHas(buf, colon + 1, lineEnd, "chunked");
        } else if (nameIs(buf, lineStart, colon, "connection")) {
          if (valueHas(buf, colon + 1, lineEnd, "close")) this.keepAlive = false;
          else if (valueHas(buf, colon + 1, lineEnd, "keep-alive")) this.keepAlive = true;
        }
      }
      lineStart = lineEnd + 2;
    }
    this.#startBody(contentLength, chunked);
    return end + 4;
  }

  #startBody(contentLength: number, chunked: boolean): void {
    const s = this.status;
    if (s >= 100 && s < 200) {
      // An interim response (100 Continue): the real one follows on the same connection.
      this.#phase = Phase.Head;
      this.headBytes = 0;
      return;
    }
    if (!this.#expectBody || s === 204 || s === 304) this.#phase = Phase.Done;
    else if (chunked) {
      this.#phase = Phase.ChunkSize;
      this.#resetChunkLine();
    } else if (contentLength >= 0) {
      this.#remaining = contentLength;
      this.#phase = contentLength === 0 ? Phase.Done : Phase.FixedBody;
    } else {
      this.#phase = Phase.UntilClose;
      this.keepAlive = false;
    }
  }

  #resetChunkLine(): void {
    this.#chunkSize = 0;
    this.#line = 0;
    this.#sawDigit = false;
    this.#inExtension = false;
  }

  /** The chunked framing: size line, data, CRLF, ... a zero size, trailers, an empty line. */
  #feedChunked(buf: Uint8Array, at: number, to: number): number {
    while (at < to && this.error === undefined) {
      switch (this.#phase) {
        case Phase.ChunkSize:
          this.#chunkSizeByte(buf[at++]!);
          break;
        case Phase.ChunkData: {
          const n = Math.min(this.#remaining, to - at);
          this.#remaining -= n;
          this.bodyBytes += n;
          this.sink?.body(buf, at, at + n);
          at += n;
          if (this.#remaining === 0) {
            this.#phase = Phase.ChunkDataEnd;
            this.#line = 0;
          }
          break;
        }
        case Phase.ChunkDataEnd: {
          const b = buf[at++]!;
          if (b === LF) {
            this.#phase = Phase.ChunkSize;
            this.#resetChunkLine();
          } else if (b !== CR || ++this.#line > 1) this.error = "bad_chunk";
          break;
        }
        case Phase.Trailers:
          if (this.#trailerByte(buf[at++]!)) return at;
          break;
        default:
          return at;
      }
    }
    return at;
  }

  /** One byte of a chunk-size line (`1a;ext\r\n`): hex digits, then an extension or padding, then LF. */
  #chunkSizeByte(b: number): void {
    if (++this.#line > MAX_CHUNK_LINE) this.error = "bad_chunk";
    else if (b === LF) {
      if (!this.#sawDigit) this.error = "bad_chunk";
      else if (this.#chunkSize === 0) {
        this.#phase = Phase.Trailers;
        this.#line = 0;
      } else {
        this.#remaining = this.#chunkSize;
        this.#phase = Phase.ChunkData;
      }
    } else if (b === CR || this.#inExtension) return;
    else if (b === 59 || b === 32 || b === 9) this.#inExtension = true; // ";ext" or padding
    else {
      const d = hexDigit(b);
      if (d < 0 || this.#chunkSize > 0x7ffffff) this.error = "bad_chunk";
      else {
        this.#chunkSize = this.#chunkSize * 16 + d;
        this.#sawDigit = true;
      }
    }
  }

  /**
   * One byte of the trailers, which end at an empty line; `#line` counts bytes of the current trailer
   * line before its LF. True when the message is complete.
   */
  #trailerByte(b: number): boolean {
    if (b === LF) {
      if (this.#line === 0) {
        this.#phase = Phase.Done;
        return true;
      }
      this.#line = 0;
    } else if (b !== CR && ++this.#line > MAX_CHUNK_LINE) this.error = "bad_chunk";
    return false;
  }
}
