import { endpointKey, RunAggregate } from "../../src/metrics/aggregate.ts";
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  recordMicros,
} from "../../src/metrics/histogram.ts";
import { type RequestOutcome, SnapshotRecorder, type WorkerSnapshot } from "../../src/metrics/snapshot.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

type Call = [name: string, method: string, outcome: RequestOutcome];

function ok(latency_us: number, status = 200): RequestOutcome {
  return { status, latency_us, bytes_sent: 10, bytes_received: 100 };
}

function failed(latency_us: number, status: number, error: string): RequestOutcome {
  return { status, error, latency_us, bytes_sent: 10, bytes_received: status === 0 ? 0 : 20 };
}

/** A snapshot as a worker would post it, built through the real recorder. */
function snapshot(worker: number, activeUsers: number, calls: Call[]): WorkerSnapshot {
  const recorder = new SnapshotRecorder();
  for (const [name, method, o] of calls) recorder.record(name, method, o);
  return { worker, active_users: activeUsers, endpoints: recorder.takeDeltas() };
}

// Latencies below 2048 µs are exact in the histogram, so the expected figures are exact too.
const WORKER_0: Call[] = [
  ["/a", "GET", ok(100)],
  ["/a", "GET", ok(200)],
  ["/b", "POST", failed(300, 500, "http_500")],
];
const WORKER_1: Call[] = [
  ["/a", "GET", ok(400)],
  ["/a", "GET", failed(500, 0, "refused")],
];

function twoWorkers(): RunAggregate {
  const aggregate = new RunAggregate();
  aggregate.absorb(snapshot(0, 5, WORKER_0));
  aggregate.absorb(snapshot(1, 4, WORKER_1));
  return aggregate;
}

Deno.test("endpointKey is METHOD and name", () => {
  assertEquals(endpointKey("GET", "/items?page=1"), "GET /items?page=1");
});

Deno.test("summary: two workers' snapshots are merged exactly", () => {
  const { histogram, ...figures } = twoWorkers().summary(2);
  assertEquals(figures, {
    requests: 5,
    failures: 2,
    error_rate: 0.4,
    rps: 2.5,
    latency_ms: { min: 0.1, mean: 0.3, p50: 0.3, p90: 0.5, p95: 0.5, p99: 0.5, p999: 0.5, max: 0.5 },
    status_codes: { "200": 3, "500": 1 },
    errors: { http_500: 1, refused: 1 },
    bytes_sent: 50,
    bytes_received: 300 + 20 + 0,
  });
  const merged = decodeHistogram(histogram);
  const union = createHistogram();
  for (const us of [100, 200, 300, 400, 500]) recordMicros(union, us);
  assertEquals(merged.totalCount, 5);
  assertEquals(encodeHistogram(merged), encodeHistogram(decodeHistogram(encodeHistogram(union))));
});

Deno.test("endpoints: per-endpoint figures, in first-seen order, with sorted status codes", () => {
  const aggregate = new RunAggregate();
  aggregate.absorb(snapshot(0, 1, [["/a", "GET", failed(900, 503, "http_503")], ["/a", "GET", ok(100)]]));
  aggregate.absorb(snapshot(1, 1, [["/c", "DELETE", ok(50, 204)], ["/a", "GET", ok(300, 201)]]));
  const endpoints = aggregate.endpoints(4);
  assertEquals(endpoints.map((e) => [e.method, e.name, e.requests, e.failures, e.error_rate, e.rps]), [
    ["GET", "/a", 3, 1, 0.333333, 0.75],
    ["DELETE", "/c", 1, 0, 0, 0.25],
  ]);
  assertEquals(Object.keys(endpoints[0]!.status_codes), ["201", "200", "503"].sort());
  assertEquals(endpoints[0]!.status_codes, { "200": 1, "201": 1, "503": 1 });
  assertEquals(endpoints[0]!.latency_ms.p50, 0.3);
  assertEquals(endpoints[0]!.latency_ms.max, 0.9);
  assertEquals(decodeHistogram(endpoints[1]!.histogram).totalCount, 1);
});

Deno.test("activeUsers sums the latest snapshot of each worker", () => {
  const aggregate = new RunAggregate();
  assertEquals(aggregate.activeUsers, 0);
  aggregate.absorb(snapshot(0, 5, []));
  aggregate.absorb(snapshot(1, 4, []));
  assertEquals(aggregate.activeUsers, 9);
  aggregate.absorb(snapshot(0, 3, WORKER_0));
  assertEquals(aggregate.activeUsers, 7);
  aggregate.absorb(snapshot(1, 0, []));
  assertEquals(aggregate.activeUsers, 3);
});

Deno.test("error_rate and rps: rounded to 6 and 2 digits, 0 when nothing was sent or no time passed", () => {
  const aggregate = new RunAggregate();
  const empty = aggregate.summary(10);
  assertEquals([empty.requests, empty.error_rate, empty.rps], [0, 0, 0]);
  assertEquals(empty.latency_ms.p99, 0);
  aggregate.absorb(snapshot(0, 1, [
    ["/a", "GET", ok(100)],
    ["/a", "GET", ok(100)],
    ["/a", "GET", failed(100, 500, "http_500")],
  ]));
  const cases: [elapsed: number, rps: number][] = [[3, 1], [9, 0.33], [0.7, 4.29], [0, 0]];
  for (const [elapsed, rps] of cases) {
    const s = aggregate.summary(elapsed);
    assertEquals([s.error_rate, s.rps], [0.333333, rps], `elapsed ${elapsed}`);
  }
});

Deno.test("closeInterval returns the interval and resets it, but not the totals", () => {
  const aggregate = twoWorkers();
  const first = aggregate.closeInterval(1, 1);
  assertEquals([first.t, first.duration_s, first.users, first.requests, first.failures], [1, 1, 9, 5, 2]);
  assertEquals(first.histogram.totalCount, 5);

  const second = aggregate.closeInterval(2, 1.05);
  assertEquals([second.t, second.duration_s, second.requests, second.failures], [2, 1.05, 0, 0]);
  assertEquals(second.histogram.totalCount, 0);
  assertEquals([aggregate.totalRequests, aggregate.totalFailures], [5, 2]);
  // The interval handed over is not touched by later snapshots.
  aggregate.absorb(snapshot(0, 2, [["/a", "GET", ok(1000)]]));
  assertEquals(first.histogram.totalCount, 5);
  const third = aggregate.closeInterval(3, 1);
  assertEquals([third.requests, third.users, third.histogram.totalCount], [1, 6, 1]);
  assertEquals([aggregate.totalRequests, aggregate.summary(3).requests], [6, 6]);
});

Deno.test("percentileMs: whole run, one endpoint, undefined for an unknown endpoint", () => {
  const aggregate = twoWorkers();
  assertEquals(aggregate.percentileMs(50), 0.3);
  assertEquals(aggregate.percentileMs(100), 0.5);
  assertEquals(aggregate.percentileMs(50, "GET /a"), 0.2);
  assertEquals(aggregate.percentileMs(100, "POST /b"), 0.3);
  assertEquals(aggregate.percentileMs(50, "GET /b"), undefined);
  assert(aggregate.hasEndpoint("POST /b"));
  assert(!aggregate.hasEndpoint("GET /b"));
});

Deno.test("absorb: a delta with an empty histogram adds its counters only", () => {
  const aggregate = new RunAggregate();
  aggregate.absorb({
    worker: 0,
    active_users: 1,
    endpoints: [{
      name: "/x",
      method: "GET",
      histogram: "",
      requests: 2,
      failures: 1,
      bytes_sent: 5,
      bytes_received: 6,
      status_codes: { "200": 1 },
      errors: { timeout: 1 },
    }],
  });
  const s = aggregate.summary(1);
  assertEquals([s.requests, s.failures, s.bytes_sent, s.bytes_received, s.errors], [2, 1, 5, 6, {
    timeout: 1,
  }]);
  assertEquals(s.latency_ms.max, 0);
  assertEquals(aggregate.percentileMs(50, "GET /x"), 0);
});

Deno.test("closeInterval: the busiest worker thread's CPU, only when workers measured it", () => {
  const aggregate = new RunAggregate();
  aggregate.absorb({ worker: 0, active_users: 1, thread_busy_pct: 40, endpoints: [] });
  aggregate.absorb({ worker: 1, active_users: 1, thread_busy_pct: 75, endpoints: [] });
  assertEquals(aggregate.closeInterval(1, 1).worker_busy_pct, 75);
  aggregate.absorb({ worker: 0, active_users: 1, endpoints: [] });
  assertEquals(aggregate.closeInterval(2, 1).worker_busy_pct, undefined);
});
