/**
 * The engines a virtual user can send with. `http1` (the default) speaks HTTP/1.1 over raw sockets;
 * `fetch` goes through Deno's fetch (HTTP/2, and whatever the fast path does not cover).
 */
import type { EngineName } from "../model/config.ts";
import type { RequestOutcome } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { sendWithFetch } from "./fetch_engine.ts";
import { Http1Client, prepareRequest, RenderedRequests, type TlsOptions } from "./http1/http1_client.ts";
import type { InflightRequests } from "./inflight.ts";
import type { Send } from "./virtual_user.ts";

/**
 * What rendering gave for one iteration's request; the rest (method, expected statuses, timeout) comes
 * from its base plan. `headers` is the base plan's own object when none was templated, which lets the
 * http1 engine reuse the encoded header block.
 */
export interface RenderedParts {
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** One user's sending side; `close` releases its connections when the user stops. */
export interface UserEngine {
  /** A request prepared before the run (no placeholders), by its index. */
  send: Send;
  /** A request rendered for this iteration: encoded on the spot. */
  sendRendered(base: RequestPlan, parts: RenderedParts, capture: boolean): Promise<RequestOutcome>;
  close(): void;
}

/** The whole plan of a rendered request, for engines that take plans (fetch, tests). */
export function renderedPlan(base: RequestPlan, parts: RenderedParts): RequestPlan {
  // request_bytes 0: the size changed with the rendering; the engine counts what it sends.
  return { ...base, url: parts.url, headers: parts.headers, body: parts.body, request_bytes: 0 };
}

/** Builds per-user engines for a worker; everything that can be prepared once is prepared here. */
export function userEngineFactory(
  engine: EngineName,
  requests: readonly RequestPlan[],
  inflight: InflightRequests,
  tls: TlsOptions,
): () => UserEngine {
  if (engine === "fetch") {
    // One client per worker, so a private CA (tls.ca_file) is trusted by fetch too.
    const client = tls.caCerts ? Deno.createHttpClient({ caCerts: tls.caCerts }) : undefined;
    const send: Send = (plan, _index, capture) => sendWithFetch(plan, inflight, client, capture);
    const sendRendered = (base: RequestPlan, parts: RenderedParts, capture: boolean) =>
      sendWithFetch(renderedPlan(base, parts), inflight, client, capture);
    return () => ({ send, sendRendered, close() {} });
  }
  const prepared = requests.map(prepareRequest);
  const buffers = Http1Client.bufferPool();
  const rendered = new RenderedRequests();
  return () => {
    const client = new Http1Client(inflight, buffers, tls);
    return {
      send: (_plan, index, capture) => client.send(prepared[index]!, capture),
      sendRendered: (base, parts, capture) => client.send(rendered.prepare(base, parts), capture),
      close: () => client.close(),
    };
  };
}
