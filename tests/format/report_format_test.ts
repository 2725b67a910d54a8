/** The report's words and numbers: dates, counts, sizes, durations, the load and the endpoint names. */
import {
  describeRunLoad,
  endpointLabel,
  formatBytes,
  formatCount,
  formatLatency,
  formatRunLength,
  formatSeconds,
  formatUtc,
} from "../../src/format/report_format.ts";
import { assertEquals } from "../helpers/assert.ts";
import { demoResult } from "../helpers/report_fixtures.ts";

Deno.test("report formats come from the result alone: UTC dates, grouped counts, sizes, lengths", () => {
  assertEquals(formatUtc("2026-11-25T08:34:36.405Z"), "2026-11-25 08:34:36 UTC");
  assertEquals(formatUtc("not a date"), "not a date");
  const cases: [number, string][] = [[0, "0"], [999, "999"], [1000, "1\u202f000"], [
    17102479,
    "17\u202f102\u202f479",
  ]];
  for (const [n, text] of cases) assertEquals(formatCount(n), text);
  assertEquals([0, 999, 865312, 1.55e9].map(formatBytes), ["0 B", "999 B", "865 kB", "1.6 GB"]);
  assertEquals([10.012, 86400, 5400].map(formatRunLength), ["10.0 s", "24h", "1h30m"]);
  assertEquals([formatLatency(14.895), formatLatency(4503)], [{ value: "14.9", unit: "ms" }, {
    value: "4.50",
    unit: "s",
  }]);
});

Deno.test("the load in words follows the model", async () => {
  const demo = await demoResult();
  assertEquals(describeRunLoad(demo.run), "10 users, spawning 10/s");
  assertEquals(
    describeRunLoad({ ...demo.run, stages: [{ t_s: 0, label: "→ 5 users" }] }),
    "user stages, up to 10 users",
  );
  assertEquals(
    describeRunLoad({ ...demo.run, model: "open", rate: 500, users: 1000 }),
    "500/s scheduled (open model), up to 1000 users",
  );
});

Deno.test("formatSeconds writes compact durations", () => {
  const cases: [number, string][] = [
    [0, "0s"],
    [2.5, "2.5s"],
    [30, "30s"],
    [60, "1m"],
    [90, "1m30s"],
    [300, "5m"],
    [3600, "1h"],
    [5400, "1h30m"],
    [3661, "1h1m1s"],
    [86_400, "24h"],
    [172_800, "48h"],
    [-30, "-30s"],
  ];
  for (const [seconds, label] of cases) assertEquals(formatSeconds(seconds), label, String(seconds));
});

Deno.test("endpointLabel is the method and the name", () => {
  assertEquals(endpointLabel({ method: "GET", name: "/items" }), "GET /items");
});
