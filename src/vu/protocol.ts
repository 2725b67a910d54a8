/** Messages between the runner (main isolate) and its workers. */
import type { WaitTime } from "../config/schema.ts";
import type { WorkerSnapshot } from "../metrics/snapshot.ts";
import type { RateSegment } from "../plan/arrival_schedule.ts";
import type { UserInterval } from "../plan/closed_model.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import type { Flows } from "../flow/flow_plan.ts";
import type { LoadedSource } from "../data/load_data.ts";
import type { EngineName } from "./engine.ts";

export interface WorkerPlan {
  worker: number;
  /** Wall-clock instant (epoch ms) at which offset 0 falls, the same for every worker. */
  start_epoch_ms: number;
  workload: WorkerWorkload;
  requests: RequestPlan[];
  flows: Flows;
  /** Test data sources, loaded by the main isolate. */
  data: Record<string, LoadedSource>;
  /** How many workers share the shared data sources. */
  workers: number;
  /** A custom TypeScript user: the module's file URL and what its requests need. */
  script?: { url: string; base_url: string; headers: Record<string, string>; timeout_ms: number };
  wait_time: WaitTime;
  snapshot_interval_ms: number;
  seed: number;
  engine: EngineName;
  /** PEM text of extra trusted CAs for https targets. */
  ca_certs?: string[];
  /** Skip the certificate's host-name check (tls.insecure). */
  tls_insecure?: boolean;
}

/** A worker's share of the workload. */
export type WorkerWorkload =
  /** Closed model: when each of this worker's users runs (ms after the start). */
  | { model: "closed"; users: UserInterval[][] }
  /** Open model: the whole schedule; this worker takes arrivals k = first, first + step, ... */
  | {
    model: "open";
    segments: RateSegment[];
    max_users: number;
    first: number;
    step: number;
    /** A start waiting longer than this for a free user is dropped. */
    queue_timeout_ms: number;
  };

export type ToWorker =
  | { type: "start"; plan: WorkerPlan }
  /** Start no new iterations; let in-flight requests finish within `grace_ms`, then interrupt them. */
  | { type: "stop"; grace_ms: number }
  /** Interrupt in-flight requests now (a second Ctrl-C). */
  | { type: "abort" };

export type FromWorker =
  | { type: "ready"; worker: number }
  | { type: "snapshot"; snapshot: WorkerSnapshot }
  /** Sent after the final snapshot: nothing more will come from this worker. */
  | { type: "done"; worker: number }
  | { type: "fatal"; worker: number; message: string }
  /** A line for the user (a custom user's log or its first exception). */
  | { type: "log"; worker: number; line: string }
  /** A `unique` test-data source ran out in this worker. */
  | { type: "data_exhausted"; worker: number; source: string };
