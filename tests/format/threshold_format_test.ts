import type { ThresholdResult } from "../../src/model/result.ts";
import {
  describeThresholdLimit,
  formatThresholdLine,
  formatThresholdQuantity,
  formatThresholdValue,
} from "../../src/format/threshold_format.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

Deno.test("limits print as written, measured values with a fixed precision, each in its unit", () => {
  assertEquals(describeThresholdLimit("ratio", 0.001), "<= 0.1%");
  assertEquals(describeThresholdLimit("ratio", 0.1), "<= 10%"); // not 10.000000000000002
  assertEquals(describeThresholdLimit("req/s", 5), ">= 5 req/s");
  assertEquals(describeThresholdLimit("ms", 119.9), "<= 119.9 ms");
  assertEquals(formatThresholdQuantity("ratio", 0.4262), "42.62%");
  assertEquals(formatThresholdQuantity("req/s", 199.46), "199.5 req/s");
  assertEquals(formatThresholdQuantity("ms", 468.2), "468 ms");
  assertEquals(formatThresholdValue("ms", NaN), "—");
  assertEquals(formatThresholdValue("ms", undefined), "—");
});

Deno.test("formatThresholdLine reads without colour", () => {
  const cases: [ThresholdResult, string][] = [
    [
      {
        name: "response_time_p95",
        key: "response_time_p95",
        unit: "ms",
        threshold: "<= 1000 ms",
        limit: 1000,
        value: 312.44,
        ok: true,
      },
      "✓ PASS  response_time_p95            312 ms  <= 1000 ms",
    ],
    [
      {
        name: "response_time_avg",
        key: "response_time_avg",
        unit: "ms",
        threshold: "<= 5 ms",
        limit: 5,
        value: 5.123,
        ok: false,
      },
      "✗ FAIL  response_time_avg           5.12 ms  <= 5 ms",
    ],
    [
      {
        name: "error_rate",
        key: "error_rate",
        unit: "ratio",
        threshold: "<= 1%",
        limit: 0.01,
        value: 0.0234,
        ok: false,
      },
      "✗ FAIL  error_rate                    2.34%  <= 1%",
    ],
    [
      {
        name: "throughput",
        key: "throughput",
        unit: "req/s",
        threshold: ">= 5 req/s",
        limit: 5,
        value: 18.27,
        ok: true,
      },
      "✓ PASS  throughput               18.3 req/s  >= 5 req/s",
    ],
    [
      {
        name: "GET /api/items/: response_time_p99.9",
        key: "response_time_p99.9",
        endpoint: "GET /api/items/",
        unit: "ms",
        threshold: "<= 100 ms",
        limit: 100,
        value: 0.4,
        ok: true,
      },
      "✓ PASS  GET /api/items/: response_time_p99.9     0.400 ms  <= 100 ms",
    ],
  ];
  for (const [result, want] of cases) assertEquals(formatThresholdLine(result), want);
  const lines = cases.slice(0, 4).map(([r]) => formatThresholdLine(r));
  // Short names pad to one column, so the limits line up.
  assert(new Set(lines.map((l) => l.lastIndexOf("  "))).size === 1, lines.join("\n"));
});
