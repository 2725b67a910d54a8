/**
 * Runs one resolved scenario: hands each worker its share of the users, ticks the timeline every second,
 * stops at run_time (or on a signal) with a graceful stop, and returns what was measured.
 */
import { RunAggregate } from "../metrics/aggregate.ts";
import { CpuMeter } from "../metrics/generator_health.ts";
import { Timeline } from "../metrics/timeline.ts";
import { segmentWorkerWorkloads } from "../plan/segment.ts";
import { type RateSpan, scheduleLengthMs } from "../plan/arrival_schedule.ts";
import { chooseWorkerCount, dealToWorkers, spawnOffsetsMs, userIntervals } from "../plan/closed_model.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import type { FromWorker } from "../vu/protocol.ts";
import type { WorkerPlan, WorkerWorkload } from "../plan/worker_plan.ts";
import { WorkerPool } from "./worker_pool.ts";
import { MonitorSet } from "../monitor/monitor_set.ts";
import type { Measurements } from "../model/measurements.ts";
import type { MeasurementConsumer, StreamControl, TickInfo } from "./stream.ts";

export const TICK_MS = 1000;
/** Main ticks this long after each interval boundary, so the workers' snapshots for it have arrived. */
const TICK_SLACK_MS = 150;
/** Head start for the workers between the start message and offset 0. */
const START_DELAY_MS = 100;
/** After the grace period, how long to wait for workers' final snapshots before giving up on them. */
const DONE_MARGIN_MS = 5_000;

export interface RunControls {
  /** Aborted: stop gracefully now (first Ctrl-C). */
  stopSignal?: AbortSignal;
  /** Aborted: interrupt in-flight requests now (second Ctrl-C). */
  killSignal?: AbortSignal;
  /** Who watches the run: each gets `start` and every closed interval (see stream.ts). */
  consumers?: readonly MeasurementConsumer[];
  onWarning?: (message: string) => void;
  /** Lines from custom users (their log calls, their first exception per task). */
  onLog?: (line: string) => void;
  cores?: number;
  seed?: number;
  /** PEM text of extra trusted CAs (from the scenario's tls.ca_file). */
  caCerts?: string[];
  /** Epoch ms of offset 0 (`--start-at`: every segment of a distributed run starts together). */
  startAt?: number;
}

/** Each worker's share: closed-model users dealt round-robin, open-model arrivals interleaved. */
export function workerWorkloads(scenario: ResolvedScenario, workers: number): WorkerWorkload[] {
  if (scenario.segment) return segmentWorkerWorkloads({ ...scenario, segment: scenario.segment }, workers);
  const workload = scenario.workload;
  if (workload.model === "open") {
    // The pool is split exactly: the first (max_users mod workers) workers get one user more.
    const base = Math.floor(workload.max_users / workers);
    return Array.from({ length: workers }, (_, first) => ({
      model: "open",
      spans: workload.spans,
      max_users: base + (first < workload.max_users % workers ? 1 : 0),
      first,
      step: workers,
      queue_timeout_ms: Math.max(...scenario.requests.map((r) => r.timeout_ms)),
    }));
  }
  const intervals = workload.stages
    ? userIntervals(workload.stages)
    : spawnOffsetsMs(scenario.users, scenario.spawn_rate).map((start_ms) => [{ start_ms, end_ms: null }]);
  return dealToWorkers(intervals, workers).map((users) => ({ model: "closed", users }));
}

export function buildWorkerPlans(
  scenario: ResolvedScenario,
  workers: number,
  startEpochMs: number,
  seed: number,
  caCerts?: string[],
): WorkerPlan[] {
  return workerWorkloads(scenario, workers).map((workload, worker) => ({
    worker,
    start_epoch_ms: startEpochMs,
    workload,
    requests: scenario.requests,
    flows: scenario.flows,
    data: scenario.data ?? {},
    workers,
    script: scenario.user_module
      ? {
        url: scenario.user_module,
        base_url: scenario.base_url,
        headers: scenario.requests[0]?.headers ?? {},
        timeout_ms: scenario.requests[0]?.timeout_ms ?? 30_000,
      }
      : undefined,
    wait_time: scenario.wait_time,
    snapshot_interval_ms: TICK_MS,
    seed: (seed + worker * 7919) >>> 0,
    engine: scenario.engine,
    ca_certs: caCerts,
    tls_insecure: scenario.tls_insecure,
  }));
}

export async function runScenario(
  scenario: ResolvedScenario,
  controls: RunControls = {},
): Promise<Measurements> {
  const cores = controls.cores ?? navigator.hardwareConcurrency;
  const workers = chooseWorkerCount(scenario.workers, scenario.users, cores);
  const runner = new ScenarioRunner(scenario, controls, workers, cores);
  return await runner.run();
}

/** One run's moving parts: the pool, the tick and stop timers, and what has been merged so far. */
class ScenarioRunner {
  readonly aggregate = new RunAggregate();
  readonly timeline = new Timeline();
  readonly #cpu = new CpuMeter();
  readonly #finished = new Set<number>();
  readonly #allDone = Promise.withResolvers<void>();
  readonly #stopped = Promise.withResolvers<void>();
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  #pool: WorkerPool | undefined;
  #startEpoch = 0;
  #lastTickEpoch = 0;
  #stopping = false;
  readonly #exhaustedWorkers = new Set<number>();
  /** Why the run ended before its time, if it did. */
  stopReason: string | undefined;
  #interrupted = false;
  readonly #consumers: readonly MeasurementConsumer[];
  #monitors: MonitorSet | undefined;
  /** When the run ends, ms from its start: the plan's run time, unless a reschedule moved it. */
  #runTimeMs: number;
  #endTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly scenario: ResolvedScenario,
    readonly controls: RunControls,
    readonly workerCount: number,
    readonly cores: number,
  ) {
    this.#consumers = controls.consumers ?? [];
    this.#runTimeMs = scenario.run_time_ms;
  }

  async run(): Promise<Measurements> {
    const pool = this.#pool = await WorkerPool.start(this.workerCount, (m) => this.#onMessage(m));
    this.#startEpoch = this.#lastTickEpoch = Math.max(
      this.controls.startAt ?? 0,
      Date.now() + START_DELAY_MS,
    );
    this.#monitors = this.#startMonitors();
    const seed = this.controls.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
    buildWorkerPlans(this.scenario, this.workerCount, this.#startEpoch, seed, this.controls.caCerts)
      .forEach((plan, i) => pool.send(i, { type: "start", plan }));
    const control: StreamControl = {
      stop: (reason) => {
        this.stopReason ??= reason;
        this.#stop("time");
      },
      warn: (message) => this.controls.onWarning?.(message),
      reschedule: (from_s, spans) => this.#reschedule(from_s, spans),
    };
    for (const consumer of this.#consumers) consumer.start?.(this.scenario, control);
    this.#scheduleTick(1);
    this.#setEnd(this.#runTimeMs);
    const onStop = () => this.#stop("signal");
    const onKill = () => {
      this.#stop("signal");
      pool.broadcast({ type: "abort" });
    };
    this.controls.stopSignal?.addEventListener("abort", onStop);
    this.controls.killSignal?.addEventListener("abort", onKill);
    if (this.controls.stopSignal?.aborted) onStop();
    try {
      await this.#stopped.promise;
      await this.#waitForWorkers();
    } finally {
      await this.#monitors?.stop();
      for (const timer of this.#timers) clearTimeout(timer);
      this.controls.stopSignal?.removeEventListener("abort", onStop);
      this.controls.killSignal?.removeEventListener("abort", onKill);
      pool.terminate();
    }
    return this.#finish();
  }

  /** Resource monitors sample on their own timers; a failing one is a warning, never the run's end. */
  #startMonitors(): MonitorSet | undefined {
    if (this.scenario.monitors.length === 0) return undefined;
    const monitors = new MonitorSet(this.scenario.monitors, {
      startMs: this.#startEpoch,
      generator: false, // the generator's own CPU, lag and RSS are in the timeline
      onError: (name, message) => this.controls.onWarning?.(`monitor "${name}": ${message}`),
    });
    monitors.start();
    return monitors;
  }

  #onMessage(message: FromWorker): void {
    if (message.type === "snapshot") this.aggregate.absorb(message.snapshot);
    else if (message.type === "done") {
      this.#finished.add(message.worker);
      if (this.#finished.size === this.workerCount) this.#allDone.resolve();
    } else if (message.type === "log") {
      this.controls.onLog?.(message.line);
    } else if (message.type === "data_exhausted") {
      // Each worker has its own share of a shared source: the run ends when every share is used up.
      this.#exhaustedWorkers.add(message.worker);
      if (!this.#stopping && this.#exhaustedWorkers.size === this.workerCount) {
        this.stopReason = `test data "${message.source}" was used up`;
        this.controls.onWarning?.(`${this.stopReason} (mode unique, on_exhausted: stop): ending the run`);
        this.#stop("time");
      }
    } else if (message.type === "fatal") {
      this.controls.onWarning?.(`worker ${message.worker}: ${message.message}`);
    }
  }

  /** The run ends (gracefully, as when its time is up) `runTimeMs` after its start. */
  #setEnd(runTimeMs: number): void {
    this.#runTimeMs = runTimeMs;
    clearTimeout(this.#endTimer);
    this.#endTimer = setTimeout(
      () => this.#stop("time"),
      Math.max(0, this.#startEpoch + runTimeMs - Date.now()),
    );
    this.#timers.push(this.#endTimer);
  }

  /** Every worker's schedule after `fromS` becomes `spans`; the run ends with them. */
  #reschedule(fromS: number, spans: RateSpan[]): void {
    if (this.#stopping || this.scenario.workload.model !== "open") return;
    this.#pool?.broadcast({ type: "reschedule", from_ms: fromS * 1000, spans });
    this.#setEnd(Math.max(fromS * 1000, scheduleLengthMs(spans)));
  }

  /** Runs `action` at wall-clock `epochMs`; the timer is cleared when the run ends. */
  #at(epochMs: number, action: () => void): void {
    this.#timers.push(setTimeout(action, Math.max(0, epochMs - Date.now())));
  }

  /** Interval k covers [start + (k-1) s, start + k s); it is closed a little after its end. */
  #scheduleTick(k: number): void {
    const end = this.#startEpoch + k * TICK_MS;
    this.#at(end + TICK_SLACK_MS, () => {
      this.#closeInterval(end);
      this.#scheduleTick(k + 1);
    });
  }

  /** Closes an interval into the timeline and publishes it to the consumers. */
  #closeInterval(endEpoch: number): void {
    const sample = this.aggregate.closeInterval(
      (endEpoch - this.#startEpoch) / 1000,
      (endEpoch - this.#lastTickEpoch) / 1000,
    );
    this.#lastTickEpoch = endEpoch;
    sample.cpu_pct = this.#cpu.sample();
    sample.rss_mb = Deno.memoryUsage().rss / 2 ** 20;
    const histogram = sample.histogram;
    const p95 = histogram.totalCount ? histogram.getValueAtPercentile(95) / 1000 : 0;
    this.timeline.add(sample);
    const totals: TickInfo = {
      elapsed_s: (Date.now() - this.#startEpoch) / 1000,
      run_time_s: this.#runTimeMs / 1000,
      users: this.aggregate.activeUsers,
      target_users: this.scenario.users,
      requests: this.aggregate.totalRequests,
      failures: this.aggregate.totalFailures,
      interval_rps: sample.duration_s > 0 ? sample.requests / sample.duration_s : 0,
      interval_p95_ms: p95,
      stopping: this.#stopping,
    };
    for (const consumer of this.#consumers) {
      consumer.interval?.({ delta: sample, totals, aggregate: this.aggregate });
    }
  }

  #stop(reason: "time" | "signal"): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#interrupted = reason === "signal";
    this.#pool?.broadcast({ type: "stop", grace_ms: this.scenario.graceful_stop_ms });
    this.#stopped.resolve();
  }

  /** Waits for every worker's final snapshot, or warns after the grace period and a margin. */
  async #waitForWorkers(): Promise<void> {
    const limit = Date.now() + this.scenario.graceful_stop_ms + DONE_MARGIN_MS;
    let timedOut = false;
    this.#at(limit, () => {
      timedOut = true;
      this.#allDone.resolve();
    });
    await this.#allDone.promise;
    if (timedOut) {
      const missing = this.workerCount - this.#finished.size;
      this.controls.onWarning?.(
        `${missing} worker(s) did not report their final counts in time; their last second is missing`,
      );
    }
  }

  /** Closes the last, partial interval and packs up what was measured. */
  #finish(): Measurements {
    const endEpoch = Math.max(Date.now(), this.#startEpoch);
    const elapsed_s = (endEpoch - this.#startEpoch) / 1000;
    const last = this.aggregate.closeInterval(elapsed_s, (endEpoch - this.#lastTickEpoch) / 1000);
    last.cpu_pct = this.#cpu.sample();
    last.rss_mb = Deno.memoryUsage().rss / 2 ** 20;
    if (last.requests > 0 || last.duration_s > 0.05) this.timeline.add(last);
    this.timeline.flush(elapsed_s, this.aggregate.activeUsers);
    return {
      summary: this.aggregate.summary(elapsed_s),
      endpoints: this.aggregate.endpoints(elapsed_s),
      dropped_iterations: this.aggregate.droppedIterations,
      timeline: [...this.timeline.points],
      started_at: new Date(this.#startEpoch),
      ended_at: new Date(endEpoch),
      elapsed_s,
      interrupted: this.#interrupted,
      stop_reason: this.stopReason,
      workers: this.workerCount,
      cores: this.cores,
      ...(this.#monitors ? { monitors: this.#monitors.result() } : {}),
    };
  }
}
