import { assertEquals } from "../helpers/assert.ts";
import { formatDuration, parseDuration } from "../../src/model/duration.ts";

Deno.test("parseDuration reads units, combinations, decimals and bare seconds", () => {
  const cases: [string | number, number][] = [
    ["500ms", 500],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["2m30s", 150_000],
    ["1h0m5s", 3_605_000],
    ["1.5s", 1_500],
    ["0.5m", 30_000],
    ["1d", 86_400_000],
    ["90", 90_000], // a bare number is seconds, as in Locust's --run-time
    ["0", 0],
    [" 30s ", 30_000], // surrounding spaces from a hand-edited file are forgiven
    [45, 45_000],
    [0.25, 250],
  ];
  for (const [input, expected] of cases) assertEquals(parseDuration(input), expected, JSON.stringify(input));
});

Deno.test("parseDuration rejects anything else with undefined", () => {
  const cases: (string | number)[] = [
    "",
    "   ",
    "5 minutes",
    "5min",
    "s",
    "-5s",
    "5x",
    "1h 30m",
    "30s5",
    ".5s",
    "1e3s",
    "abc",
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ];
  for (const input of cases) assertEquals(parseDuration(input), undefined, JSON.stringify(input));
});

Deno.test("formatDuration writes compact durations", () => {
  const cases: [number, string][] = [
    [0, "0ms"],
    [500, "500ms"],
    [1_000, "1s"],
    [30_000, "30s"],
    [90_000, "1m30s"],
    [300_000, "5m"],
    [5_400_000, "1h30m"],
    [3_605_000, "1h5s"],
  ];
  for (const [ms, expected] of cases) assertEquals(formatDuration(ms), expected, String(ms));
});

Deno.test("formatDuration and parseDuration round-trip whole seconds", () => {
  for (const ms of [1_000, 59_000, 61_000, 3_599_000, 3_600_000, 5_400_000, 86_399_000]) {
    assertEquals(parseDuration(formatDuration(ms)), ms, String(ms));
  }
});
