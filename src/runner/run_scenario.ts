/**
 * Runs one resolved scenario: hands each worker its share of the users, ticks the timeline every second,
 * stops at run_time (or on a signal) with a graceful stop, and returns what was measured.
 */
import { RunAggregate } from "../metrics/aggregate.ts";
import { Timeline } from "../metrics/timeline.ts";
import { chooseWorkerCount, dealToWorkers, spawnOffsetsMs } from "../plan/closed_model.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import type { FromWorker, WorkerPlan } from "../vu/protocol.ts";
import { WorkerPool } from "./worker_pool.ts";

export const TICK_MS = 1000;
/** Main ticks this long after each interval boundary, so the workers' snapshots for it have arrived. */
const TICK_SLACK_MS = 150;
/** Head start for the workers between the start message and offset 0. */
const START_DELAY_MS = 100;
/** After the grace period, how long to wait for workers' final snapshots before giving up on them. */
const DONE_MARGIN_MS = 5_000;

export interface TickInfo {
  elapsed_s: number;
  run_time_s: number;
  users: number;
  target_users: number;
  requests: number;
  failures: number;
  interval_rps: number;
  interval_p95_ms: number;
  stopping: boolean;
}

export interface RunControls {
  /** Aborted: stop gracefully now (first Ctrl-C). */
  stopSignal?: AbortSignal;
  /** Aborted: interrupt in-flight requests now (second Ctrl-C). */
  killSignal?: AbortSignal;
  onTick?: (tick: TickInfo) => void;
  onWarning?: (message: string) => void;
  cores?: number;
  seed?: number;
}

export interface ScenarioRun {
  aggregate: RunAggregate;
  timeline: Timeline;
  started_at: Date;
  ended_at: Date;
  elapsed_s: number;
  interrupted: boolean;
  workers: number;
}

export function buildWorkerPlans(
  scenario: ResolvedScenario,
  workers: number,
  startEpochMs: number,
  seed: number,
): WorkerPlan[] {
  const offsets = dealToWorkers(spawnOffsetsMs(scenario.users, scenario.spawn_rate), workers);
  return offsets.map((user_offsets_ms, worker) => ({
    worker,
    start_epoch_ms: startEpochMs,
    user_offsets_ms,
    requests: scenario.requests,
    wait_time: scenario.wait_time,
    snapshot_interval_ms: TICK_MS,
    seed: (seed + worker * 7919) >>> 0,
  }));
}

export async function runScenario(
  scenario: ResolvedScenario,
  controls: RunControls = {},
): Promise<ScenarioRun> {
  const aggregate = new RunAggregate();
  const timeline = new Timeline();
  const workerCount = chooseWorkerCount(
    scenario.workers,
    scenario.users,
    controls.cores ?? navigator.hardwareConcurrency,
  );
  const finished = new Set<number>();
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const onMessage = (message: FromWorker) => {
    if (message.type === "snapshot") aggregate.absorb(message.snapshot);
    else if (message.type === "done") {
      finished.add(message.worker);
      if (finished.size === workerCount) allDone();
    } else if (message.type === "fatal") controls.onWarning?.(`worker ${message.worker}: ${message.message}`);
  };
  const pool = await WorkerPool.start(workerCount, onMessage);
  const startEpoch = Date.now() + START_DELAY_MS;
  const seed = controls.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  buildWorkerPlans(scenario, workerCount, startEpoch, seed).forEach((plan, i) =>
    pool.send(i, { type: "start", plan })
  );

  let stopping = false;
  let interrupted = false;
  let markStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  let lastTickEpoch = startEpoch;
  const tickInfo = (sample: { requests: number; duration_s: number; p95: number }): TickInfo => ({
    elapsed_s: (Date.now() - startEpoch) / 1000,
    run_time_s: scenario.run_time_ms / 1000,
    users: aggregate.activeUsers,
    target_users: scenario.users,
    requests: aggregate.totalRequests,
    failures: aggregate.totalFailures,
    interval_rps: sample.duration_s > 0 ? sample.requests / sample.duration_s : 0,
    interval_p95_ms: sample.p95,
    stopping,
  });
  const closeInterval = (nowEpoch: number) => {
    const sample = aggregate.closeInterval((nowEpoch - startEpoch) / 1000, (nowEpoch - lastTickEpoch) / 1000);
    lastTickEpoch = nowEpoch;
    const p95 = sample.histogram.totalCount ? sample.histogram.getValueAtPercentile(95) / 1000 : 0;
    const info = tickInfo({ requests: sample.requests, duration_s: sample.duration_s, p95 });
    timeline.add(sample);
    return info;
  };

  // Interval k covers [start + (k-1)s, start + k s); we close it a little after its end.
  let tickIndex = 0;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleTick = () => {
    tickIndex++;
    const at = startEpoch + tickIndex * TICK_MS + TICK_SLACK_MS;
    tickTimer = setTimeout(() => {
      // Close the interval first: `onTick?.(…)` would skip evaluating its argument when there is no
      // listener (--quiet), and the timeline would silently stay empty.
      const tick = closeInterval(startEpoch + tickIndex * TICK_MS);
      controls.onTick?.(tick);
      scheduleTick();
    }, Math.max(0, at - Date.now()));
  };
  scheduleTick();

  const stop = (reason: "time" | "signal") => {
    if (stopping) return;
    stopping = true;
    interrupted = reason === "signal";
    pool.broadcast({ type: "stop", grace_ms: scenario.graceful_stop_ms });
    markStopped();
  };
  const runTimer = setTimeout(
    () => stop("time"),
    Math.max(0, startEpoch + scenario.run_time_ms - Date.now()),
  );
  const onStopSignal = () => stop("signal");
  const onKill = () => {
    stop("signal");
    pool.broadcast({ type: "abort" });
  };
  controls.stopSignal?.addEventListener("abort", onStopSignal);
  controls.killSignal?.addEventListener("abort", onKill);
  if (controls.stopSignal?.aborted) onStopSignal();

  let timedOut = false;
  await stopped;
  const doneTimer = setTimeout(() => {
    timedOut = true;
    allDone();
  }, scenario.graceful_stop_ms + DONE_MARGIN_MS);
  await done;
  clearTimeout(doneTimer);
  clearTimeout(runTimer);
  clearTimeout(tickTimer);
  controls.stopSignal?.removeEventListener("abort", onStopSignal);
  controls.killSignal?.removeEventListener("abort", onKill);
  if (timedOut) {
    controls.onWarning?.(
      `${
        workerCount - finished.size
      } worker(s) did not report their final counts in time; their last second is missing`,
    );
  }
  pool.terminate();

  const endEpoch = Math.max(Date.now(), startEpoch);
  const lastSample = aggregate.closeInterval(
    (endEpoch - startEpoch) / 1000,
    (endEpoch - lastTickEpoch) / 1000,
  );
  if (lastSample.requests > 0 || lastSample.duration_s > 0.05) timeline.add(lastSample);
  timeline.flush((endEpoch - startEpoch) / 1000, aggregate.activeUsers);
  return {
    aggregate,
    timeline,
    started_at: new Date(startEpoch),
    ended_at: new Date(endEpoch),
    elapsed_s: (endEpoch - startEpoch) / 1000,
    interrupted,
    workers: workerCount,
  };
}
