import {
  describeCategories,
  describeSpectrum,
  describeTimeChart,
  describeTimeSeries,
} from "../../../src/report/chart/describe.ts";
import { spectrumFromPairs } from "../../../src/report/chart/spectrum.ts";
import { assertEquals } from "../../helpers/assert.ts";

Deno.test("describeTimeSeries says where a series starts, ends and peaks, and over how long", () => {
  const points = [{ x: 0, y: 12 }, { x: 300, y: 52 }, { x: 600, y: 40 }];
  assertEquals(
    describeTimeSeries({ name: "p95", points, kind: "ms" }, 600),
    "p95 from 12 ms to 40 ms (peak 52 ms) over 10 minutes",
  );
  assertEquals(
    describeTimeSeries({
      name: "throughput",
      points: [{ x: 0, y: 10 }, { x: 1, y: 1500 }],
      kind: "count",
      unit: "req/s",
    }, 90),
    "throughput from 10 req/s to 1.5k req/s over 1 minute 30 seconds",
  );
  assertEquals(
    describeTimeSeries({ name: "cpu", points: [{ x: 0, y: undefined }], kind: "percent" }, 10),
    "cpu: no data",
  );
});

Deno.test("describeTimeChart joins series, and says no data when none has any", () => {
  const a = { name: "p50", points: [{ x: 0, y: 1 }, { x: 10, y: 2 }], kind: "ms" as const };
  const b = { name: "p99", points: [{ x: 0, y: 5 }, { x: 10, y: 9 }], kind: "ms" as const };
  assertEquals(
    describeTimeChart([a, b], 10),
    "p50 from 1 ms to 2 ms over 10 seconds; p99 from 5 ms to 9 ms over 10 seconds.",
  );
  assertEquals(describeTimeChart([{ ...a, points: [] }], 10), "No data.");
  assertEquals(describeTimeChart([], 10), "No data.");
});

Deno.test("describeSpectrum names the milestones the curve has", () => {
  const points = spectrumFromPairs([[0, 1], [50, 7], [90, 12], [99, 23], [99.9, 69]]);
  assertEquals(
    describeSpectrum("GET /items", points),
    "GET /items: p50 7 ms, p90 12 ms, p99 23 ms, p99.9 69 ms",
  );
  assertEquals(describeSpectrum("POST /items", []), "POST /items: no data");
});

Deno.test("describeCategories lists counts and the total", () => {
  const categories = [{ label: "200", value: 501 }, { label: "500", value: 5 }];
  assertEquals(describeCategories(categories), "200: 501, 500: 5 (total 506).");
  assertEquals(describeCategories(categories, "responses"), "200: 501, 500: 5 (total 506 responses).");
  assertEquals(describeCategories([]), "No data.");
});
