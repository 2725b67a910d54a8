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
 * are never read as the next response, at no extra read for a response that fits in the 2 KiB idle
 * buffer (a larger one takes one read more than on a new connection; 16 KiB per idle connection would
 * cost 160 MB at 10,000 users).
 */
export class KeptConnection {
  /** Where the posted read puts the first bytes of the next response. */
  readonly idleBuffer = new Uint8Array(IDLE_READ_BYTES);
  #posted: Promise<number | null> | undefined;
  #out = false;
  /** Something arrived, or the server closed, while no request was out. */
  spoilt = false;

  constructor(readonly conn: Deno.Conn) {}

  /** One handler for every idle read of this connection (no closure per request). */
  readonly #idleEnd = () => {
    if (this.#out) return; // the read belongs to a request's response now: the request handles it
    this.spoilt = true;
    closeQuietly(this.conn);
  };

  /** The response is read: post the read that watches the connection until the next request. */
  watch(): void {
    this.#out = false;
    const posted = this.conn.read(this.idleBuffer);
    this.#posted = posted;
    posted.then(this.#idleEnd, this.#idleEnd);
  }

  /** A request is going out: the posted read (when there is one) is its response's first read, into idleBuffer. */
  claim(): Promise<number | null> | undefined {
    this.#out = true;
    const read = this.#posted;
    this.#posted = undefined;
    return read;
  }
}

export function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
