/** Resource series sampled by monitors during a run, as the result carries them. */
export type MonitorUnit = "%" | "MB" | "count" | "ms" | "";

export type MonitorSource = "generator" | "process" | "prometheus";

export interface MonitorSeries {
  /** The monitor's name from the config (`generator` for perf itself). */
  monitor: string;
  /** What was measured: cpu_pct, rss_mb, threads, open_files, loop_lag_ms, or a Prometheus series. */
  name: string;
  source: MonitorSource;
  unit: MonitorUnit;
  points: MonitorPoint[];
}

export interface MonitorError {
  monitor: string;
  /** Samples that failed. */
  count: number;
  /** The latest message, e.g. `process 4242 is not running`. */
  last: string;
  /** Seconds since the run started at the first and the latest failure. */
  first_t: number;
  last_t: number;
}

/** The `monitors` field of result.json. */
export interface MonitorsResult {
  series: MonitorSeries[];
  errors: MonitorError[];
}

export interface MonitorPoint {
  /** Seconds since the run started, at the (last) sample the point stands for. */
  t: number;
  value: number;
}
