/**
 * Hostile loopback targets for the reliability suite (tests/reliability/): raw TCP servers that
 * misbehave on purpose (reset mid-response, never answer, dribble bytes, endless heads and bodies,
 * random keep-alive closes, garbage), and a child-process runner for `perf` with RSS sampling.
 * Every server stops listening, closes its connections and waits for its handlers on `close()`.
 */
import { seededRandom } from "../../src/plan/weighted.ts";

const encoder = new TextEncoder();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A running hostile server. */
export interface HostileServer {
  /** `http://127.0.0.1:PORT` (or https for TLS servers), no trailing slash. */
  url: string;
  /** Connections accepted so far. */
  accepted(): number;
  /** Bytes written to clients so far (what the client had to read or discard). */
  written(): number;
  /** Stops listening, closes every connection, waits for the handlers. Safe to call twice. */
  close(): Promise<void>;
}

/** What a handler can do with its connection. */
export interface HostileConn {
  conn: Deno.Conn;
  /** Index of this connection (from 0). */
  index: number;
  /** Writes all of `data`; false when the peer is gone or the server is closing. */
  write(data: string | Uint8Array): Promise<boolean>;
  /** Reads one request head (up to CRLFCRLF); null at end of stream. Bodies are not expected. */
  readHead(): Promise<string | null>;
  /** True once the server is closing: long-running handlers stop. */
  readonly closing: boolean;
}

function closeQuietly(conn: { close(): void }): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

/** A raw server on 127.0.0.1 running `handle` for each connection; optionally TLS with `cert`/`key`. */
export function hostileServer(
  handle: (c: HostileConn) => Promise<unknown>,
  tls?: { cert: string; key: string },
): HostileServer {
  const listener: Deno.Listener = tls
    ? Deno.listenTls({ hostname: "127.0.0.1", port: 0, ...tls })
    : Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const handlers: Promise<void>[] = [];
  let written = 0;
  let closing = false;
  const decoder = new TextDecoder();
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      const buffer = new Uint8Array(16 * 1024);
      let pending = "";
      const c: HostileConn = {
        conn,
        index: handlers.length,
        get closing() {
          return closing;
        },
        async write(data) {
          const bytes = typeof data === "string" ? encoder.encode(data) : data;
          try {
            for (let at = 0; at < bytes.length;) {
              if (closing) return false;
              const n = await conn.write(bytes.subarray(at));
              at += n;
              written += n;
            }
            return true;
          } catch {
            return false;
          }
        },
        async readHead() {
          for (;;) {
            const end = pending.indexOf("\r\n\r\n");
            if (end >= 0) {
              const head = pending.slice(0, end + 4);
              pending = pending.slice(end + 4);
              return head;
            }
            const n = await conn.read(buffer).catch(() => null);
            if (n === null) return null;
            pending += decoder.decode(buffer.subarray(0, n));
          }
        },
      };
      handlers.push(
        handle(c).then(() => {}, () => {}).finally(() => {
          conns.delete(conn);
          closeQuietly(conn);
        }),
      );
    }
  })();
  const { port } = listener.addr as Deno.NetAddr;
  let closed: Promise<void> | undefined;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    accepted: () => handlers.length,
    written: () => written,
    close: () =>
      closed ??= (async () => {
        closing = true;
        closeQuietly(listener);
        for (const conn of conns) closeQuietly(conn);
        await accepting.catch(() => {});
        await Promise.all(handlers);
      })(),
  };
}

/** A small valid keep-alive response. */
export const OK_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";

/** The behaviours of the hostile-target table; each handler serves one connection. */
export const HOSTILE = {
  /** Reads the request, sends half a response, then closes with unread bytes: the kernel sends RST. */
  resetMidResponse: async (c: HostileConn) => {
    await c.conn.read(new Uint8Array(8)); // leave most of the request unread, so close() sends RST
    await c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial");
    await sleep(5);
  },
  /** Accepts, reads the request and never answers (until the client gives up or the server closes). */
  silent: async (c: HostileConn) => {
    while ((await c.readHead()) !== null) { /* never answer */ }
  },
  /** Answers every request correctly, one byte every `gapMs` (a head and body of ~70 bytes). */
  byteByByte: (gapMs: number) => async (c: HostileConn) => {
    const bytes = encoder.encode(OK_RESPONSE);
    while ((await c.readHead()) !== null) {
      for (const byte of bytes) {
        if (!await c.write(new Uint8Array([byte]))) return;
        await sleep(gapMs);
      }
    }
  },
  /** A status line, then header lines forever (the head never ends). */
  endlessHeaders: async (c: HostileConn) => {
    if ((await c.readHead()) === null) return;
    await c.write("HTTP/1.1 200 OK\r\n");
    const line = encoder.encode(`X-Filler: ${"h".repeat(1000)}\r\n`);
    while (await c.write(line)) { /* until the client closes */ }
  },
  /** A chunked body that never ends, 64 KiB per chunk, as fast as the client reads. */
  endlessBody: async (c: HostileConn) => {
    if ((await c.readHead()) === null) return;
    await c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = encoder.encode(`10000\r\n${"b".repeat(0x10000)}\r\n`);
    while (await c.write(chunk)) { /* until the client closes */ }
  },
  /** Bytes that are not HTTP at all, then a close. */
  garbage: async (c: HostileConn) => {
    if ((await c.readHead()) === null) return;
    const random = seededRandom(c.index + 1);
    await c.write(Uint8Array.from({ length: 300 }, () => Math.floor(random() * 256)));
  },
  /**
   * Valid keep-alive responses (no `Connection: close`), but after each one the connection is closed
   * with probability `p` (seeded per connection): the client finds out only when it sends the next request.
   */
  randomKeepAliveClose: (p: number) => async (c: HostileConn) => {
    const random = seededRandom(1000 + c.index);
    while ((await c.readHead()) !== null) {
      if (!await c.write(OK_RESPONSE)) return;
      if (random() < p) return;
    }
  },
  /** A plain-HTTP answer on a connection the client opened for TLS. */
  plainHttpToTls: async (c: HostileConn) => {
    await c.conn.read(new Uint8Array(4096)).catch(() => null);
    await c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  },
};

/** A `perf` child process (`deno run -A main.ts ...`), with its output collected and its RSS sampled. */
export interface PerfChild {
  pid: number;
  /** Resolves when it exits: code, stdout, stderr, and the highest RSS seen (MB). */
  done: Promise<
    { code: number; signal: Deno.Signal | null; stdout: string; stderr: string; maxRssMb: number }
  >;
  /** stdout so far (the summary; `Results:` comes last). */
  stdout(): string;
  /** stderr so far (progress, warnings). */
  stderr(): string;
  kill(signal: Deno.Signal): void;
}

export const MAIN_TS = new URL("../../main.ts", import.meta.url).pathname;

/** Resident memory of `pid` in MB from /proc (Linux), or undefined when it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * Spawns perf with `args`. With `shellPrefix` (e.g. `ulimit -n 64;`), it runs through `sh -c` and
 * `exec`, so the pid is still perf's own. RSS is sampled every `sampleMs` while it runs.
 */
export function spawnPerf(
  args: string[],
  options: { shellPrefix?: string; sampleMs?: number; env?: Record<string, string> } = {},
): PerfChild {
  const denoArgs = ["run", "-A", MAIN_TS, ...args];
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = options.shellPrefix === undefined
    ? new Deno.Command(Deno.execPath(), {
      args: denoArgs,
      stdout: "piped",
      stderr: "piped",
      env: options.env,
    })
    : new Deno.Command("sh", {
      args: ["-c", `${options.shellPrefix} exec ${[Deno.execPath(), ...denoArgs].map(quote).join(" ")}`],
      stdout: "piped",
      stderr: "piped",
      env: options.env,
    });
  const child = command.spawn();
  let out = "";
  let err = "";
  let maxRss = 0;
  let running = true;
  const collect = async (stream: ReadableStream<Uint8Array>, add: (text: string) => void) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) add(decoder.decode(chunk, { stream: true }));
  };
  const reading = Promise.all([
    collect(child.stdout, (t) => out += t),
    collect(child.stderr, (t) => err += t),
  ]);
  const sampling = (async () => {
    while (running) {
      maxRss = Math.max(maxRss, rssMb(child.pid) ?? 0);
      await sleep(options.sampleMs ?? 100);
    }
  })();
  const done = (async () => {
    const status = await child.status;
    running = false;
    await Promise.all([reading, sampling]);
    return { code: status.code, signal: status.signal, stdout: out, stderr: err, maxRssMb: maxRss };
  })();
  return {
    pid: child.pid,
    done,
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => {
      try {
        child.kill(signal);
      } catch { /* already exited */ }
    },
  };
}

/** Kills a child that is still running (SIGKILL) and waits for it: for `finally` blocks. */
export async function reap(child: PerfChild | undefined): Promise<void> {
  if (!child) return;
  child.kill("SIGKILL");
  await child.done.catch(() => {});
}

/** Polls `ready` every `everyMs` until it is true or `timeoutMs` passed; returns whether it became true. */
export async function waitFor(ready: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (ready()) return true;
    await sleep(everyMs);
  }
  return ready();
}

/** Signs of an unhandled error in a child's output: Deno's "Uncaught" report or a stack frame. */
export function crashSigns(text: string): string[] {
  return text.split("\n").filter((line) =>
    /Uncaught|unhandled|panicked|^\s+at .+:\d+:\d+\)?$|internal error/i.test(line)
  );
}
