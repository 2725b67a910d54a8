import { errorRateSeries, timelineSeries } from "../../../src/report/chart/timeline_series.ts";
import type { TimelinePoint } from "../../../src/model/result.ts";
import { assertEquals } from "../../helpers/assert.ts";

function point(t: number, overrides: Partial<TimelinePoint> = {}): TimelinePoint {
  return {
    t,
    interval_s: 1,
    users: 10,
    requests: 100,
    rps: 100,
    failures: 0,
    p50_ms: t,
    p95_ms: 2 * t,
    p99_ms: 3 * t,
    ...overrides,
  };
}

Deno.test("timelineSeries takes one field against t", () => {
  assertEquals(timelineSeries([point(1), point(2)], "p95_ms"), [{ x: 1, y: 2 }, { x: 2, y: 4 }]);
});

Deno.test("timelineSeries leaves a gap for missing optional fields and for holes in time", () => {
  const timeline = [
    point(1, { cpu_pct: 20 }),
    point(2),
    point(3, { cpu_pct: 30 }),
    point(9, { cpu_pct: 40 }),
  ];
  assertEquals(timelineSeries(timeline, "cpu_pct"), [
    { x: 1, y: 20 },
    { x: 2, y: undefined },
    { x: 3, y: 30 },
    { x: 6, y: undefined },
    { x: 9, y: 40 },
  ]);
});

Deno.test("timelineSeries does not see a hole where long runs coarsen their intervals", () => {
  const timeline = [
    point(10, { interval_s: 10 }),
    point(30, { interval_s: 20 }),
    point(50, { interval_s: 20 }),
  ];
  assertEquals(timelineSeries(timeline, "users").length, 3);
});

Deno.test("errorRateSeries is the failing share in percent, 0 with no requests", () => {
  const timeline = [point(1, { failures: 5 }), point(2, { requests: 0 })];
  assertEquals(errorRateSeries(timeline), [{ x: 1, y: 5 }, { x: 2, y: 0 }]);
});
