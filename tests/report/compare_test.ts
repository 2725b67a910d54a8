import {
  compareFigures,
  type CompareOptions,
  compareResults,
  formatChange,
  formatCompareMarkdown,
  formatCompareText,
  type MetricDelta,
  type MetricName,
  parseTolerance,
  relativeChange,
  type Verdict,
} from "../../src/report/compare.ts";
import { PerfError } from "../../src/errors.ts";
import type { RunResult, StatsFigures, ThresholdResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";
import { statsFigures, ZERO_LATENCY } from "../helpers/fixtures.ts";

const FIXTURE = new URL("../fixtures/results/demo_short.json", import.meta.url);
const demo: RunResult = JSON.parse(await Deno.readTextFile(FIXTURE));
const OPTS: CompareOptions = { tolerance: 0.1 };
const ESC = "\x1b";

/** A deep copy of the demo result, changed by `edit`. */
function variant(edit: (r: RunResult) => void): RunResult {
  const copy: RunResult = structuredClone(demo);
  edit(copy);
  return copy;
}

function figures(overrides: Partial<StatsFigures> & { p?: Partial<StatsFigures["latency_ms"]> } = {}) {
  const { p, ...rest } = overrides;
  return statsFigures({
    requests: 1000,
    rps: 100,
    error_rate: 0.01,
    latency_ms: { ...ZERO_LATENCY, p50: 10, p95: 50, p99: 80, max: 200, ...p },
    ...rest,
  });
}

function metric(base: StatsFigures, next: StatsFigures, name: MetricName): MetricDelta {
  return compareFigures("x", base, next, OPTS).metrics.find((m) => m.metric === name)!;
}

/** name, metric, base, new, expected verdict, expected judged. */
type VerdictCase = [string, MetricName, StatsFigures, StatsFigures, Verdict, boolean];

const VERDICT_CASES: VerdictCase[] = [
  ["p95 +30%", "p95", figures(), figures({ p: { p95: 65 } }), "regression", true],
  ["p95 +5% within tolerance", "p95", figures(), figures({ p: { p95: 52.5 } }), "same", true],
  ["p95 -30%", "p95", figures(), figures({ p: { p95: 35 } }), "improvement", true],
  ["p99 +20%", "p99", figures(), figures({ p: { p99: 96 } }), "regression", true],
  ["p50 +50% shown, not judged", "p50", figures(), figures({ p: { p50: 15 } }), "regression", false],
  ["max doubles, not judged", "max", figures(), figures({ p: { max: 400 } }), "regression", false],
  [
    "latency under the absolute floor",
    "p95",
    figures({ p: { p95: 0.1 } }),
    figures({ p: { p95: 0.3 } }),
    "same",
    true,
  ],
  ["rps -20%", "rps", figures(), figures({ rps: 80 }), "regression", true],
  ["rps +20%", "rps", figures(), figures({ rps: 120 }), "improvement", true],
  ["rps from zero", "rps", figures({ requests: 0, rps: 0 }), figures(), "improvement", false],
  ["requests never judged", "requests", figures(), figures({ requests: 10 }), "regression", false],
  [
    "error rate 0 -> 0.0001 (under the floor)",
    "error_rate",
    figures({ error_rate: 0 }),
    figures({ error_rate: 0.0001 }),
    "same",
    true,
  ],
  [
    "error rate 0 -> 1%",
    "error_rate",
    figures({ error_rate: 0 }),
    figures({ error_rate: 0.01 }),
    "regression",
    true,
  ],
  [
    "error rate +90% relative but +0.09 pp",
    "error_rate",
    figures({ error_rate: 0.001 }),
    figures({ error_rate: 0.0019 }),
    "same",
    true,
  ],
  [
    "error rate +4% relative, +0.2 pp",
    "error_rate",
    figures({ error_rate: 0.05 }),
    figures({ error_rate: 0.052 }),
    "same",
    true,
  ],
  ["error rate 1% -> 0", "error_rate", figures(), figures({ error_rate: 0 }), "improvement", true],
  [
    "base sent nothing: latencies not judged",
    "p95",
    figures({ requests: 0, p: { p95: 0 } }),
    figures(),
    "regression",
    false,
  ],
  [
    "new sent nothing: latencies not judged",
    "p99",
    figures(),
    figures({ requests: 0, p: { p99: 0 } }),
    "improvement",
    false,
  ],
  ["both zero", "p95", figures({ p: { p95: 0 } }), figures({ p: { p95: 0 } }), "same", true],
];

for (const [name, metricName, base, next, verdict, judged] of VERDICT_CASES) {
  Deno.test(`compareFigures: ${name}`, () => {
    const m = metric(base, next, metricName);
    assertEquals({ verdict: m.verdict, judged: m.judged }, { verdict, judged });
  });
}

Deno.test("compareFigures: a subject regresses only on judged metrics", () => {
  assertEquals(compareFigures("x", figures(), figures({ p: { p50: 30, max: 900 } }), OPTS).regressed, false);
  assertEquals(compareFigures("x", figures(), figures({ p: { p99: 100 } }), OPTS).regressed, true);
});

Deno.test("relativeChange: zero baselines give 0 or null, never Infinity or NaN", () => {
  const cases: [number, number, number | null][] = [[100, 150, 0.5], [100, 50, -0.5], [0, 0, 0], [
    0,
    3,
    null,
  ]];
  for (const [base, next, expected] of cases) assertEquals(relativeChange(base, next), expected);
});

Deno.test("compareResults: identical runs do not regress", () => {
  const model = compareResults(demo, demo, OPTS);
  assertEquals(model.regressed, false);
  assertEquals(model.endpoints.map((e) => e.label), ["GET /api/items/", "POST /api/items/"]);
  assert([model.total, ...model.endpoints].every((s) => s.metrics.every((m) => m.verdict === "same")));
  assertEquals([model.added, model.removed, model.newlyFailing, model.notes], [[], [], [], []]);
});

Deno.test("compareResults: endpoints match by method and name; the rest are added or removed", () => {
  const next = variant((r) => {
    r.endpoints[1]!.method = "PUT";
    r.endpoints[0]!.latency_ms.p95 *= 2;
  });
  const model = compareResults(demo, next, OPTS);
  assertEquals(model.endpoints.map((e) => e.label), ["GET /api/items/"]);
  assertEquals(model.added, ["PUT /api/items/"]);
  assertEquals(model.removed, ["POST /api/items/"]);
  assertEquals(model.regressed, true);
  assertEquals(model.total.regressed, false);
});

const threshold = (name: string, ok: boolean, value: number): ThresholdResult => ({
  name,
  key: name.slice(name.lastIndexOf(" ") + 1),
  unit: "ms",
  threshold: "<= 100 ms",
  limit: 100,
  value,
  ok,
});

Deno.test("compareResults: thresholds that flipped pass -> fail regress; fail -> pass is reported", () => {
  const base = variant((r) => {
    r.thresholds = [threshold("response_time_p95", true, 50), threshold("response_time_p99", false, 150)];
  });
  const next = variant((r) => {
    r.thresholds = [
      threshold("response_time_p95", false, 120),
      threshold("response_time_p99", true, 90),
      threshold("GET /api/items/: response_time_max", false, 300), // new: no flip
    ];
  });
  const model = compareResults(base, next, OPTS);
  assertEquals(model.newlyFailing, [{
    name: "response_time_p95",
    unit: "ms",
    threshold: "<= 100 ms",
    base: 50,
    next: 120,
  }]);
  assertEquals(model.newlyPassing.map((t) => t.name), ["response_time_p99"]);
  assertEquals(model.regressed, true);
  assertMatch(
    formatCompareText(model, { color: false }),
    /Threshold now FAILS: response_time_p95 <= 100 ms \(was 50\.0 ms, now 120 ms\)/,
  );
});

Deno.test("compareResults: notes when scenarios differ or a run was interrupted", () => {
  const next = variant((r) => {
    r.run.scenario = "stress";
    r.run.status = "interrupted";
  });
  assertEquals(compareResults(demo, next, OPTS).notes, [
    'different scenarios: "demo" vs "stress"',
    "the new run was interrupted: partial results",
  ]);
});

const TOLERANCES: [string, number][] = [
  ["10%", 0.1],
  ["0.1", 0.1],
  ["5 %", 0.05],
  [" 2.5% ", 0.025],
  [".05", 0.05],
  ["0", 0],
  ["150%", 1.5],
];
for (const [text, expected] of TOLERANCES) {
  Deno.test(`parseTolerance(${JSON.stringify(text)}) = ${expected}`, () => {
    assertEquals(parseTolerance(text), expected);
  });
}

const BAD_TOLERANCES: [string, string][] = [
  ["", "expected a percentage"],
  ["abc", "expected a percentage"],
  ["-5%", "expected a percentage"],
  ["10%%", "expected a percentage"],
  ["10", "did you mean 10%?"],
];
for (const [text, message] of BAD_TOLERANCES) {
  Deno.test(`parseTolerance(${JSON.stringify(text)}) is a usage error`, () => {
    const error = assertThrows(() => parseTolerance(text), PerfError, message);
    assertEquals(error.exitCode, 2);
    assert(error.message.includes(JSON.stringify(text)), error.message);
  });
}

Deno.test("formatChange: arrows, signs and growth from zero", () => {
  const cases: [number | null, boolean, string][] = [
    [0.123, true, "▲ +12.3%"],
    [-0.04, true, "▼ -4.0%"],
    [0, true, "= 0.0%"],
    [null, true, "▲ from 0"],
    [0.25, false, "+25.0%"],
  ];
  for (const [change, arrows, expected] of cases) assertEquals(formatChange(change, arrows), expected);
});

const regressedModel = () => compareResults(demo, variant((r) => (r.summary.latency_ms.p95 *= 1.5)), OPTS);

Deno.test("formatCompareText: aligned, regressions marked, colour only when asked", () => {
  const plain = formatCompareText(regressedModel(), { color: false });
  assert(!plain.includes(ESC));
  assertMatch(plain, /^ {2}p95 ms +14\.9 +22\.3 +▲ \+50\.0% {2}REGRESSION$/m);
  assertMatch(plain, /^REGRESSION \(tolerance 10%\): Total p95 ms \+50\.0%$/m);
  // The header and every metric line end at the same column once the verdict word is taken off.
  const table = plain.split("\n").filter((l) => l.startsWith("  ") || l.includes("Change"));
  assertEquals(table.length, 1 + 3 * 7);
  const widths = new Set(table.map((l) => l.replace(/ {2}(REGRESSION|improved|\(.*\))$/, "").length));
  assertEquals(widths.size, 1, plain);
  assert(formatCompareText(regressedModel(), { color: true }).includes(`${ESC}[31m`));
  assertMatch(
    formatCompareText(compareResults(demo, demo, OPTS), { color: false }),
    /OK: no regression beyond the 10% tolerance\n$/,
  );
});

Deno.test("formatCompareMarkdown: verdict first, a well-formed table, cells escaped", () => {
  const next = variant((r) => {
    r.summary.latency_ms.p95 *= 1.5;
    r.endpoints[0]!.name = "/a?b=<1>&c|d";
  });
  const base = variant((r) => (r.endpoints[0]!.name = "/a?b=<1>&c|d"));
  const md = formatCompareMarkdown(compareResults(base, next, OPTS));
  const lines = md.split("\n");
  assertMatch(lines[0]!, /^❌ \*\*REGRESSION \(tolerance 10%\): Total p95 ms \+50\.0%\*\*$/);
  const table = lines.filter((l) => l.startsWith("|"));
  // Every row has the header's 6 cells: unescaped pipes only delimit.
  for (const row of table) assertEquals(row.split(/(?<!\\)\|/).length - 2, 6, row);
  assert(md.includes("**GET /a?b=\\<1\\>&c\\|d**"), md);
  assertMatch(md, /\| {2}\| p95 ms \| 14\.9 \| 22\.3 \| ▲ \+50\.0% \| 🔴 \*\*regression\*\* \|/);
  assertMatch(formatCompareMarkdown(compareResults(demo, demo, OPTS)), /^✅ \*\*OK: no regression/);
});
