/**
 * The results the HTML report tests render: the recorded demo run, a 24 h endurance run (2000
 * coarsened intervals of 43.2 s), a run where every request failed, an interrupted one-endpoint run
 * and an open-model run against 30 endpoints. All deterministic.
 */
import { judgeGenerator } from "../../src/metrics/generator_health.ts";
import { createHistogram, encodeHistogram, summarizeLatency } from "../../src/metrics/histogram.ts";
import type { RunResult, StatsFigures, TimelinePoint } from "../../src/model/result.ts";
import { seededRandom } from "../../src/plan/weighted.ts";
import { withEnduranceAnalysis } from "./analysis_fixtures.ts";
import { type SyntheticEndpoint, syntheticResult } from "./synthetic_result.ts";

export async function demoResult(): Promise<RunResult> {
  const url = new URL("../fixtures/results/demo_short.json", import.meta.url);
  return JSON.parse(await Deno.readTextFile(url));
}

const HOUR = 3600;

/** 0 -> 200 users over 10 minutes, held, back to 0 over the last 10 minutes of the day. */
function enduranceUsers(t: number): number {
  if (t < 600) return (200 * t) / 600;
  if (t > 24 * HOUR - 600) return (200 * (24 * HOUR - t)) / 600;
  return 200;
}

const SHOP: SyntheticEndpoint[] = [
  { method: "GET", name: "/api/items/", weight: 0.5, slowness: 1 },
  { method: "GET", name: "/api/items/{id}", weight: 0.3, slowness: 0.7 },
  { method: "POST", name: "/api/items/", weight: 0.15, slowness: 1.8 },
  { method: "DELETE", name: "/api/items/{id}", weight: 0.05, slowness: 1.2 },
];

/**
 * A day-long endurance run: a slow latency drift, a 7-minute incident at 15 h, one failed threshold;
 * perf's RSS, an API process and a database pool monitored, and the endurance analysis of it all.
 */
export function enduranceResult(): RunResult {
  return withEnduranceAnalysis(
    syntheticResult({
      seed: 24,
      scenario: "endurance",
      testType: "endurance",
      points: 2000,
      intervalS: 43.2,
      startedAt: "2026-11-24T00:00:00.000Z",
      endpoints: SHOP,
      usersAt: enduranceUsers,
      stages: [
        { t_s: 0, label: "→ 200 users" },
        { t_s: 600, label: "hold 200 users" },
        { t_s: 24 * HOUR - 600, label: "→ 0 users" },
      ],
      rpsPerUser: 1,
      baseMs: 18,
      driftMs: 14,
      failureRate: 0.001,
      incident: [1250, 1260],
      thresholds: { response_time_p95: 100, "response_time_p99.9": 300, error_rate: 0.01, throughput: 150 },
    }),
    24,
  );
}

/** An open-model run with rate stages against 30 endpoints (many tables, many spectra). */
export function manyEndpointsResult(): RunResult {
  const endpoints = Array.from({ length: 30 }, (_, i): SyntheticEndpoint => ({
    method: i % 5 === 4 ? "POST" : "GET",
    name: `/api/v1/resource-${String(i + 1).padStart(2, "0")}/{id}/details`,
    weight: 1 / 30,
    slowness: 0.5 + (i % 7) * 0.25,
  }));
  const rateAt = (t: number) => (t < 60 ? (500 * t) / 60 : 500);
  return syntheticResult({
    seed: 30,
    scenario: "stress-30",
    testType: "stress",
    points: 300,
    intervalS: 1,
    startedAt: "2026-11-25T10:00:00.000Z",
    endpoints,
    usersAt: (t) => rateAt(t) / 10,
    stages: [{ t_s: 0, label: "→ 500/s" }, { t_s: 60, label: "hold 500/s" }],
    model: "open",
    rate: 500,
    rpsPerUser: 10,
    baseMs: 9,
    driftMs: 2,
    failureRate: 0.002,
    incident: [200, 215],
    thresholds: { response_time_p95: 60, error_rate: 0.02 },
  });
}

/** One endpoint, stopped by Ctrl-C after 45 s of a planned 2 minutes. */
export function oneEndpointResult(): RunResult {
  const result = syntheticResult({
    seed: 1,
    scenario: "smoke",
    testType: "smoke",
    points: 45,
    intervalS: 1,
    startedAt: "2026-11-25T09:00:00.000Z",
    endpoints: [{ method: "GET", name: "/health", weight: 1, slowness: 1 }],
    usersAt: () => 2,
    rpsPerUser: 20,
    baseMs: 1.2,
    driftMs: 0,
    failureRate: 0,
    thresholds: { response_time_p95: 50 },
  });
  return { ...result, run: { ...result.run, status: "interrupted", run_time_s: 120 }, exit_code: 105 };
}

function refusedTimeline(random: () => number): TimelinePoint[] {
  return Array.from({ length: 20 }, (_, i) => {
    const requests = 180 + Math.round(40 * random());
    const ms = Math.round((0.15 + 0.1 * random()) * 1000) / 1000;
    return {
      t: i + 1,
      interval_s: 1,
      users: 5,
      requests,
      rps: requests,
      failures: requests,
      cpu_pct: 20 + Math.round(50 * random()) / 10,
      loop_lag_ms: 1 + Math.round(20 * random()) / 10,
      p50_ms: ms,
      p95_ms: ms * 2,
      p99_ms: ms * 3,
    };
  });
}

/** Nothing listened: every request was refused, so there are no status codes and no successes. */
export function errorsOnlyResult(): RunResult {
  const random = seededRandom(7);
  const timeline = refusedTimeline(random);
  const histogram = createHistogram();
  for (let i = 0; i < 2000; i++) histogram.recordValue(Math.round(120 + 200 * random() ** 3));
  const requests = timeline.reduce((n, p) => n + p.requests, 0);
  const figures: StatsFigures = {
    requests,
    failures: requests,
    error_rate: 1,
    rps: requests / 20,
    latency_ms: summarizeLatency(histogram),
    status_codes: {},
    errors: { connection_refused: requests },
    bytes_sent: 0,
    bytes_received: 0,
  };
  return {
    schema_version: 1,
    run: {
      id: "20261125T120000Z-load",
      scenario: "load",
      test_type: "load",
      base_url: "http://127.0.0.1:9",
      started_at: "2026-11-25T12:00:00.000Z",
      ended_at: "2026-11-25T12:00:20.000Z",
      duration_s: 20,
      engine: "http1",
      workers: 1,
      users: 5,
      spawn_rate: 5,
      run_time_s: 20,
      model: "closed",
      status: "completed",
      perf_version: "0.1.0",
    },
    summary: { ...figures, histogram: encodeHistogram(histogram) },
    endpoints: [{ name: "/", method: "GET", ...figures, histogram: encodeHistogram(histogram) }],
    timeline,
    thresholds: [{
      name: "error_rate",
      key: "error_rate",
      unit: "ratio",
      threshold: "<= 1%",
      limit: 0.01,
      value: 1,
      ok: false,
    }],
    generator: judgeGenerator(timeline, 2),
    exit_code: 99,
  };
}
