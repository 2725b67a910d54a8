import { formatMs, formatPercent } from "../../src/format/format.ts";
import { alignColumns, renderTextSummary } from "../../src/report/text_summary.ts";
import type { RunResult, ThresholdResult } from "../../src/model/result.ts";
import { formatThresholdLine } from "../../src/format/threshold_format.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { statsFigures } from "../helpers/fixtures.ts";

const ESC = "\x1b";

const figures = statsFigures;

const PASSED: ThresholdResult = {
  name: "response_time_p95",
  key: "response_time_p95",
  unit: "ms",
  threshold: "<= 500 ms",
  limit: 500,
  value: 30,
  ok: true,
};
const FAILED: ThresholdResult = {
  name: "error_rate",
  key: "error_rate",
  unit: "ratio",
  threshold: "<= 0.1%",
  limit: 0.001,
  value: 0.002,
  ok: false,
};

function result(
  overrides: { thresholds?: ThresholdResult[]; status?: "completed" | "interrupted" } = {},
): RunResult {
  return {
    schema_version: 1,
    run: {
      id: "r1",
      scenario: "load",
      test_type: "load",
      base_url: "http://127.0.0.1:8080",
      started_at: "2026-01-01T00:00:00.000Z",
      ended_at: "2026-01-01T00:00:30.040Z",
      duration_s: 30.04,
      engine: "fetch",
      workers: 2,
      users: 10,
      spawn_rate: 10,
      run_time_s: 30,
      model: "closed",
      status: overrides.status ?? "completed",
      perf_version: "0.1.0",
    },
    generator: {
      cores: 2,
      cpu_pct_mean: 40,
      cpu_pct_max: 55,
      loop_lag_ms_max: 3,
      loop_lag_ms_p95: 2,
      saturated: false,
      verdict: "the generator kept up: (figures)",
    },
    summary: {
      ...figures({
        requests: 1500,
        failures: 3,
        error_rate: 0.002,
        rps: 50,
        latency_ms: {
          min: 0.412,
          mean: 10.872,
          p50: 9.8,
          p90: 22,
          p95: 30,
          p99: 110,
          p999: 240,
          max: 1530.2,
        },
        status_codes: { "200": 1197, "201": 300, "500": 3 },
        errors: { http_500: 3 },
      }),
      histogram: "",
    },
    endpoints: [
      {
        name: "/items",
        method: "GET",
        histogram: "",
        ...figures({
          requests: 1200,
          failures: 3,
          error_rate: 0.0025,
          rps: 40,
          latency_ms: {
            min: 0.412,
            mean: 12.34,
            p50: 10.5,
            p90: 25,
            p95: 31.2,
            p99: 120.6,
            p999: 250,
            max: 1530.2,
          },
        }),
      },
      {
        name: "/items",
        method: "POST",
        histogram: "",
        ...figures({
          requests: 300,
          rps: 10,
          latency_ms: { min: 1, mean: 5, p50: 4.5, p90: 8, p95: 9, p99: 9.5, p999: 9.9, max: 10 },
        }),
      },
    ],
    timeline: [],
    thresholds: overrides.thresholds ?? [PASSED, FAILED],
    exit_code: 99,
  };
}

Deno.test("renderTextSummary: header, aligned table, Total row, status and error lines, thresholds, verdict", () => {
  const text = renderTextSummary(result(), { color: false });
  assertEquals(text.split("\n"), [
    "perf · load · http://127.0.0.1:8080 · 30.0s · 10 users · 2 workers · fetch",
    "",
    "Endpoint     Reqs  Fails   Err%   RPS    min  mean   p50   p90   p95   p99  p99.9   max",
    "GET /items   1200      3  0.25%  40.0  0.412  12.3  10.5  25.0  31.2   121    250  1530",
    "POST /items   300      0     0%  10.0   1.00  5.00  4.50  8.00  9.00  9.50   9.90  10.0",
    "Total        1500      3  0.20%  50.0  0.412  10.9  9.80  22.0  30.0   110    240  1530",
    "  (latencies in ms)",
    "",
    "Generator: the generator kept up: (figures)",
    "Status codes: 200 ×1197, 201 ×300, 500 ×3",
    "Errors: http_500 ×3",
    "",
    "Thresholds",
    `  ${formatThresholdLine(PASSED)}`,
    `  ${formatThresholdLine(FAILED)}`,
    "",
    "FAIL: 1 of 2 thresholds failed",
    "",
  ]);
  assert(!text.includes(ESC), "no ANSI escapes without colour");
});

Deno.test("renderTextSummary: every table line has the same width and the columns line up", () => {
  const lines = renderTextSummary(result()).split("\n").slice(2, 6);
  const width = lines[0]!.length;
  for (const line of lines) assertEquals(line.length, width, line);
  // The right edge of "max" is the right edge of every value in that column.
  assert(lines[0]!.endsWith(" max") && lines[3]!.endsWith(" 1530"));
  const reqsEnd = lines[0]!.indexOf("Reqs") + 4;
  for (const line of lines.slice(1)) assertMatch(line.slice(0, reqsEnd), /\d$/, line);
});

Deno.test("renderTextSummary: verdict lines for pass, fail, interrupted and no thresholds", () => {
  const cases: [name: string, r: RunResult, verdict: string][] = [
    [
      "all pass",
      result({ thresholds: [PASSED, { ...PASSED, name: "response_time_p99" }] }),
      "PASS: all 2 thresholds met",
    ],
    ["one fails", result({ thresholds: [PASSED, FAILED] }), "FAIL: 1 of 2 thresholds failed"],
    ["all fail", result({ thresholds: [FAILED, FAILED, FAILED] }), "FAIL: 3 of 3 thresholds failed"],
    ["none set", result({ thresholds: [] }), "DONE: no thresholds set"],
    [
      "interrupted beats a failure",
      result({ status: "interrupted" }),
      "INTERRUPTED after 30.0s: partial results",
    ],
  ];
  for (const [name, r, verdict] of cases) {
    const lines = renderTextSummary(r).split("\n");
    assertEquals(lines.at(-2), verdict, name);
    assertEquals(lines.at(-1), "", `${name}: ends with a newline`);
  }
  assert(
    !renderTextSummary(result({ thresholds: [] })).includes("Thresholds"),
    "no Thresholds block when none",
  );
});

Deno.test("renderTextSummary: singular user and worker, no status or error lines when empty", () => {
  const r = result({ thresholds: [] });
  r.run.users = 1;
  r.run.workers = 1;
  r.summary.status_codes = {};
  r.summary.errors = {};
  const text = renderTextSummary(r);
  assertEquals(
    text.split("\n")[0],
    "perf · load · http://127.0.0.1:8080 · 30.0s · 1 user · 1 worker · fetch",
  );
  assert(!text.includes("Status codes"), text);
  assert(!text.includes("Errors:"), text);
});

Deno.test("renderTextSummary: colour paints the errors, thresholds and verdict, and only when asked", () => {
  const coloured = renderTextSummary(result(), { color: true });
  const lines = coloured.split("\n");
  assert(lines.includes(`${ESC}[31mErrors: http_500 ×3${ESC}[0m`), "errors in red");
  assert(lines.includes(`  ${ESC}[32m${formatThresholdLine(PASSED)}${ESC}[0m`), "passed threshold in green");
  assert(lines.includes(`  ${ESC}[31m${formatThresholdLine(FAILED)}${ESC}[0m`), "failed threshold in red");
  assertEquals(lines.at(-2), `${ESC}[31mFAIL: 1 of 2 thresholds failed${ESC}[0m`);
  const verdicts: [RunResult, string][] = [
    [result({ thresholds: [PASSED] }), `${ESC}[32mPASS: all 1 thresholds met${ESC}[0m`],
    [result({ thresholds: [] }), `${ESC}[32mDONE: no thresholds set${ESC}[0m`],
    [result({ status: "interrupted" }), `${ESC}[33mINTERRUPTED after 30.0s: partial results${ESC}[0m`],
  ];
  for (const [r, line] of verdicts) {
    assertEquals(renderTextSummary(r, { color: true }).split("\n").at(-2), line);
  }
  // The table itself is never painted, so its alignment holds with colour on.
  assertEquals(lines.slice(0, 8), renderTextSummary(result(), { color: false }).split("\n").slice(0, 8));
  // Stripping the escapes gives back the plain text exactly.
  // deno-lint-ignore no-control-regex
  assertEquals(coloured.replace(/\x1b\[\d+m/g, ""), renderTextSummary(result()));
});

Deno.test("formatMs: precision shrinks as the value grows", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [0.5, "0.500"],
    [0.412, "0.412"],
    [1.234, "1.23"],
    [9.994, "9.99"],
    [12.34, "12.3"],
    [99.94, "99.9"],
    [100, "100"],
    [1530.4, "1530"],
    [1530.5, "1531"],
    [65_000.2, "65000"],
  ];
  for (const [ms, text] of cases) assertEquals(formatMs(ms), text, String(ms));
});

Deno.test("formatPercent: a fraction as a percentage with two decimals", () => {
  const cases: [number, string][] = [
    [0, "0%"],
    [0.00005, "<0.01%"],
    [0.0001, "0.01%"],
    [0.0025, "0.25%"],
    [0.123456, "12.35%"],
    [0.5, "50.00%"],
    [1, "100.00%"],
  ];
  for (const [fraction, text] of cases) assertEquals(formatPercent(fraction), text, String(fraction));
});

Deno.test("alignColumns: first column left-aligned, the rest right-aligned, two spaces apart", () => {
  assertEquals(alignColumns([["a", "bb"], ["ccc", "d"]]), ["a    bb", "ccc   d"]);
  assertEquals(alignColumns([["Name", "N"], ["x", "1000"], ["longer", "7"]]), [
    "Name       N",
    "x       1000",
    "longer     7",
  ]);
  // A single left-aligned column carries no trailing spaces.
  assertEquals(alignColumns([["x"], ["long"]]), ["x", "long"]);
  // A missing trailing cell leaves no trailing spaces either.
  assertEquals(alignColumns([["a", "b"], ["cc"]]), ["a   b", "cc"]);
});
