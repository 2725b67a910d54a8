/**
 * The engines a virtual user can send with. `http1` (the default) speaks HTTP/1.1 over raw sockets;
 * `fetch` goes through Deno's fetch (HTTP/2, and whatever the fast path does not cover).
 */
import { type RenderedParts, renderedPlan, type Send, type UserEngine } from "./user_engine.ts";
import type { EngineName } from "../model/config.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { sendWithFetch } from "./fetch_engine.ts";
import { Http1Client, prepareRequest, RenderedRequests, type TlsOptions } from "./http1/http1_client.ts";
import type { InflightRequests } from "./inflight.ts";

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
