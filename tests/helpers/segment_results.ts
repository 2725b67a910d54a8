/**
 * Small RunResults with known latencies, for merge tests: every latency is recorded into real HDR
 * histograms through the repo's helpers, so merged figures can be checked against one histogram of
 * all the values.
 */
import { judgeGenerator } from "../../src/metrics/generator_health.ts";
import {
  createHistogram,
  encodeHistogram,
  type Histogram,
  recordMicros,
  summarizeLatency,
} from "../../src/metrics/histogram.ts";
import type {
  EndpointResult,
  RunResult,
  StatsFigures,
  ThresholdResult,
  TimelinePoint,
} from "../../src/model/result.ts";

export interface SegmentSpec {
  id: string;
  segment?: string;
  scenario?: string;
  startedAt: string;
  durationS: number;
  /** Latencies in µs per endpoint (`GET /a`), each one request; `failures` of them failed (status 500). */
  endpoints: Record<string, { latencies: number[]; failures?: number }>;
  timeline?: TimelinePoint[];
  thresholds?: ThresholdResult[];
  users?: number;
  workers?: number;
  status?: "completed" | "interrupted";
}

/** A histogram of `values` µs. */
export function histogramOf(values: readonly number[]): Histogram {
  const h = createHistogram();
  for (const v of values) recordMicros(h, v);
  return h;
}

function figures(latencies: number[], failures: number, durationS: number): StatsFigures {
  const requests = latencies.length;
  return {
    requests,
    failures,
    error_rate: requests ? Math.round((failures / requests) * 1e6) / 1e6 : 0,
    rps: Math.round((requests / durationS) * 100) / 100,
    latency_ms: summarizeLatency(histogramOf(latencies)),
    status_codes: {
      ...(requests > failures ? { "200": requests - failures } : {}),
      ...(failures ? { "500": failures } : {}),
    },
    errors: failures ? { http_500: failures } : {},
    bytes_sent: requests * 100,
    bytes_received: requests * 1000,
  };
}

/** One segment's result with the given latencies. */
export function segmentResult(spec: SegmentSpec): RunResult {
  const endpoints: EndpointResult[] = Object.entries(spec.endpoints).map(([key, e]) => {
    const [method, name] = key.split(" ") as [string, string];
    return {
      name,
      method,
      ...figures(e.latencies, e.failures ?? 0, spec.durationS),
      histogram: encodeHistogram(histogramOf(e.latencies)),
    };
  });
  const all = Object.values(spec.endpoints);
  const latencies = all.flatMap((e) => e.latencies);
  const failures = all.reduce((n, e) => n + (e.failures ?? 0), 0);
  const started = Date.parse(spec.startedAt);
  const timeline = spec.timeline ?? [];
  return {
    schema_version: 1,
    run: {
      id: spec.id,
      scenario: spec.scenario ?? "api",
      test_type: "load",
      base_url: "http://127.0.0.1:8080",
      started_at: new Date(started).toISOString(),
      ended_at: new Date(started + spec.durationS * 1000).toISOString(),
      duration_s: spec.durationS,
      engine: "http1",
      workers: spec.workers ?? 2,
      users: spec.users ?? 4,
      spawn_rate: 4,
      run_time_s: spec.durationS,
      model: "closed",
      status: spec.status ?? "completed",
      ...(spec.segment ? { segment: spec.segment } : {}),
      perf_version: "0.1.0",
    },
    summary: {
      ...figures(latencies, failures, spec.durationS),
      histogram: encodeHistogram(histogramOf(latencies)),
    },
    endpoints,
    timeline,
    thresholds: spec.thresholds ?? [],
    generator: judgeGenerator(timeline, 4),
    exit_code: spec.status === "interrupted" ? 105 : 0,
  };
}

/** A timeline point with the given counts (1 s interval unless told). */
export function point(
  t: number,
  requests: number,
  p95: number,
  extra: Partial<TimelinePoint> = {},
): TimelinePoint {
  const interval_s = extra.interval_s ?? 1;
  return {
    t,
    interval_s,
    users: 2,
    requests,
    rps: requests / interval_s,
    failures: 0,
    p50_ms: p95 / 2,
    p95_ms: p95,
    p99_ms: p95 * 2,
    ...extra,
  };
}
