import { decodeHistogram } from "../../src/metrics/histogram.ts";
import { type EndpointDelta, type RequestOutcome, SnapshotRecorder } from "../../src/metrics/snapshot.ts";
import { assertEquals } from "../helpers/assert.ts";

function outcome(overrides: Partial<RequestOutcome> = {}): RequestOutcome {
  return { status: 200, latency_us: 1000, bytes_sent: 50, bytes_received: 200, ...overrides };
}

/** A delta without its histogram, for exact comparison of the counters. */
function counters(delta: EndpointDelta): Omit<EndpointDelta, "histogram"> {
  const { histogram: _, ...rest } = delta;
  return rest;
}

Deno.test("takeDeltas: counters, status codes, error kinds and bytes per endpoint", () => {
  const recorder = new SnapshotRecorder();
  recorder.record("/a", "GET", outcome({ latency_us: 100 }));
  recorder.record(
    "/a",
    "GET",
    outcome({ status: 503, error: "http_503", latency_us: 300, bytes_received: 80 }),
  );
  recorder.record("/a", "GET", outcome({ status: 0, error: "refused", latency_us: 200, bytes_received: 0 }));
  recorder.record(
    "/a",
    "GET",
    outcome({ status: 200, latency_us: 400, bytes_sent: 60, bytes_received: 210 }),
  );
  recorder.record(
    "/items",
    "POST",
    outcome({ status: 201, latency_us: 1500, bytes_sent: 123, bytes_received: 7 }),
  );
  const deltas = recorder.takeDeltas();
  assertEquals(deltas.map(counters), [
    {
      name: "/a",
      method: "GET",
      requests: 4,
      failures: 2,
      bytes_sent: 50 + 50 + 50 + 60,
      bytes_received: 200 + 80 + 0 + 210,
      // A request without a response (status 0) adds no status code.
      status_codes: { "200": 2, "503": 1 },
      errors: { http_503: 1, refused: 1 },
    },
    {
      name: "/items",
      method: "POST",
      requests: 1,
      failures: 0,
      bytes_sent: 123,
      bytes_received: 7,
      status_codes: { "201": 1 },
      errors: {},
    },
  ]);
  const a = decodeHistogram(deltas[0]!.histogram);
  assertEquals(a.totalCount, 4);
  assertEquals([a.minNonZeroValue, a.getValueAtPercentile(50), a.maxValue], [100, 200, 400]);
  const items = decodeHistogram(deltas[1]!.histogram);
  assertEquals([items.totalCount, items.getValueAtPercentile(50)], [1, 1500]);
});

Deno.test("takeDeltas: resets after each call; endpoints with nothing new are skipped", () => {
  const recorder = new SnapshotRecorder();
  assertEquals(recorder.takeDeltas(), []);
  recorder.record("/a", "GET", outcome());
  recorder.record("/b", "GET", outcome());
  assertEquals(recorder.takeDeltas().map((d) => [d.name, d.requests]), [["/a", 1], ["/b", 1]]);
  assertEquals(recorder.takeDeltas(), []);

  recorder.record("/b", "GET", outcome({ status: 500, error: "http_500", latency_us: 700 }));
  recorder.record("/b", "GET", outcome({ latency_us: 900 }));
  const [only, ...rest] = recorder.takeDeltas();
  assertEquals(rest, []);
  assertEquals(counters(only!), {
    name: "/b",
    method: "GET",
    requests: 2,
    failures: 1,
    bytes_sent: 100,
    bytes_received: 400,
    status_codes: { "200": 1, "500": 1 },
    errors: { http_500: 1 },
  });
  // The histogram holds only this interval's two latencies, not the earlier one.
  const h = decodeHistogram(only!.histogram);
  assertEquals([h.totalCount, h.minNonZeroValue, h.maxValue], [2, 700, 900]);
});

Deno.test("the same name under two methods is two endpoints", () => {
  const recorder = new SnapshotRecorder();
  recorder.record("/items", "GET", outcome());
  recorder.record("/items", "POST", outcome());
  recorder.record("/items", "GET", outcome());
  assertEquals(recorder.takeDeltas().map((d) => [d.method, d.name, d.requests]), [
    ["GET", "/items", 2],
    ["POST", "/items", 1],
  ]);
});

Deno.test("a delta's counters are its own copy: recording more does not change a taken delta", () => {
  const recorder = new SnapshotRecorder();
  recorder.record("/a", "GET", outcome({ status: 404, error: "http_404" }));
  const [first] = recorder.takeDeltas();
  recorder.record("/a", "GET", outcome({ status: 404, error: "http_404" }));
  assertEquals([first!.requests, first!.status_codes, first!.errors], [1, { "404": 1 }, { http_404: 1 }]);
});
