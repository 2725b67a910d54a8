/**
 * The API of custom TypeScript users: a module exports a user definition (weighted tasks, wait time,
 * on_start / on_stop); each task gets a context whose requests are measured by the same engine as YAML
 * ones. `perf init` writes a copy of this file beside the example so editors type-check user code.
 *
 * @example
 * ```ts
 * import { defineUser } from "./perf_user_api.ts";
 * export default defineUser({
 *   wait_time: "between(1, 3)",
 *   tasks: [
 *     { name: "list", weight: 3, run: async ({ http }) => void await http.get("/api/items/") },
 *     { name: "create", weight: 1, run: async ({ http, check }) => {
 *       const res = await http.post("/api/items/", { json: { name: "test", value: 42 } });
 *       check(res.status === 201, "created");
 *     } },
 *   ],
 * });
 * ```
 */

export interface PerfResponse {
  status: number;
  /** The status was expected (expect_status, or below 400) and nothing failed. */
  ok: boolean;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
  duration_ms: number;
  /** The error kind when the request failed (refused, timeout, http_500, ...). */
  error?: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  /** The endpoint's name in results (default: the path). */
  name?: string;
  expect_status?: number | number[];
  /** Timeout in ms (default: the scenario's). */
  timeout?: number;
}

export interface Http {
  get(path: string, options?: RequestOptions): Promise<PerfResponse>;
  post(path: string, options?: RequestOptions): Promise<PerfResponse>;
  put(path: string, options?: RequestOptions): Promise<PerfResponse>;
  patch(path: string, options?: RequestOptions): Promise<PerfResponse>;
  delete(path: string, options?: RequestOptions): Promise<PerfResponse>;
  request(method: string, path: string, options?: RequestOptions): Promise<PerfResponse>;
}

export interface UserApi {
  http: Http;
  /** A failed check fails the request made just before it (error kind `check:<name>`). */
  check(ok: boolean, name: string): boolean;
  sleep(seconds: number): Promise<void>;
  /** The user's own variables, kept across iterations. */
  vars: Map<string, unknown>;
  /** This iteration's row of a test_data source. */
  data(source: string): Record<string, string>;
  log(...args: unknown[]): void;
  /** Seeded randomness of this user. */
  random(): number;
}

export interface TaskDefinition {
  name?: string;
  weight?: number;
  run(api: UserApi): Promise<void> | void;
}

export interface UserDefinition {
  tasks: (TaskDefinition | ((api: UserApi) => Promise<void> | void))[];
  /** As in YAML: seconds, "between(1, 3)", "constant(1)", "constant_pacing(2)". */
  wait_time?: number | string;
  on_start?(api: UserApi): Promise<void> | void;
  on_stop?(api: UserApi): Promise<void> | void;
}

/** Identity, for types: `export default defineUser({...})`. */
export function defineUser(definition: UserDefinition): UserDefinition {
  return definition;
}
