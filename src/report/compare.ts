/**
 * `perf compare`: a regression diff of two results (design §1). Pure: the model from two RunResults, then
 * text (terminal) and GitHub-flavoured markdown (pull requests) renderings of it.
 *
 * What decides `regressed` (p50 and max are shown but not judged: p50 hides the tail users feel, and max
 * is a single sample, too noisy to gate on; requests depend on the run's length):
 * - p95, p99: regression when they grow by more than the tolerance (and by more than a tiny absolute floor);
 * - rps: regression when it drops by more than the tolerance;
 * - error rate: regression when it grows by more than the tolerance relative AND by more than an absolute
 *   floor (0.1 percentage point), so 0 -> 0.0001 on a zero baseline is not a regression;
 * - any threshold that passed in the base and fails in the new run.
 */
import { ExitCode, PerfError } from "../errors.ts";
import type { RunResult, StatsFigures, ThresholdResult } from "../model/result.ts";
import { formatThresholdValue } from "../format/threshold_format.ts";
import type { ThresholdUnit } from "../model/threshold_key.ts";
import { formatMs, formatPercent } from "../format/format.ts";
import { alignColumns } from "./text_summary.ts";

export type Verdict = "regression" | "improvement" | "same";
export type MetricName = "requests" | "rps" | "error_rate" | "p50" | "p95" | "p99" | "max";

export interface CompareOptions {
  /** Relative change allowed before a verdict, as a fraction: 0.1 = 10%. */
  tolerance: number;
  /** Error-rate changes smaller than this (a fraction) are noise: 0.001 = 0.1 percentage point. */
  errorRateFloor?: number;
  /** Latency changes smaller than this (ms) are timer and scheduling noise whatever their ratio. */
  latencyFloorMs?: number;
}

export interface MetricDelta {
  metric: MetricName;
  base: number;
  next: number;
  /** (next - base) / base; 0 when both are 0; null when only the base is 0 (growth from nothing). */
  change: number | null;
  /** Beyond the tolerance, in the direction that is worse (regression) or better (improvement). */
  verdict: Verdict;
  /** Whether this metric counts towards `regressed` (p95, p99, rps, error rate with data on both sides). */
  judged: boolean;
}

export interface SubjectComparison {
  /** `GET /api/items/`, or `Total` for the whole run. */
  label: string;
  metrics: MetricDelta[];
  regressed: boolean;
}

/** A threshold present in both runs whose verdict changed. */
export interface ThresholdFlip {
  name: string;
  unit: ThresholdUnit;
  threshold: string;
  base: number;
  next: number;
}

export interface RunLabel {
  id: string;
  scenario: string;
  started_at: string;
}

export interface Comparison {
  base: RunLabel;
  next: RunLabel;
  tolerance: number;
  total: SubjectComparison;
  /** Endpoints in both runs, in the new run's order. */
  endpoints: SubjectComparison[];
  /** `METHOD name` of endpoints only in the new run / only in the base. */
  added: string[];
  removed: string[];
  /** Passed in the base, fail now (these are regressions) / failed in the base, pass now. */
  newlyFailing: ThresholdFlip[];
  newlyPassing: ThresholdFlip[];
  /** Caveats about the comparison itself (different scenarios, interrupted runs). */
  notes: string[];
  regressed: boolean;
}

const DEFAULT_ERROR_RATE_FLOOR = 0.001;
const DEFAULT_LATENCY_FLOOR_MS = 0.5;
const JUDGED: ReadonlySet<MetricName> = new Set(["rps", "error_rate", "p95", "p99"]);

/** Relative change; null stands for "from zero", which no ratio describes. */
export function relativeChange(base: number, next: number): number | null {
  if (base === 0) return next === 0 ? 0 : null;
  return (next - base) / base;
}

/** Verdict for a metric where lower is better, with an absolute floor below which nothing counts. */
function lowerIsBetter(base: number, next: number, tolerance: number, floor: number): Verdict {
  const change = relativeChange(base, next);
  if (Math.abs(next - base) <= floor) return "same";
  // From a zero base any growth past the floor is beyond every tolerance.
  if (change === null || change > tolerance) return "regression";
  return change < -tolerance ? "improvement" : "same";
}

function higherIsBetter(base: number, next: number, tolerance: number): Verdict {
  const change = relativeChange(base, next);
  if (change === null) return "improvement"; // something where there was nothing
  if (change < -tolerance) return "regression";
  return change > tolerance ? "improvement" : "same";
}

const METRICS: readonly MetricName[] = ["requests", "rps", "error_rate", "p50", "p95", "p99", "max"];

function valueOf(s: StatsFigures, metric: MetricName): number {
  return metric === "requests" || metric === "rps" || metric === "error_rate"
    ? s[metric]
    : s.latency_ms[metric];
}

/** Every metric of one subject (an endpoint or the total) in both runs. */
export function compareFigures(
  label: string,
  base: StatsFigures,
  next: StatsFigures,
  opts: CompareOptions,
): SubjectComparison {
  const { tolerance } = opts;
  const errorFloor = opts.errorRateFloor ?? DEFAULT_ERROR_RATE_FLOOR;
  const latencyFloor = opts.latencyFloorMs ?? DEFAULT_LATENCY_FLOOR_MS;
  const verdictOf = (metric: MetricName, b: number, n: number): Verdict =>
    metric === "requests" || metric === "rps"
      ? higherIsBetter(b, n, tolerance)
      : lowerIsBetter(b, n, tolerance, metric === "error_rate" ? errorFloor : latencyFloor);
  // A side that sent nothing has latencies and error rate 0, which would read as an improvement (or,
  // from the base, as a regression): only rps, which really fell to 0, is judged then.
  const bothSent = base.requests > 0 && next.requests > 0;
  const isJudged = (metric: MetricName) =>
    JUDGED.has(metric) && (metric === "rps" ? base.requests > 0 : bothSent);
  const metrics = METRICS.map((metric): MetricDelta => {
    const [b, n] = [valueOf(base, metric), valueOf(next, metric)];
    const change = relativeChange(b, n);
    return { metric, base: b, next: n, change, verdict: verdictOf(metric, b, n), judged: isJudged(metric) };
  });
  return { label, metrics, regressed: metrics.some((m) => m.judged && m.verdict === "regression") };
}

const endpointKey = (e: { method: string; name: string }) => `${e.method} ${e.name}`;

function thresholdFlips(base: ThresholdResult[], next: ThresholdResult[], nowOk: boolean): ThresholdFlip[] {
  const before = new Map(base.map((t) => [t.name, t]));
  return next.flatMap((t) => {
    const old = before.get(t.name);
    if (!old || old.ok === t.ok || t.ok !== nowOk) return [];
    return [{ name: t.name, unit: t.unit, threshold: t.threshold, base: old.value, next: t.value }];
  });
}

function comparisonNotes(base: RunResult, next: RunResult): string[] {
  const notes: string[] = [];
  if (base.run.scenario !== next.run.scenario) {
    notes.push(`different scenarios: "${base.run.scenario}" vs "${next.run.scenario}"`);
  }
  if (base.run.status === "interrupted") notes.push("the base run was interrupted: partial results");
  if (next.run.status === "interrupted") notes.push("the new run was interrupted: partial results");
  return notes;
}

const runLabel = (r: RunResult): RunLabel => ({
  id: r.run.id,
  scenario: r.run.scenario,
  started_at: r.run.started_at,
});

/** Compares `next` against `base`: per endpoint (matched by method and name), the total, thresholds. */
export function compareResults(base: RunResult, next: RunResult, opts: CompareOptions): Comparison {
  const baseEndpoints = new Map(base.endpoints.map((e) => [endpointKey(e), e]));
  const nextKeys = new Set(next.endpoints.map(endpointKey));
  const endpoints = next.endpoints.flatMap((e) => {
    const old = baseEndpoints.get(endpointKey(e));
    return old ? [compareFigures(endpointKey(e), old, e, opts)] : [];
  });
  const total = compareFigures("Total", base.summary, next.summary, opts);
  const newlyFailing = thresholdFlips(base.thresholds, next.thresholds, false);
  return {
    base: runLabel(base),
    next: runLabel(next),
    tolerance: opts.tolerance,
    total,
    endpoints,
    added: [...nextKeys].filter((k) => !baseEndpoints.has(k)),
    removed: [...baseEndpoints.keys()].filter((k) => !nextKeys.has(k)),
    newlyFailing,
    newlyPassing: thresholdFlips(base.thresholds, next.thresholds, true),
    notes: comparisonNotes(base, next),
    regressed: total.regressed || endpoints.some((e) => e.regressed) || newlyFailing.length > 0,
  };
}

/**
 * Parses a tolerance: `10%`, `5 %`, `0.1` (a bare number is a fraction). Throws a usage error otherwise.
 *
 * @example
 * ```ts
 * parseTolerance("10%"); // 0.1
 * parseTolerance("0.05"); // 0.05
 * ```
 */
export function parseTolerance(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  const bad = (why: string) =>
    new PerfError(`--tolerance ${JSON.stringify(text)}: ${why}`, ExitCode.usage, "e.g. --tolerance 10%");
  if (!match) throw bad("expected a percentage such as 10% or a fraction such as 0.1");
  const n = Number(match[1]);
  if (match[2] === "%") return n / 100;
  if (n > 1) throw bad(`a bare number is a fraction (0.1 = 10%); did you mean ${match[1]}%?`);
  return n;
}

// ---- rendering ----

const METRIC_LABELS: Record<MetricName, string> = {
  requests: "requests",
  rps: "req/s",
  error_rate: "error rate",
  p50: "p50 ms",
  p95: "p95 ms",
  p99: "p99 ms",
  max: "max ms",
};

export function formatMetricValue(metric: MetricName, value: number): string {
  if (metric === "requests") return String(value);
  if (metric === "rps") return value.toFixed(1);
  if (metric === "error_rate") return formatPercent(value);
  return formatMs(value);
}

/** `▲ +12.3%`, `▼ -4.0%`, `= 0.0%`; `▲ new` for growth from zero. Plain signs without arrows when asked. */
export function formatChange(change: number | null, arrows = true): string {
  if (change === null) return arrows ? "▲ from 0" : "+ from 0";
  const pct = change * 100;
  const text = `${pct > 0 ? "+" : ""}${pct.toFixed(1)}%`;
  if (!arrows) return text;
  return `${pct > 0.05 ? "▲" : pct < -0.05 ? "▼" : "="} ${text}`;
}

/** What a row says in its last column: judged verdicts loudly, unjudged ones in parentheses. */
function verdictWord(m: MetricDelta): string {
  if (m.verdict === "same") return "";
  if (!m.judged) return m.verdict === "regression" ? "(worse, not judged)" : "(better, not judged)";
  return m.verdict === "regression" ? "REGRESSION" : "improved";
}

export function tolerancePercent(tolerance: number): string {
  return `${Number((tolerance * 100).toPrecision(6))}%`;
}

/** Regressed rows, as `Total p95 ms +25.0%`, for the verdict line. */
function regressedItems(model: Comparison): string[] {
  const items = [model.total, ...model.endpoints].flatMap((s) =>
    s.metrics.filter((m) => m.judged && m.verdict === "regression")
      .map((m) => `${s.label} ${METRIC_LABELS[m.metric]} ${formatChange(m.change, false)}`)
  );
  return [...items, ...model.newlyFailing.map((t) => `threshold ${t.name} now fails`)];
}

/** One line: `REGRESSION (tolerance 10%): Total p95 ms +25.0%; …` or `OK: no regression beyond …`. */
export function verdictSummary(model: Comparison): string {
  const tolerance = tolerancePercent(model.tolerance);
  if (!model.regressed) return `OK: no regression beyond the ${tolerance} tolerance`;
  return `REGRESSION (tolerance ${tolerance}): ${regressedItems(model).join("; ")}`;
}

function runLine(label: string, r: RunLabel): string {
  return `${label} ${r.id} (${r.scenario}, ${r.started_at})`;
}

function flipLine(what: string, t: ThresholdFlip): string {
  const [was, now] = [formatThresholdValue(t.unit, t.base), formatThresholdValue(t.unit, t.next)];
  return `${what}: ${t.name} ${t.threshold} (was ${was}, now ${now})`;
}

/** Lines after the table: endpoints added or removed, threshold flips, notes. */
function extraLines(model: Comparison, mark = (s: string) => s): string[] {
  const lines: string[] = [];
  if (model.added.length > 0) lines.push(`Added endpoints (not compared): ${model.added.join(", ")}`);
  if (model.removed.length > 0) lines.push(`Removed endpoints: ${model.removed.join(", ")}`);
  for (const t of model.newlyFailing) {
    lines.push(mark(flipLine("Threshold now FAILS", t)));
  }
  for (const t of model.newlyPassing) {
    lines.push(flipLine("Threshold now passes", t));
  }
  for (const note of model.notes) lines.push(`Note: ${note}`);
  return lines;
}

const paint = (color: boolean, code: number, text: string) => color ? `\x1b[${code}m${text}\x1b[0m` : text;

interface TextRow {
  cells: string[];
  metric?: MetricDelta;
}

/** A subject's label on its own line, then one indented line per metric. */
function subjectRows(s: SubjectComparison): TextRow[] {
  return [
    { cells: [s.label] },
    ...s.metrics.map((m) => ({
      cells: [
        `  ${METRIC_LABELS[m.metric]}`,
        formatMetricValue(m.metric, m.base),
        formatMetricValue(m.metric, m.next),
        formatChange(m.change),
      ],
      metric: m,
    })),
  ];
}

/** Appends the verdict word after the aligned columns and paints the line by it. */
function finishRow(line: string, m: MetricDelta | undefined, color: boolean): string {
  if (!m || m.verdict === "same") return line;
  const text = `${line}  ${verdictWord(m)}`;
  if (!m.judged) return paint(color, 2, text);
  return paint(color, m.verdict === "regression" ? 31 : 32, text);
}

/** The comparison for a terminal: aligned columns, ▲/▼ changes, regressions marked (and red on colour). */
export function formatCompareText(model: Comparison, style: { color: boolean }): string {
  const rows = [
    { cells: ["", "Base", "New", "Change"] },
    ...[...model.endpoints, model.total].flatMap(subjectRows),
  ];
  const table = alignColumns(rows.map((r) => r.cells)).map((line, i) =>
    finishRow(line, rows[i]!.metric, style.color)
  );
  const verdict = paint(style.color, model.regressed ? 31 : 32, verdictSummary(model));
  const extra = extraLines(model, (s) => paint(style.color, 31, s));
  return [
    runLine("Base:", model.base),
    runLine("New: ", model.next),
    "",
    ...table,
    ...(extra.length > 0 ? ["", ...extra] : []),
    "",
    verdict,
  ].join("\n") + "\n";
}

/** Markdown table cells: pipes would end the cell, backticks and angle brackets would format. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`);
}

function markdownVerdict(m: MetricDelta): string {
  if (m.verdict === "same") return "";
  if (!m.judged) return `_${verdictWord(m).slice(1, -1)}_`;
  return m.verdict === "regression" ? "🔴 **regression**" : "🟢 improved";
}

function markdownRows(s: SubjectComparison): string[] {
  return s.metrics.map((m, i) => {
    const cells = [
      i === 0 ? `**${escapeMarkdownCell(s.label)}**` : "",
      METRIC_LABELS[m.metric],
      formatMetricValue(m.metric, m.base),
      formatMetricValue(m.metric, m.next),
      formatChange(m.change),
      markdownVerdict(m),
    ];
    return `| ${cells.join(" | ")} |`;
  });
}

/** The comparison for a pull request: a one-line verdict, then a GitHub-flavoured markdown table. */
export function formatCompareMarkdown(model: Comparison): string {
  const icon = model.regressed ? "❌" : "✅";
  const subjects = [...model.endpoints, model.total];
  const extra = extraLines(model).map((line) => `- ${escapeMarkdownCell(line)}`);
  return [
    `${icon} **${escapeMarkdownCell(verdictSummary(model))}**`,
    "",
    `Base \`${model.base.id}\` → new \`${model.next.id}\` (${escapeMarkdownCell(model.next.scenario)})`,
    "",
    "| Endpoint | Metric | Base | New | Change | Verdict |",
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...subjects.flatMap(markdownRows),
    ...(extra.length > 0 ? ["", ...extra] : []),
  ].join("\n") + "\n";
}
