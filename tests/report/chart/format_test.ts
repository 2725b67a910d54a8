import {
  formatCountTick,
  formatMsTick,
  formatPercentile,
  formatPercentTick,
  formatTick,
  formatValue,
  trimNumber,
} from "../../../src/report/chart/format.ts";
import { assertEquals } from "../../helpers/assert.ts";

Deno.test("formatMsTick: milliseconds below a second, seconds from 1000 ms", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [0.5, "0.5"],
    [1, "1"],
    [10, "10"],
    [100, "100"],
    [250, "250"],
    [1000, "1s"],
    [1500, "1.5s"],
    [2500, "2.5s"],
    [60_000, "60s"],
    [0.1 + 0.2, "0.3"],
  ];
  for (const [ms, label] of cases) assertEquals(formatMsTick(ms), label, String(ms));
});

Deno.test("formatCountTick: k, M and G suffixes", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [950, "950"],
    [1000, "1k"],
    [1500, "1.5k"],
    [20_000, "20k"],
    [2_000_000, "2M"],
    [2_500_000_000, "2.5G"],
    [0.2, "0.2"],
  ];
  for (const [count, label] of cases) assertEquals(formatCountTick(count), label, String(count));
});

Deno.test("formatPercentTick and formatPercentile", () => {
  assertEquals(formatPercentTick(12.5), "12.5%");
  assertEquals(formatPercentTick(100), "100%");
  const percentiles: [number, string][] = [[0, "0%"], [90, "90%"], [99.9, "99.9%"], [99.99, "99.99%"]];
  for (const [p, label] of percentiles) assertEquals(formatPercentile(p), label);
  assertEquals(formatPercentile(99.990000000001), "99.99%");
});

Deno.test("formatTick dispatches on the value kind", () => {
  assertEquals(formatTick("ms", 2000), "2s");
  assertEquals(formatTick("count", 2000), "2k");
  assertEquals(formatTick("percent", 20), "20%");
});

Deno.test("formatValue adds units for sentences", () => {
  assertEquals(formatValue("ms", 12), "12 ms");
  assertEquals(formatValue("ms", 1500), "1.5 s");
  assertEquals(formatValue("count", 1234, "req/s"), "1.23k req/s");
  assertEquals(formatValue("count", 10), "10");
  assertEquals(formatValue("percent", 3), "3%");
});

Deno.test("trimNumber drops float noise and non-finite values", () => {
  assertEquals(trimNumber(0.30000000000000004), "0.3");
  assertEquals(trimNumber(12.3456), "12.3");
  assertEquals(trimNumber(12.3456, 5), "12.346");
  assertEquals(trimNumber(NaN), "");
});
