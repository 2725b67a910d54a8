/**
 * Runs a custom TypeScript user: picks its tasks by weight, gives each a context whose requests go
 * through the worker's engine and are recorded like YAML ones, and waits between iterations. A task
 * that throws counts as an error of that task (`TASK <name>`, kind `exception`); the user goes on.
 */
import type { WaitTime } from "../model/config.ts";
import type { StatusRange } from "../model/task_config.ts";
import { waitTimeSchema } from "../model/config.ts";
import { newOutcome, type RequestOutcome, type SnapshotRecorder } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import type { CapturedResponse } from "../model/response.ts";
import { waitAfterTaskMs } from "../plan/wait_time.ts";
import { cumulativeWeights, pickWeighted } from "../plan/weighted.ts";
import type { PerfResponse, RequestOptions, TaskDefinition, UserApi, UserDefinition } from "../user/api.ts";
import { DataExhausted, type UserData } from "./data_access.ts";
import type { UserEngine } from "./user_engine.ts";
import type { StopControl } from "./stop_control.ts";

export interface ScriptContext {
  definition: UserDefinition;
  engine: UserEngine;
  recorder: SnapshotRecorder;
  control: StopControl;
  random: () => number;
  baseUrl: string;
  defaultHeaders: Record<string, string>;
  timeoutMs: number;
  /** The scenario's wait time, unless the module sets its own. */
  wait: WaitTime;
  data?: UserData;
  until?: number;
  log(line: string): void;
}

interface NamedTask {
  name: string;
  weight: number;
  run: TaskDefinition["run"];
}

/** The module's tasks with names and weights filled in. */
export function normalizeTasks(definition: UserDefinition): NamedTask[] {
  return definition.tasks.map((task, i) =>
    typeof task === "function"
      ? { name: task.name || `task${i + 1}`, weight: 1, run: task }
      : { name: task.name ?? (task.run.name || `task${i + 1}`), weight: task.weight ?? 1, run: task.run }
  );
}

function expectRanges(expect: RequestOptions["expect_status"]): StatusRange[] | undefined {
  if (expect === undefined) return undefined;
  return (Array.isArray(expect) ? expect : [expect]).map((s) => ({ min: s, max: s }));
}

function pathWithoutQuery(path: string): string {
  const end = path.search(/[?#]/);
  const bare = end < 0 ? path : path.slice(0, end);
  return bare.startsWith("/") ? bare : `/${bare}`;
}

/** A response as tasks see it; a class, so answering costs no closures per request. */
class ScriptResponse implements PerfResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly body: string;
  readonly duration_ms: number;
  readonly error: string | undefined;
  readonly #response: CapturedResponse | undefined;

  constructor(outcome: RequestOutcome, response: CapturedResponse | undefined) {
    this.status = outcome.status;
    this.ok = outcome.error === undefined;
    this.body = response?.body ?? "";
    this.duration_ms = outcome.latency_us / 1000;
    this.error = outcome.error;
    this.#response = response;
  }

  /** Parsed only if the task reads a header. */
  get headers(): Record<string, string> {
    return this.#response?.headers ?? {};
  }

  json<T>(): T {
    return JSON.parse(this.body) as T;
  }
}

/** Requests of one user; the last outcome is recorded late, so a `check` right after can fail it. */
class ScriptHttp {
  #pendingSlot = -1;
  #pendingOutcome: RequestOutcome | undefined;
  /** Endpoint slots by name, then method: no string building per request. */
  readonly #slots = new Map<string, Map<string, number>>();
  /** The plan each method's requests share when a task sets no status or timeout of its own. */
  readonly #basePlans = new Map<string, RequestPlan>();
  readonly #baseUrl: string;
  /** The base URL's origin: the only one the scenario's headers (credentials, often) are sent to. */
  readonly #baseOrigin: string;

  constructor(readonly ctx: ScriptContext) {
    this.#baseUrl = ctx.baseUrl.replace(/\/+$/, "");
    this.#baseOrigin = new URL(this.#baseUrl).origin;
  }

  flush(): void {
    if (this.#pendingOutcome) this.ctx.recorder.recordAt(this.#pendingSlot, this.#pendingOutcome);
    this.#pendingOutcome = undefined;
  }

  failLast(kind: string): void {
    if (this.#pendingOutcome && this.#pendingOutcome.error === undefined) this.#pendingOutcome.error = kind;
  }

  #slot(name: string, method: string): number {
    let byMethod = this.#slots.get(name);
    if (!byMethod) this.#slots.set(name, byMethod = new Map());
    let slot = byMethod.get(method);
    if (slot === undefined) byMethod.set(method, slot = this.ctx.recorder.slot(name, method));
    return slot;
  }

  #basePlan(method: string, options: RequestOptions): RequestPlan {
    const own = options.expect_status !== undefined || options.timeout !== undefined;
    let base = own ? undefined : this.#basePlans.get(method);
    if (!base) {
      base = {
        name: "",
        method,
        url: this.#baseUrl,
        headers: this.ctx.defaultHeaders,
        weight: 1,
        expect: expectRanges(options.expect_status),
        timeout_ms: options.timeout ?? this.ctx.timeoutMs,
        request_bytes: 0,
      };
      if (!own) this.#basePlans.set(method, base);
    }
    return base;
  }

  /**
   * The scenario's headers as they are, or a copy when this request adds to them. A request to another
   * origin (an absolute URL) gets only its own headers: the scenario's never leave the base URL's origin.
   */
  #headers(options: RequestOptions, foreign: boolean): Record<string, string> {
    if (!foreign && !options.headers && options.json === undefined) return this.ctx.defaultHeaders;
    const headers: Record<string, string> = foreign ? {} : { ...this.ctx.defaultHeaders };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (options.json !== undefined) headers["content-type"] ??= "application/json";
    return headers;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<PerfResponse> {
    this.flush();
    const absolute = path.startsWith("http://") || path.startsWith("https://");
    const url = absolute ? path : path.startsWith("/") ? this.#baseUrl + path : `${this.#baseUrl}/${path}`;
    const base = this.#basePlan(method.toUpperCase(), options);
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    const foreign = absolute && new URL(url).origin !== this.#baseOrigin;
    const outcome = await this.ctx.engine.sendRendered(
      base,
      { url, headers: this.#headers(options, foreign), body },
      true,
    );
    const response = outcome.response;
    outcome.response = undefined;
    // Named by the path without its query, so /items?page=2 and ?page=3 count as one endpoint.
    const name = options.name ?? (absolute ? new URL(url).pathname : pathWithoutQuery(path));
    this.#pendingSlot = this.#slot(name, base.method);
    this.#pendingOutcome = outcome;
    return new ScriptResponse(outcome, response);
  }
}

function makeApi(ctx: ScriptContext, http: ScriptHttp, vars: Map<string, unknown>): UserApi {
  const call = (method: string) => (path: string, options?: RequestOptions) =>
    http.request(method, path, options);
  return {
    http: {
      get: call("GET"),
      post: call("POST"),
      put: call("PUT"),
      patch: call("PATCH"),
      delete: call("DELETE"),
      request: (method, path, options) => http.request(method, path, options),
    },
    check(ok, name) {
      if (!ok) http.failLast(`check:${name}`);
      return ok;
    },
    sleep: (seconds) => ctx.control.sleep(seconds * 1000),
    vars,
    data(source) {
      if (!ctx.data) throw new Error(`no test_data source "${source}": the config defines none`);
      return { ...ctx.data.row(source) };
    },
    log: (...args) => ctx.log(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
    random: ctx.random,
  };
}

const reported = new Set<string>();

/** A task that threw: counted as a failed `TASK <name>` so the exception shows by name. */
function recordException(ctx: ScriptContext, task: NamedTask, error: unknown, started: number): void {
  const outcome = newOutcome(0);
  outcome.error = "exception";
  outcome.latency_us = (performance.now() - started) * 1000;
  ctx.recorder.recordAt(ctx.recorder.slot(task.name, "TASK"), outcome);
  // The first exception of a task is printed; the rest are counted (a task that always throws must not
  // flood the terminal).
  if (!reported.has(task.name)) {
    reported.add(task.name);
    const why = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.log(`task "${task.name}" threw (further exceptions are only counted): ${why}`);
  }
}

export async function runScriptUser(ctx: ScriptContext): Promise<void> {
  const tasks = normalizeTasks(ctx.definition);
  const cumulative = cumulativeWeights(tasks.map((t) => t.weight));
  const wait = ctx.definition.wait_time === undefined
    ? ctx.wait
    : waitTimeSchema.parse(ctx.definition.wait_time);
  const http = new ScriptHttp(ctx);
  const api = makeApi(ctx, http, new Map());
  const until = ctx.until ?? Infinity;
  const guarded = async (name: string, run: (api: UserApi) => Promise<void> | void) => {
    const started = performance.now();
    try {
      await run(api);
    } catch (error) {
      http.flush();
      if (error instanceof DataExhausted) throw error; // used-up test data stops the user, not a task bug
      recordException(ctx, { name, weight: 1, run }, error, started);
    }
    http.flush();
  };
  if (ctx.definition.on_start) await guarded("on_start", ctx.definition.on_start);
  while (!ctx.control.stopping && performance.now() < until) {
    const task = tasks[pickWeighted(cumulative, ctx.random())]!;
    ctx.data?.newIteration();
    const started = performance.now();
    await guarded(task.name, task.run);
    const pause = waitAfterTaskMs(wait, performance.now() - started, ctx.random());
    if (pause > 0) await ctx.control.sleep(Math.min(pause, until - performance.now()));
  }
  if (ctx.definition.on_stop) await guarded("on_stop", ctx.definition.on_stop);
}
