/** Hand-built result pieces for tests of code that reads results (summaries, thresholds). */
import type { LatencySummaryMs, StatsFigures } from "../../src/model/result.ts";

export const ZERO_LATENCY: LatencySummaryMs = {
  min: 0,
  mean: 0,
  p50: 0,
  p90: 0,
  p95: 0,
  p99: 0,
  p999: 0,
  max: 0,
};

/** Stats figures, all zero unless overridden. */
export function statsFigures(overrides: Partial<StatsFigures> = {}): StatsFigures {
  return {
    requests: 0,
    failures: 0,
    error_rate: 0,
    rps: 0,
    latency_ms: { ...ZERO_LATENCY },
    status_codes: {},
    errors: {},
    bytes_sent: 0,
    bytes_received: 0,
    ...overrides,
  };
}
