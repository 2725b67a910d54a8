/**
 * The `http1` engine: HTTP/1.1 over `Deno.connect` / `Deno.startTls`, one keep-alive connection per
 * origin and virtual user, requests pre-encoded once, responses parsed from bytes. It times the phases
 * (connect, TLS handshake, time to first byte, download) and turns every failure into an error kind.
 */
import { lookup } from "node:dns/promises";
import { newOutcome, type RequestOutcome } from "../../metrics/snapshot.ts";
import { type RequestPlan, statusAccepted } from "../../plan/request_plan.ts";
import { type RenderedParts, renderedPlan } from "../user_engine.ts";
import { classifyError, statusErrorKind } from "../error_kind.ts";
import type { InflightRequest, InflightRequests } from "../inflight.ts";
import { encodeRequest, encodeTarget, headerBlock, requestText } from "./request_encoder.ts";
import { ResponseCapture } from "./capture.ts";
import { Http1ResponseParser } from "./response_parser.ts";
import { BufferPool, closeQuietly, KeptConnection } from "./connection.ts";

export interface TlsOptions {
  /** PEM certificates of extra trusted CAs (the config's `tls.ca_file`). */
  caCerts?: string[];
  /** tls.insecure: accept a certificate issued for another name (the chain is still verified). */
  skipHostnameCheck?: boolean;
}

/** A plan ready for the wire: its bytes and where they go. */
export interface PreparedRequest {
  plan: RequestPlan;
  /**
   * Bytes encoded before the run, or the text of a request rendered for this iteration, encoded at send
   * time straight into the read buffer (a fresh array per request costs more than the encoding).
   */
  wire: Uint8Array | string;
  origin: string;
  hostname: string;
  port: number;
  tls: boolean;
  expectBody: boolean;
}

export function prepareRequest(plan: RequestPlan): PreparedRequest {
  const url = new URL(plan.url);
  return {
    plan,
    wire: encodeRequest(plan, url), // one URL parse, not two
    ...parseOrigin(url),
    expectBody: plan.method !== "HEAD",
  };
}

interface Origin {
  origin: string;
  host: string;
  hostname: string;
  port: number;
  tls: boolean;
}

function parseOrigin(url: URL): Origin {
  const tls = url.protocol === "https:";
  return {
    origin: url.origin,
    host: url.host,
    // URL keeps the brackets of an IPv6 literal; connect wants the bare address.
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: Number(url.port || (tls ? 443 : 80)),
    tls,
  };
}

/**
 * Prepares requests rendered per iteration (flows, custom users) without parsing their URL each time:
 * the origin part is parsed once and cached, the rest is the request target, encoded as the URL parser
 * would encode it. Header lines are built once per headers object and origin (rendering passes the base
 * plan's own object when no header was templated).
 */
export class RenderedRequests {
  readonly #origins = new Map<string, Origin>();
  readonly #blocks = new WeakMap<Record<string, string>, { host: string; block: string }>();

  prepare(base: RequestPlan, parts: RenderedParts): PreparedRequest {
    const url = parts.url;
    const slash = url.indexOf("/", url.indexOf("//") + 2);
    const key = slash < 0 ? url : url.slice(0, slash);
    let origin = this.#origins.get(key);
    if (!origin) {
      if (url.indexOf("?") >= 0 && (slash < 0 || url.indexOf("?") < slash)) {
        return prepareRequest(renderedPlan(base, parts));
      }
      origin = parseOrigin(new URL(key));
      this.#origins.set(key, origin);
    }
    const target = encodeTarget(slash < 0 ? "/" : url.slice(slash));
    return {
      plan: base,
      wire: requestText(base.method, target, this.#headerBlock(origin.host, base, parts), parts.body),
      origin: origin.origin,
      hostname: origin.hostname,
      port: origin.port,
      tls: origin.tls,
      expectBody: base.method !== "HEAD",
    };
  }

  /** Cached only for the base plan's own headers: templated ones are new objects every time. */
  #headerBlock(host: string, base: RequestPlan, parts: RenderedParts): string {
    if (parts.headers !== base.headers) return headerBlock(host, parts.headers);
    const cached = this.#blocks.get(base.headers);
    if (cached?.host === host) return cached.block;
    const block = headerBlock(host, base.headers);
    this.#blocks.set(base.headers, { host, block });
    return block;
  }
}

/** Failed before any response byte on a reused connection: the server had closed it while idle. */
class StaleConnection extends Error {}

export class Http1Client {
  readonly #connections = new Map<string, KeptConnection>();
  readonly #parser = new Http1ResponseParser();
  /** The connection of the request in flight, closed by a timeout or an interruption. */
  #current: Deno.Conn | undefined;
  readonly #closeCurrent = () => this.#current && closeQuietly(this.#current);

  constructor(
    readonly inflight: InflightRequests,
    readonly buffers: BufferPool,
    readonly tlsOptions: TlsOptions = {},
  ) {}

  static bufferPool(): BufferPool {
    return new BufferPool();
  }

  /** Sends one request; with `capture`, the outcome carries the response (head and body) too. */
  async send(request: PreparedRequest, capture = false): Promise<RequestOutcome> {
    const sink = capture ? new ResponseCapture() : undefined;
    this.#parser.sink = sink;
    const entry = this.inflight.begin(request.plan.timeout_ms);
    const started = performance.now();
    const outcome = newOutcome(0);
    try {
      let keepAlive: boolean;
      try {
        keepAlive = await this.#sendOnce(request, entry, outcome, started);
      } catch (error) {
        if (!(error instanceof StaleConnection) || entry.abortReason) throw error;
        keepAlive = await this.#sendOnce(request, entry, outcome, performance.now()); // once, on a fresh connection
      }
      outcome.error ??= statusAccepted(outcome.status, request.plan.expect)
        ? undefined
        : statusErrorKind(outcome.status);
      if (!keepAlive) this.#drop(request.origin);
    } catch (error) {
      this.#drop(request.origin);
      outcome.error = entry.abortReason ?? classifyError(error);
    } finally {
      entry.finish();
      outcome.latency_us = (performance.now() - started) * 1000;
    }
    if (sink && outcome.status > 0) outcome.response = sink.result(outcome.status, outcome.latency_us / 1000);
    return outcome;
  }

  /** Closes every connection (the user is done). */
  close(): void {
    for (const origin of [...this.#connections.keys()]) this.#drop(origin);
  }

  #drop(origin: string): void {
    const conn = this.#connections.get(origin);
    if (!conn) return;
    this.#connections.delete(origin);
    closeQuietly(conn.conn);
  }

  /** Opens a connection within the request's timeout; a socket is never left open on failure. */
  async #connect(
    request: PreparedRequest,
    entry: InflightRequest,
    outcome: RequestOutcome,
  ): Promise<Deno.Conn> {
    let address = request.hostname;
    if (!isIpLiteral(address)) {
      // Resolve with the system resolver (getaddrinfo: /etc/hosts too) so DNS is timed as its own phase.
      const startedDns = performance.now();
      address = await untilAborted(entry, lookup(request.hostname).then((found) => found.address));
      outcome.dns_us = (performance.now() - startedDns) * 1000;
    }
    const t0 = performance.now();
    const tcp = await connectUnlessAborted(address, request.port, entry);
    const t1 = performance.now();
    outcome.connect_us = (t1 - t0) * 1000;
    tcp.setNoDelay(true);
    if (!request.tls) return tcp;
    let tlsConn: Deno.TlsConn | undefined;
    entry.onAbort = () => (tlsConn ?? tcp).close();
    try {
      tlsConn = await Deno.startTls(tcp, {
        hostname: request.hostname,
        caCerts: this.tlsOptions.caCerts,
        unsafelyDisableHostnameVerification: this.tlsOptions.skipHostnameCheck,
      });
      await tlsConn.handshake();
    } catch (error) {
      closeQuietly(tlsConn ?? tcp);
      throw error;
    }
    outcome.tls_us = (performance.now() - t1) * 1000;
    return tlsConn;
  }

  /** The origin's kept connection unless it was spoilt while idle: found without an await (the hot path). */
  #reusable(origin: string): KeptConnection | undefined {
    const kept = this.#connections.get(origin);
    return kept && !kept.spoilt ? kept : undefined;
  }

  /** A new connection for the origin, in place of one that was spoilt while idle (or none). */
  async #fresh(
    request: PreparedRequest,
    entry: InflightRequest,
    outcome: RequestOutcome,
  ): Promise<KeptConnection> {
    this.#drop(request.origin);
    const fresh = new KeptConnection(await this.#connect(request, entry, outcome));
    this.#connections.set(request.origin, fresh);
    return fresh;
  }

  /**
   * One attempt: connect if needed, write, read (one async frame for both: this is the hot path).
   * Fills `outcome`; returns whether to keep the connection.
   */
  async #sendOnce(
    request: PreparedRequest,
    entry: InflightRequest,
    outcome: RequestOutcome,
    started: number,
  ): Promise<boolean> {
    const parser = this.#parser;
    // Reset first: the stale-connection check below must not see the previous response's head.
    parser.reset(request.expectBody);
    const cached = this.#reusable(request.origin);
    const reused = cached !== undefined;
    const kept = cached ?? await this.#fresh(request, entry, outcome);
    const conn = kept.conn;
    this.#current = conn;
    entry.onAbort = this.#closeCurrent;
    if (entry.abortReason) throw new Error("aborted");
    // On a reused connection the request goes out at once: no need to read the clock again.
    const sentAt = reused ? started : performance.now();
    const buffer = this.buffers.take();
    let firstByteAt = -1;
    let leftover = false;
    try {
      let posted = kept.claim();
      const postedInto = kept.idleBuffer;
      const bytes = wireBytes(request.wire, buffer);
      outcome.bytes_sent = bytes.length;
      const written = await conn.write(bytes);
      if (written < bytes.length) await writeRest(conn, bytes, written);
      while (!parser.done && parser.error === undefined) {
        const first = posted;
        posted = undefined;
        const chunk = first ? postedInto : buffer;
        const n = await (first ?? conn.read(buffer));
        if (n === null) {
          if (firstByteAt < 0) throw new ClosedEarly();
          parser.end();
          break;
        }
        if (firstByteAt < 0) firstByteAt = performance.now();
        leftover = parser.feed(chunk, 0, n) < n;
      }
    } catch (error) {
      if (reused && firstByteAt < 0 && !entry.abortReason && isClosedEarly(error)) {
        this.#drop(request.origin);
        throw new StaleConnection();
      }
      throw error;
    } finally {
      this.buffers.give(buffer);
    }
    outcome.status = parser.status;
    outcome.bytes_received = parser.headBytes + parser.bodyBytes;
    outcome.ttfb_us = (firstByteAt - sentAt) * 1000;
    outcome.download_us = (performance.now() - firstByteAt) * 1000;
    if (parser.error) outcome.error = parser.error;
    // Bytes after the response mean the stream is out of step: never reuse it.
    const keep = parser.keepAlive && !leftover && parser.error === undefined;
    if (keep) kept.watch();
    return keep;
  }
}

/** The server closed the connection before sending a byte of the response. */
class ClosedEarly extends Error {
  constructor() {
    super("connection closed before message completed");
  }
}

function isClosedEarly(error: unknown): boolean {
  return error instanceof ClosedEarly || error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.BrokenPipe;
}

const encoder = new TextEncoder();

/**
 * The request's bytes: prepared ones as they are; a rendered one encoded into `buffer` (written in full
 * before the response is read into it), or into an array of its own when it does not fit.
 */
function wireBytes(wire: Uint8Array | string, buffer: Uint8Array): Uint8Array {
  if (typeof wire !== "string") return wire;
  const { read, written } = encoder.encodeInto(wire, buffer);
  return read === wire.length ? buffer.subarray(0, written) : encoder.encode(wire);
}

async function writeRest(conn: Deno.Conn, bytes: Uint8Array, written: number): Promise<void> {
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(":");
}

/** Races `work` against the request's timeout or interruption. */
function untilAborted<T>(entry: InflightRequest, work: Promise<T>): Promise<T> {
  if (entry.abortReason) return Promise.reject(new Error("aborted"));
  return new Promise((resolve, reject) => {
    entry.onAbort = () => reject(new Error("aborted"));
    work.then(resolve, reject);
  });
}

/**
 * `Deno.connect` takes no signal, so the request's timeout or an interruption races it; a connection
 * that completes after losing the race is closed at once.
 */
function connectUnlessAborted(hostname: string, port: number, entry: InflightRequest): Promise<Deno.TcpConn> {
  if (entry.abortReason) return Promise.reject(new Error("aborted before connecting"));
  const connecting = Deno.connect({ hostname, port });
  return new Promise((resolve, reject) => {
    entry.onAbort = () => reject(new Error("aborted while connecting"));
    connecting.then((tcp) => {
      if (entry.abortReason) closeQuietly(tcp);
      else {
        entry.onAbort = () => tcp.close();
        resolve(tcp);
      }
    }, reject);
  });
}
