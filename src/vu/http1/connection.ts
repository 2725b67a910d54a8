/**
 * What the http1 client keeps between requests: its connections (each watched while idle) and the read
 * buffers its users share.
 */
const READ_BUFFER_BYTES = 16 * 1024;

/** Read buffers are needed only while a response is being read, so a few serve many idle users. */
export class BufferPool {
  #free: Uint8Array[] = [];
  take(): Uint8Array {
    return this.#free.pop() ?? new Uint8Array(READ_BUFFER_BYTES);
  }
  give(buffer: Uint8Array): void {
    if (this.#free.length < 64) this.#free.push(buffer);
  }
}

/** Room for the first read of a response on a kept connection: a small response arrives in it whole. */
const IDLE_READ_BYTES = 2048;

/**
 * A kept-alive connection. Between requests a read is already posted on it: what it brings while no
 * request is out (stray bytes, or the server closing) spoils the connection, which is then not reused;
 * after the next request goes out, the same read brings the first bytes of its response. So idle bytes
 * are never read as the next response, at no extra read per request.
 */
export class KeptConnection {
  readonly #idleBuffer = new Uint8Array(IDLE_READ_BYTES);
  #posted: Promise<number | null> | undefined;
  #out = false;
  /** Something arrived, or the server closed, while no request was out. */
  spoilt = false;

  constructor(readonly conn: Deno.Conn) {}

  /** The response is read: post the read that watches the connection until the next request. */
  watch(): void {
    this.#out = false;
    const posted = this.conn.read(this.#idleBuffer);
    this.#posted = posted;
    const idleEnd = () => {
      if (this.#out) return; // the read belongs to a request's response now: the request handles it
      this.spoilt = true;
      closeQuietly(this.conn);
    };
    posted.then(idleEnd, idleEnd);
  }

  /** A request is going out: the posted read (when there is one) is its response's first read. */
  claim(): { read: Promise<number | null>; into: Uint8Array } | undefined {
    this.#out = true;
    const read = this.#posted;
    this.#posted = undefined;
    return read && { read, into: this.#idleBuffer };
  }
}

export function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
