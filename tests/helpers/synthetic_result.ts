/**
 * Builds realistic RunResults without running anything, for report tests: a timeline with a load
 * shape, drift and an incident, endpoints with real HDR histograms (recorded through the repo's
 * histogram helpers, so spectra decode like a real run's), phases, thresholds and the generator verdict.
 * Seeded: the same options always give the same result, byte for byte.
 */
import { seededRandom } from "../../src/plan/weighted.ts";
import { judgeGenerator } from "../../src/metrics/generator_health.ts";
import {
  createHistogram,
  encodeHistogram,
  HIGHEST_TRACKABLE_US,
  type Histogram,
  percentileMs,
  summarizeLatency,
} from "../../src/metrics/histogram.ts";
import type {
  EndpointResult,
  PhaseSummaryMs,
  RunResult,
  StageMark,
  StatsFigures,
  ThresholdResult,
  TimelinePoint,
} from "../../src/model/result.ts";

export interface SyntheticEndpoint {
  method: string;
  name: string;
  /** Share of the requests. */
  weight: number;
  /** Latency relative to the run's baseline. */
  slowness: number;
}

export interface SyntheticOptions {
  seed: number;
  scenario: string;
  testType: string;
  points: number;
  intervalS: number;
  startedAt: string;
  endpoints: SyntheticEndpoint[];
  /** Users at time t (s): the load shape. */
  usersAt: (t: number) => number;
  stages?: StageMark[];
  model?: "closed" | "open";
  /** Open model: the peak scheduled rate. */
  rate?: number;
  /** Requests per user per second. */
  rpsPerUser: number;
  /** Baseline p50, ms, before drift. */
  baseMs: number;
  /** Extra ms of p50 by the end of the run (an endurance leak). */
  driftMs: number;
  /** Failure share outside the incident. */
  failureRate: number;
  /** Points [from, to) where the target struggles: slow answers, 5xx and timeouts. */
  incident?: [number, number];
  thresholds: Record<string, number>;
}

/** A log-normal-ish latency in µs around `medianMs`, with a heavier tail one time in fifty. */
function latencyUs(random: () => number, medianMs: number): number {
  const u = Math.max(1e-9, random());
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  const tail = random() < 0.02 ? 3 + 6 * random() : 1;
  return Math.min(HIGHEST_TRACKABLE_US, Math.max(50, medianMs * 1000 * Math.exp(0.35 * normal) * tail));
}

interface PointState {
  t: number;
  users: number;
  requests: number;
  failures: number;
  medianMs: number;
  inIncident: boolean;
}

function pointStates(o: SyntheticOptions, random: () => number): PointState[] {
  return Array.from({ length: o.points }, (_, i) => {
    const t = Number(((i + 1) * o.intervalS).toFixed(3));
    const users = Math.round(o.usersAt(t));
    const inIncident = o.incident !== undefined && i >= o.incident[0] && i < o.incident[1];
    const wave = 1 + 0.08 * Math.sin((2 * Math.PI * t) / 21600);
    const medianMs = (o.baseMs + (o.driftMs * t) / (o.points * o.intervalS)) * wave * (inIncident ? 12 : 1);
    const rps = users * o.rpsPerUser * (0.95 + 0.1 * random()) / (inIncident ? 3 : 1);
    const requests = Math.round(rps * o.intervalS);
    const failShare = inIncident ? 0.3 : o.failureRate * (0.5 + random());
    return { t, users, requests, failures: Math.round(requests * failShare), medianMs, inIncident };
  });
}

interface EndpointRecorder {
  histogram: Histogram;
  requests: number;
  failures: number;
  errors: Record<string, number>;
  status: Record<string, number>;
}

const SAMPLES_PER_POINT = 6;

/** Records one interval into an endpoint: a few samples, each standing for its share of requests. */
function recordPoint(rec: EndpointRecorder, e: SyntheticEndpoint, p: PointState, random: () => number) {
  const requests = Math.round(p.requests * e.weight);
  const failures = Math.round(p.failures * e.weight);
  if (requests === 0) return;
  const each = Math.max(1, Math.round(requests / SAMPLES_PER_POINT));
  for (let s = 0; s < SAMPLES_PER_POINT; s++) {
    rec.histogram.recordValueWithCount(Math.round(latencyUs(random, p.medianMs * e.slowness)), each);
  }
  rec.requests += requests;
  rec.failures += failures;
  const ok = e.method === "POST" ? "201" : e.method === "DELETE" ? "204" : "200";
  const timeouts = p.inIncident ? Math.round(failures / 3) : 0;
  const http = failures - timeouts;
  const add = (record: Record<string, number>, key: string, n: number) => {
    if (n > 0) record[key] = (record[key] ?? 0) + n;
  };
  add(rec.status, ok, requests - failures);
  add(rec.status, p.inIncident ? "503" : "500", http);
  add(rec.errors, p.inIncident ? "http_503" : "http_500", http);
  add(rec.errors, "timeout", timeouts);
}

function phases(latency: StatsFigures["latency_ms"], requests: number, users: number) {
  const scaled = (share: number, count: number): PhaseSummaryMs => {
    const entries = Object.entries(latency).map(([k, v]) => [k, Math.round(v * share * 1000) / 1000]);
    return { ...Object.fromEntries(entries), count } as PhaseSummaryMs;
  };
  return {
    connect: scaled(0.02, users),
    ttfb: scaled(0.96, requests),
    download: scaled(0.03, requests),
  };
}

function figures(rec: EndpointRecorder, elapsed: number, users: number): StatsFigures {
  const latency_ms = summarizeLatency(rec.histogram);
  return {
    requests: rec.requests,
    failures: rec.failures,
    error_rate: rec.requests === 0 ? 0 : Math.round((rec.failures / rec.requests) * 1e6) / 1e6,
    rps: Math.round((rec.requests / elapsed) * 100) / 100,
    latency_ms,
    status_codes: rec.status,
    errors: rec.errors,
    bytes_sent: rec.requests * 96,
    bytes_received: (rec.requests - rec.failures) * 1480 + rec.failures * 120,
    phases_ms: phases(latency_ms, rec.requests, users),
  };
}

const ms = (value: number) => Math.round(value * 1000) / 1000;

function timelinePoint(p: PointState, o: SyntheticOptions, random: () => number): TimelinePoint {
  const jitter = () => 0.9 + 0.2 * random();
  return {
    t: p.t,
    interval_s: o.intervalS,
    users: p.users,
    requests: p.requests,
    rps: Math.round((p.requests / o.intervalS) * 100) / 100,
    failures: p.failures,
    ...(o.model === "open" ? { dropped: p.inIncident ? Math.round(p.requests * 0.2) : 0 } : {}),
    cpu_pct: Math.round((35 + 10 * random() + (p.inIncident ? 30 : 0)) * 10) / 10,
    loop_lag_ms: Math.round((2 + 4 * random() + (p.inIncident ? 40 : 0)) * 10) / 10,
    p50_ms: ms(p.medianMs * jitter()),
    p95_ms: ms(p.medianMs * 1.9 * jitter()),
    p99_ms: ms(p.medianMs * (p.inIncident ? 6 : 3.5) * jitter()),
  };
}

function thresholdResults(
  o: SyntheticOptions,
  summary: StatsFigures,
  histogram: Histogram,
): ThresholdResult[] {
  return Object.entries(o.thresholds).map(([name, limit]) => {
    if (name === "error_rate") {
      const ok = summary.error_rate <= limit;
      return {
        name,
        key: name,
        unit: "ratio",
        threshold: `<= ${limit * 100}%`,
        limit,
        value: summary.error_rate,
        ok,
      };
    }
    if (name === "throughput") {
      const ok = summary.rps >= limit;
      return {
        name,
        key: name,
        unit: "req/s",
        threshold: `>= ${limit} req/s`,
        limit,
        value: summary.rps,
        ok,
      };
    }
    const value = percentileMs(histogram, Number(name.replace("response_time_p", "")));
    return { name, key: name, unit: "ms", threshold: `<= ${limit} ms`, limit, value, ok: value <= limit };
  });
}

function emptyRecorder(): EndpointRecorder {
  return { histogram: createHistogram(), requests: 0, failures: 0, errors: {}, status: {} };
}

export function syntheticResult(o: SyntheticOptions): RunResult {
  const random = seededRandom(o.seed);
  const states = pointStates(o, random);
  const recorders = o.endpoints.map(emptyRecorder);
  for (const p of states) o.endpoints.forEach((e, i) => recordPoint(recorders[i]!, e, p, random));
  const total = emptyRecorder();
  for (const rec of recorders) {
    total.histogram.add(rec.histogram);
    total.requests += rec.requests;
    total.failures += rec.failures;
    for (const [k, n] of Object.entries(rec.status)) total.status[k] = (total.status[k] ?? 0) + n;
    for (const [k, n] of Object.entries(rec.errors)) total.errors[k] = (total.errors[k] ?? 0) + n;
  }
  const elapsed = o.points * o.intervalS;
  const users = Math.max(...states.map((p) => p.users));
  const timeline = states.map((p) => timelinePoint(p, o, random));
  const summaryFigures = figures(total, elapsed, users);
  const dropped = timeline.reduce((n, p) => n + (p.dropped ?? 0), 0);
  const thresholds = thresholdResults(o, summaryFigures, total.histogram);
  const endpoints: EndpointResult[] = o.endpoints.map((e, i) => ({
    name: e.name,
    method: e.method,
    ...figures(recorders[i]!, elapsed, users),
    histogram: encodeHistogram(recorders[i]!.histogram),
  }));
  return {
    schema_version: 1,
    run: runInfo(o, elapsed, users),
    summary: {
      ...summaryFigures,
      histogram: encodeHistogram(total.histogram),
      ...(o.model === "open" ? { dropped_iterations: dropped } : {}),
    },
    endpoints,
    timeline,
    thresholds,
    generator: judgeGenerator(timeline, 8, dropped),
    exit_code: thresholds.every((t) => t.ok) ? 0 : 99,
  };
}

function runInfo(o: SyntheticOptions, elapsed: number, users: number): RunResult["run"] {
  const started = new Date(o.startedAt);
  const stamp = o.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return {
    id: `${stamp}-${o.scenario}`,
    scenario: o.scenario,
    description: `Synthetic ${o.testType} run for report tests`,
    test_type: o.testType,
    base_url: "http://127.0.0.1:8080",
    started_at: started.toISOString(),
    ended_at: new Date(started.getTime() + elapsed * 1000).toISOString(),
    duration_s: elapsed,
    engine: "http1",
    workers: 8,
    users,
    spawn_rate: 1,
    run_time_s: elapsed,
    model: o.model ?? "closed",
    ...(o.model === "open" ? { rate: o.rate } : {}),
    status: "completed",
    ...(o.stages ? { stages: o.stages } : {}),
    perf_version: "0.1.0",
  };
}
