/// <reference lib="deno.worker" />
/**
 * A Web Worker running many async virtual users (closed model) or an arrival driver (open model). It
 * posts one snapshot per interval (counters and HDR deltas), never a message per request, and a final
 * snapshot before `done`.
 */
import { LagMonitor } from "../metrics/generator_health.ts";
import { SnapshotRecorder } from "../metrics/snapshot.ts";
import { ThreadBusyMeter } from "../monitor/proc.ts";
import type { UserInterval } from "../plan/closed_model.ts";
import { cumulativeWeights, seededRandom } from "../plan/weighted.ts";
import { userEngineFactory } from "./engine.ts";
import { type UserEngine } from "./user_engine.ts";
import { DataExhausted, type UserData, WorkerData } from "./data_access.ts";
import { flowUser, type PooledUser, requestUser, scriptPoolUser } from "./pooled_user.ts";
import { isPlainFlow } from "../plan/flow_plan.ts";
import { pickDefinition } from "../user/load_user_module.ts";
import type { UserDefinition } from "../user/api.ts";
import { runScriptUser, type ScriptContext } from "./script_user.ts";
import { InflightRequests } from "./inflight.ts";
import { ArrivalDriver } from "./open_model.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import type { WorkerPlan } from "../plan/worker_plan.ts";
import { runVirtualUser, type UserContext } from "./virtual_user.ts";
import { StopControl } from "./stop_control.ts";
import { warmUp } from "./warm_up.ts";

const post = (message: FromWorker) => self.postMessage(message);

class WorkerRun {
  readonly recorder = new SnapshotRecorder();
  readonly control = new StopControl();
  readonly inflight = new InflightRequests();
  readonly lag = new LagMonitor();
  readonly busy = new ThreadBusyMeter();
  readonly users = new Set<Promise<void>>();
  readonly timers: ReturnType<typeof setTimeout>[] = [];
  readonly random: () => number;
  readonly cumulative: number[];
  readonly newEngine: () => UserEngine;
  /** performance.now() of the run's time 0 (the plan gives it as wall-clock time). */
  readonly startPerf: number;
  driver: ArrivalDriver | undefined;
  readonly data: WorkerData;
  #exhausted = false;
  active = 0;
  snapshotTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly plan: WorkerPlan) {
    this.random = seededRandom(plan.seed);
    // Users (and the open model's arrivals) pick flows (tasks) by weight.
    this.cumulative = cumulativeWeights(plan.flows.flows.map((f) => f.weight));
    this.newEngine = userEngineFactory(plan.engine, plan.requests, this.inflight, {
      caCerts: plan.ca_certs,
      skipHostnameCheck: plan.tls_insecure,
    });
    this.startPerf = performance.now() + (plan.start_epoch_ms - Date.now());
    this.data = new WorkerData(plan.data, plan.worker, plan.workers, this.random);
  }

  /** The custom user module's definition, when the scenario has one (loaded before any user starts). */
  script: UserDefinition | undefined;

  async start(): Promise<void> {
    if (this.plan.script) this.script = await importDefinition(this.plan.script.url);
    const { workload } = this.plan;
    if (workload.model === "open") {
      this.driver = new ArrivalDriver({
        ...workload,
        maxUsers: workload.max_users,
        queueTimeoutMs: workload.queue_timeout_ms,
        startPerf: this.startPerf,
        newUser: () => this.#newPooledUser(),
        onError: (error) => {
          if (error instanceof DataExhausted) this.#dataExhausted(error.source);
          else post({ type: "fatal", worker: this.plan.worker, message: String(error) });
        },
        control: this.control,
      });
      this.#at(0, this.driver.tick);
    } else {
      for (const intervals of workload.users) {
        for (const interval of intervals) this.#at(interval.start_ms, () => this.#startUser(interval));
      }
    }
    this.lag.start();
    this.scheduleSnapshot(1);
  }

  /** A user for the open model's pool: the fast path for plain requests, else a flow or a TS user. */
  #newPooledUser(): PooledUser {
    const engine = this.newEngine();
    const { flows, requests } = this.plan;
    const data = this.data.isEmpty ? undefined : this.data.forUser(this.random);
    if (this.script) return scriptPoolUser(this.#scriptContext(engine, this.script, data));
    const pool = { requests, cumulative: this.cumulative, random: this.random, recorder: this.recorder };
    const plain = flows.flows.every(isPlainFlow) && flows.on_start.length + flows.on_stop.length === 0;
    return plain
      ? requestUser(engine, { ...pool, control: this.control }, flows)
      : flowUser(engine, { ...pool, control: this.control, flows, data });
  }

  #scriptContext(engine: UserEngine, definition: UserDefinition, data: UserData | undefined): ScriptContext {
    const script = this.plan.script!;
    return {
      definition,
      engine,
      recorder: this.recorder,
      control: this.control,
      random: this.random,
      baseUrl: script.base_url,
      defaultHeaders: script.headers,
      timeoutMs: script.timeout_ms,
      wait: this.plan.wait_time,
      data,
      log: (line) => post({ type: "log", worker: this.plan.worker, line }),
    };
  }

  /** Runs `action` at `offsetMs` after the run's time 0. */
  #at(offsetMs: number, action: () => void): void {
    this.timers.push(setTimeout(action, Math.max(0, this.startPerf + offsetMs - performance.now())));
  }

  #startUser(interval: UserInterval): void {
    if (this.control.stopping) return;
    this.active++;
    const engine = this.newEngine();
    if (this.script) return this.#startScriptUser(interval, engine, this.script);
    const context: UserContext = {
      requests: this.plan.requests,
      cumulative: this.cumulative,
      wait: this.plan.wait_time,
      random: this.random,
      recorder: this.recorder,
      send: engine.send,
      sendRendered: engine.sendRendered,
      flows: this.plan.flows,
      control: this.control,
      data: this.data.isEmpty ? undefined : this.data.forUser(this.random),
      onDataExhausted: (source) => this.#dataExhausted(source),
      until: interval.end_ms === null ? undefined : this.startPerf + interval.end_ms,
    };
    const user = runVirtualUser(context).finally(() => {
      engine.close();
      this.active--;
      this.users.delete(user);
    });
    this.users.add(user);
  }

  #startScriptUser(interval: UserInterval, engine: UserEngine, definition: UserDefinition): void {
    const data = this.data.isEmpty ? undefined : this.data.forUser(this.random);
    const user = runScriptUser({
      ...this.#scriptContext(engine, definition, data),
      until: interval.end_ms === null ? undefined : this.startPerf + interval.end_ms,
    }).catch((error) => {
      if (error instanceof DataExhausted) this.#dataExhausted(error.source);
      else post({ type: "fatal", worker: this.plan.worker, message: String(error) });
    }).finally(() => {
      engine.close();
      this.active--;
      this.users.delete(user);
    });
    this.users.add(user);
  }

  #dataExhausted(source: string): void {
    if (this.#exhausted) return;
    this.#exhausted = true;
    post({ type: "data_exhausted", worker: this.plan.worker, source });
  }

  /** Snapshot k is posted at start + k intervals (wall clock), so every worker's intervals line up. */
  scheduleSnapshot(k: number): void {
    const at = this.startPerf + k * this.plan.snapshot_interval_ms;
    this.snapshotTimer = setTimeout(() => {
      this.postSnapshot();
      this.scheduleSnapshot(k + 1);
    }, Math.max(0, at - performance.now()));
  }

  postSnapshot(): void {
    post({
      type: "snapshot",
      snapshot: {
        worker: this.plan.worker,
        active_users: this.driver ? this.driver.busy : this.active,
        dropped_iterations: this.driver?.takeDropped(),
        loop_lag_ms: this.lag.takeMax(),
        thread_busy_pct: this.busy.sample(),
        endpoints: this.recorder.takeDeltas(),
      },
    });
  }

  /** Graceful stop: no new iterations; in-flight requests get `graceMs`, then are interrupted. */
  async stop(graceMs: number): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.control.stop();
    const grace = setTimeout(() => {
      this.driver?.abandonQueue();
      this.inflight.interruptAll();
    }, graceMs);
    // Start timers are cleared and `stopping` is set first, so nothing starts while we wait here.
    await Promise.allSettled([...this.users, this.driver?.stop()]);
    clearTimeout(grace);
    this.inflight.close();
    this.lag.stop();
    clearTimeout(this.snapshotTimer);
    this.postSnapshot();
    post({ type: "done", worker: this.plan.worker });
  }
}

let run: WorkerRun | undefined;

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      run = new WorkerRun(message.plan);
      run.start().catch((error) =>
        post({ type: "fatal", worker: message.plan.worker, message: String(error) })
      );
    } else if (message.type === "stop") {
      void run?.stop(message.grace_ms);
    } else if (message.type === "reschedule") {
      run?.driver?.reschedule(message.from_ms, message.spans);
    } else if (message.type === "abort") {
      run?.driver?.abandonQueue();
      run?.inflight.interruptAll();
    }
  } catch (error) {
    post({ type: "fatal", worker: run?.plan.worker ?? -1, message: String(error) });
  }
};

// Ready once the hot path is warm (warm_up.ts): a warm-up that fails only leaves the worker cold.
warmUp().catch(() => 0).finally(() => post({ type: "ready", worker: -1 }));

/** The module was checked by the main isolate before the run; here it is only imported. */
async function importDefinition(url: string): Promise<UserDefinition> {
  return pickDefinition(await import(url)) as UserDefinition;
}
