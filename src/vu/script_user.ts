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
import { timeFromDue } from "./timing.ts";

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
  /** Open model: when the next request was due (the iteration's intended start, for its first). */
  #due: number | undefined;

  constructor(readonly ctx: ScriptContext, readonly open = false) {
    this.#baseUrl = ctx.baseUrl.replace(/\/+$/, "");
    this.#baseOrigin = new URL(this.#baseUrl).origin;
  }

  /** Open model: the iteration was due at `intended`; its first request is timed from then. */
  startIteration(intended: number): void {
    this.#due = intended;
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
    const called = performance.now();
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
    if (this.open) {
      // A later request of the task was due when the task asked for it.
      timeFromDue(outcome, this.#due ?? called);
      this.#due = undefined;
    }
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

/** One TypeScript user: its module's tasks, its own variables and requests. */
export class ScriptUser {
  readonly #tasks: NamedTask[];
  readonly #cumulative: number[];
  readonly #http: ScriptHttp;
  readonly #api: UserApi;
  readonly wait: WaitTime;

  constructor(readonly ctx: ScriptContext, options: { open?: boolean } = {}) {
    this.#tasks = normalizeTasks(ctx.definition);
    this.#cumulative = cumulativeWeights(this.#tasks.map((t) => t.weight));
    this.wait = ctx.definition.wait_time === undefined
      ? ctx.wait
      : waitTimeSchema.parse(ctx.definition.wait_time);
    this.#http = new ScriptHttp(ctx, options.open);
    this.#api = makeApi(ctx, this.#http, new Map());
  }

  async #guarded(name: string, run: (api: UserApi) => Promise<void> | void): Promise<void> {
    const started = performance.now();
    try {
      await run(this.#api);
    } catch (error) {
      this.#http.flush();
      if (error instanceof DataExhausted) throw error; // used-up test data stops the user, not a task bug
      recordException(this.ctx, { name, weight: 1, run }, error, started);
    }
    this.#http.flush();
  }

  async start(): Promise<void> {
    if (this.ctx.definition.on_start) await this.#guarded("on_start", this.ctx.definition.on_start);
  }

  /** Runs one task picked by weight (open model: due at `intended`). */
  async runTask(intended?: number): Promise<void> {
    const task = this.#tasks[pickWeighted(this.#cumulative, this.ctx.random())]!;
    this.ctx.data?.newIteration();
    if (intended !== undefined) this.#http.startIteration(intended);
    await this.#guarded(task.name, task.run);
  }

  async stop(): Promise<void> {
    if (this.ctx.definition.on_stop) await this.#guarded("on_stop", this.ctx.definition.on_stop);
  }
}

/** The closed model: the user's loop of tasks and waits until the run (or its stage) ends. */
export async function runScriptUser(ctx: ScriptContext): Promise<void> {
  const user = new ScriptUser(ctx);
  const until = ctx.until ?? Infinity;
  await user.start();
  while (!ctx.control.stopping && performance.now() < until) {
    const started = performance.now();
    await user.runTask();
    const pause = waitAfterTaskMs(user.wait, performance.now() - started, ctx.random());
    if (pause > 0) await ctx.control.sleep(Math.min(pause, until - performance.now()));
  }
  await user.stop();
}
