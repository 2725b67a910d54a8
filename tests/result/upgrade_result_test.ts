import { upgradeResult } from "../../src/result/upgrade_result.ts";
import { assertEquals } from "../helpers/assert.ts";

const legacy = {
  thresholds: [
    { name: "error_rate", threshold: "<= 1%" },
    { name: "GET /x: response_time_p99.9", endpoint: "GET /x", threshold: "<= 9 ms" },
  ],
  live_thresholds: [{ name: "throughput", threshold: ">= 5 req/s" }],
  stress: { breaking_point: { failed: [{ name: "default: error_rate", threshold: "<= 1%" }] } },
};

Deno.test("results written before thresholds had key and unit get both from the name", () => {
  const old: unknown = structuredClone(legacy);
  upgradeResult(old);
  const upgraded = old as {
    thresholds: unknown[];
    live_thresholds: unknown[];
    stress: { breaking_point: { failed: unknown[] } };
  };
  assertEquals(upgraded.thresholds, [
    { name: "error_rate", threshold: "<= 1%", key: "error_rate", unit: "ratio" },
    {
      name: "GET /x: response_time_p99.9",
      endpoint: "GET /x",
      threshold: "<= 9 ms",
      key: "response_time_p99.9",
      unit: "ms",
    },
  ]);
  assertEquals(upgraded.live_thresholds[0], {
    name: "throughput",
    threshold: ">= 5 req/s",
    key: "throughput",
    unit: "req/s",
  });
  assertEquals(upgraded.stress.breaking_point.failed[0], {
    name: "default: error_rate",
    threshold: "<= 1%",
    key: "error_rate",
    unit: "ratio",
  });
});

Deno.test("entries that already carry key and unit, and names that are no key, are left alone", () => {
  const result = {
    thresholds: [
      { name: "custom", key: "response_time_p95", unit: "ms" },
      { name: "not a key" },
    ],
  };
  upgradeResult(result);
  assertEquals(result.thresholds, [{ name: "custom", key: "response_time_p95", unit: "ms" }, {
    name: "not a key",
  }]);
});
