/** Messages between the runner (main isolate) and its workers. */
import type { WorkerPlan } from "../plan/worker_plan.ts";
import type { WorkerSnapshot } from "../metrics/snapshot.ts";
import type { RateSpan } from "../plan/arrival_schedule.ts";

export type ToWorker =
  | { type: "start"; plan: WorkerPlan }
  /** Start no new iterations; let in-flight requests finish within `grace_ms`, then interrupt them. */
  | { type: "stop"; grace_ms: number }
  /** Interrupt in-flight requests now (a second Ctrl-C). */
  | { type: "abort" }
  /** Open model: the arrival schedule after `from_ms` becomes `spans` (a capacity search's next step). */
  | { type: "reschedule"; from_ms: number; spans: RateSpan[] };

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
