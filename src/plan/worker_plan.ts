/** What one worker is given to run: its share of the workload and everything its users send. */
import type { EngineName, WaitTime } from "../model/config.ts";
import type { LoadedSource } from "../data/load_data.ts";
import type { RateSpan } from "./arrival_schedule.ts";
import type { UserInterval } from "./closed_model.ts";
import type { RequestPlan } from "./request_plan.ts";
import type { Flows } from "./flow_plan.ts";

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
    spans: RateSpan[];
    max_users: number;
    first: number;
    step: number;
    /** A start waiting longer than this for a free user is dropped. */
    queue_timeout_ms: number;
  };

/** One of `count` shares of a run; `index` is 0-based (`--segment 2/3` is `{ index: 1, count: 3 }`). */
export interface Segment {
  index: number;
  count: number;
}

/**
 * A segmented scenario's share (from {@link segmentScenario}): `users` there is the segment's; the whole
 * plan's count is kept here so the plain ramp's offsets are those of the whole plan.
 */
export interface ScenarioSegment extends Segment {
  whole_users: number;
}
