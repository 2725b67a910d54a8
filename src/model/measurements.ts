/**
 * What a run measured, as plain data (design §2): the runner's output and `judge`'s input. Histograms
 * are encoded once, here, and the result carries the same strings; nothing downstream reads the
 * runner's live aggregate or timeline.
 */
import type { EndpointResult, StatsFigures, ThresholdAbort, TimelinePoint } from "./result.ts";
import type { MonitorsResult } from "./monitor.ts";
import type { LiveThresholdRecord } from "./thresholds.ts";
import type { SearchRecord } from "./search.ts";

export interface Measurements {
  started_at: Date;
  ended_at: Date;
  elapsed_s: number;
  interrupted: boolean;
  /** Why the run ended early without a signal (test data used up). */
  stop_reason?: string;
  workers: number;
  /** Cores of the machine, for judging the generator's CPU. */
  cores: number;
  /** The whole run, with its HDR histogram (µs, encoded). */
  summary: StatsFigures & { histogram: string };
  endpoints: EndpointResult[];
  /** Open-model starts that found no free user. */
  dropped_iterations: number;
  timeline: TimelinePoint[];
  /** What the resource monitors sampled (absent when the scenario has none). */
  monitors?: MonitorsResult;
  /** How each live threshold fared (absent when there are none): the live consumer's record. */
  live_thresholds?: LiveThresholdRecord[];
  /** The live threshold that ended the run (abort_on_fail), if one did: exit 108. */
  threshold_abort?: ThresholdAbort;
  /** What a capacity search did (its consumer's record), when the scenario is one. */
  search?: SearchRecord;
}
