/// <reference lib="deno.worker" />
/**
 * A Web Worker running many async virtual users. It posts one snapshot per interval (counters and HDR
 * deltas), never a message per request, and a final snapshot before `done`.
 */
import { SnapshotRecorder } from "../metrics/snapshot.ts";
import { cumulativeWeights, seededRandom } from "../plan/weighted.ts";
import { userEngineFactory } from "./engine.ts";
import { InflightRequests } from "./inflight.ts";
import type { FromWorker, ToWorker, WorkerPlan } from "./protocol.ts";
import { runVirtualUser, StopControl } from "./virtual_user.ts";

const post = (message: FromWorker) => self.postMessage(message);

class WorkerRun {
  readonly recorder = new SnapshotRecorder();
  readonly control = new StopControl();
  readonly inflight = new InflightRequests();
  readonly users: Promise<void>[] = [];
  readonly spawnTimers: ReturnType<typeof setTimeout>[] = [];
  active = 0;
  snapshotTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly plan: WorkerPlan) {}

  start(): void {
    const { plan } = this;
    const random = seededRandom(plan.seed);
    const cumulative = cumulativeWeights(plan.requests.map((r) => r.weight));
    const newEngine = userEngineFactory(plan.engine, plan.requests, this.inflight, {
      caCerts: plan.ca_certs,
    });
    for (const offset of plan.user_offsets_ms) {
      const delay = Math.max(0, plan.start_epoch_ms + offset - Date.now());
      this.spawnTimers.push(setTimeout(() => {
        if (this.control.stopping) return;
        this.active++;
        const engine = newEngine();
        const context = {
          requests: plan.requests,
          cumulative,
          wait: plan.wait_time,
          random,
          recorder: this.recorder,
          send: engine.send,
          control: this.control,
        };
        this.users.push(
          runVirtualUser(context).finally(() => {
            engine.close();
            this.active--;
          }),
        );
      }, delay));
    }
    this.scheduleSnapshot(1);
  }

  /** Snapshot k is posted at start + k intervals (wall clock), so every worker's intervals line up. */
  scheduleSnapshot(k: number): void {
    const at = this.plan.start_epoch_ms + k * this.plan.snapshot_interval_ms;
    this.snapshotTimer = setTimeout(() => {
      this.postSnapshot();
      this.scheduleSnapshot(k + 1);
    }, Math.max(0, at - Date.now()));
  }

  postSnapshot(): void {
    const endpoints = this.recorder.takeDeltas();
    post({ type: "snapshot", snapshot: { worker: this.plan.worker, active_users: this.active, endpoints } });
  }

  /** Graceful stop: no new iterations; in-flight requests get `graceMs`, then are interrupted. */
  async stop(graceMs: number): Promise<void> {
    for (const timer of this.spawnTimers) clearTimeout(timer);
    this.control.stop();
    const grace = setTimeout(() => this.inflight.interruptAll(), graceMs);
    // Spawn timers are cleared and `stopping` is set first, so no user starts while we wait here.
    await Promise.allSettled(this.users);
    clearTimeout(grace);
    this.inflight.close();
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
      run.start();
    } else if (message.type === "stop") {
      void run?.stop(message.grace_ms);
    } else if (message.type === "abort") {
      run?.inflight.interruptAll();
    }
  } catch (error) {
    post({ type: "fatal", worker: run?.plan.worker ?? -1, message: String(error) });
  }
};

post({ type: "ready", worker: -1 });
