/** How the load generator itself fared during a run (design §3). */
export interface GeneratorHealth {
  cores: number;
  /** CPU of the whole perf process; 100 = one core busy. */
  cpu_pct_mean: number;
  cpu_pct_max: number;
  /** Worst lateness of the workers' timers in any interval, ms. */
  loop_lag_ms_max: number;
  /** The same at the 95th percentile of intervals (a single hiccup does not count as saturation). */
  loop_lag_ms_p95: number;
  /** Mean share of time the busiest worker thread was running or waiting for a core (100 = never idle). */
  worker_busy_pct_mean?: number;
  saturated: boolean;
  verdict: string;
}
