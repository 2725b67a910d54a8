/**
 * The measurement stream: the one interface between the runner and everything that watches a run
 * (progress, live thresholds and their breach alerts, and later dashboards, time-series outputs and
 * checkpoints), as k6 keeps its outputs apart from its executors. The runner publishes `start` once the
 * workers are started and `interval` for each closed interval; whoever judges the run publishes `end`
 * with the judged result (see `endStream`). Consumers never reach into the runner: a consumer that must
 * end the run (abort_on_fail) asks through the control it was given.
 */
import type { RunAggregate } from "../metrics/aggregate.ts";
import type { IntervalSample } from "../metrics/timeline.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import type { RunResult } from "../model/result.ts";
import type { RateSpan } from "../plan/arrival_schedule.ts";

/** Cumulative figures after an interval, as the progress line shows them. */
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

/** One closed interval: its delta and the cumulative aggregate so far (per endpoint). */
export interface IntervalSnapshot {
  /** This interval alone: counters, the merged histogram, users, generator CPU and RSS. */
  delta: IntervalSample;
  /** The run so far, summed. */
  totals: TickInfo;
  /** The run so far per endpoint; read it, never change it. */
  aggregate: Readonly<RunAggregate>;
}

/** What a consumer may ask of the run it watches. */
export interface StreamControl {
  /** Ends the run early (graceful stop, as when its time is up), with the reason the result records. */
  stop(reason: string): void;
  warn(message: string): void;
  /**
   * Open model: replaces the arrival schedule after `from_s` seconds into the run with `spans` (offsets
   * from the run's start), and makes the run end when they do. A capacity search steps this way.
   */
  reschedule(from_s: number, spans: RateSpan[]): void;
}

export interface MeasurementConsumer {
  start?(scenario: ResolvedScenario, control: StreamControl): void;
  interval?(snapshot: IntervalSnapshot): void;
  /** The run is over and judged. */
  end?(result: RunResult): void | Promise<void>;
}

/** Publishes the end of a run to every consumer, in order. */
export async function endStream(consumers: readonly MeasurementConsumer[], result: RunResult): Promise<void> {
  for (const consumer of consumers) await consumer.end?.(result);
}
