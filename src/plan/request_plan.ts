/**
 * Tasks of a scenario turned into ready-to-send requests: URL joined, body serialised and headers merged
 * once, before the run, so the per-request path does no such work.
 */
import type { ScenarioConfig, TaskConfig } from "../model/config.ts";
import type { StatusRange } from "../model/task_config.ts";

export interface RequestPlan {
  /** Endpoint name in results: the task's `name`, else its path (as Locust names requests). */
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  weight: number;
  /** Accepted statuses; undefined means Locust's rule: any status below 400. */
  expect?: StatusRange[];
  timeout_ms: number;
  /** Bytes of the request as sent over HTTP/1.1 (request line, headers, body). */
  request_bytes: number;
}

/** Locust joins host and path as strings, keeping any path prefix of the host. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

/** A preset without tasks sends `GET /` to the base URL. */
export const DEFAULT_TASK: TaskConfig = {
  weight: 1,
  method: "GET",
  path: "/",
  headers: {},
  thresholds: {},
  extract: {},
};

export function buildRequestPlans(scenario: ScenarioConfig, baseUrl: string): RequestPlan[] {
  const tasks = scenario.tasks.length > 0 ? scenario.tasks : [DEFAULT_TASK];
  return tasks.map((task) => buildRequestPlan(task, scenario, baseUrl));
}

export function buildRequestPlan(
  task: Omit<TaskConfig, "weight" | "thresholds"> & { weight?: number },
  scenario: ScenarioConfig,
  baseUrl: string,
): RequestPlan {
  const url = task.url ?? joinUrl(baseUrl, task.path ?? "/");
  // The scenario's headers (often credentials) go only to the scenario's own origin; a task's own
  // headers go wherever the task sends them.
  const shared = sameOrigin(url, baseUrl) ? lowerKeys(scenario.headers) : {};
  const headers: Record<string, string> = { ...shared, ...lowerKeys(task.headers) };
  let body = task.body;
  if (task.json !== undefined) {
    body = JSON.stringify(task.json);
    headers["content-type"] ??= "application/json";
  }
  const plan: RequestPlan = {
    name: task.name ?? task.path ?? new URL(url).pathname,
    method: task.method,
    url,
    headers,
    body,
    weight: task.weight ?? 1,
    expect: task.expect_status,
    timeout_ms: task.timeout ?? scenario.timeout,
    request_bytes: 0,
  };
  plan.request_bytes = requestBytes(plan);
  return plan;
}

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** Whether two URLs share scheme, host and port (as written; placeholders only ever follow the origin). */
export function sameOrigin(a: string, b: string): boolean {
  const origin = (url: string) => ORIGIN.exec(url)?.[0].toLowerCase();
  return origin(a) !== undefined && origin(a) === origin(b);
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const encoder = new TextEncoder();

/** Size of the HTTP/1.1 message, counting the headers every client adds (host, length). */
export function requestBytes(plan: Pick<RequestPlan, "method" | "url" | "headers" | "body">): number {
  const url = new URL(plan.url);
  const bodyBytes = plan.body === undefined ? 0 : encoder.encode(plan.body).length;
  const lines = [`${plan.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(plan.headers)) lines.push(`${name}: ${value}`);
  if (plan.body !== undefined) lines.push(`content-length: ${bodyBytes}`);
  return encoder.encode(lines.join("\r\n") + "\r\n\r\n").length + bodyBytes;
}

/** True when the status is accepted: in one of the ranges, or below 400 when none are given. */
export function statusAccepted(status: number, expect: readonly StatusRange[] | undefined): boolean {
  if (!expect) return status >= 100 && status < 400;
  return expect.some((range) => status >= range.min && status <= range.max);
}
