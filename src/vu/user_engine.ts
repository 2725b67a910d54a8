/** The sending side of a virtual user, as its callers see it (engines implement it). */
import type { RequestOutcome } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";

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

/** Sends the request of `plan`, which is `requests[index]` (engines keep per-index prepared state). */
export type Send = (plan: RequestPlan, index: number, capture?: boolean) => Promise<RequestOutcome>;
