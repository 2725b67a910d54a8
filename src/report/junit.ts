/**
 * JUnit XML of one or more runs, for CI test reporters (Jenkins, GitLab, GitHub): one `<testsuite>` per
 * scenario run, one `<testcase>` per threshold. Pure: results in, XML text out.
 *
 * A run with no thresholds still gets one `run` testcase, so it shows up; an interrupted run, or one that
 * ended with an error code, gets a `run` testcase carrying an `<error>`.
 */
import { ExitCode } from "../errors.ts";
import type { RunResult, ThresholdResult } from "../model/result.ts";
import { formatThresholdValue } from "../format/threshold_format.ts";

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // Attribute values are normalised by XML parsers: keep line breaks and tabs as written.
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

/** Characters XML 1.0 forbids anywhere, even escaped (control characters, lone surrogates, U+FFFE/F). */
const XML_INVALID =
  // deno-lint-ignore no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML attribute value or element content; drops characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD").replace(/[&<>"'\n\r\t]/g, (c) => XML_ENTITIES[c]!);
}

/** Escapes element content, where line breaks stay line breaks. */
function escapeText(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD").replace(/[&<>]/g, (c) => XML_ENTITIES[c]!);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join("");
}

/** Seconds with millisecond precision, as JUnit's `time` attribute wants them. */
const seconds = (s: number) => (Number.isFinite(s) && s > 0 ? s : 0).toFixed(3);

/** JUnit's timestamp has no zone (the Ant schema forbids one); ours are UTC. */
export function junitTimestamp(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, "");
}

/** `error_rate 1.04% (limit <= 0.5%)`: what was measured against what was allowed. */
export function thresholdMessage(t: ThresholdResult): string {
  return `${t.name} ${formatThresholdValue(t.unit, t.value)} (limit ${t.threshold})`;
}

interface Case {
  name: string;
  time: number;
  failure?: { message: string; type: string };
  error?: { message: string; type: string };
}

function thresholdCase(t: ThresholdResult): Case {
  if (t.ok) return { name: t.name, time: 0 };
  return { name: t.name, time: 0, failure: { message: thresholdMessage(t), type: "threshold" } };
}

/** The `run` testcase: an error when interrupted or ended with an error code; a pass when nothing else shows. */
function runCase(result: RunResult): Case | undefined {
  const { run, exit_code: code, thresholds } = result;
  const time = run.duration_s;
  if (run.status === "interrupted" || code === ExitCode.aborted) {
    const message = `run interrupted after ${run.duration_s.toFixed(1)}s: partial results`;
    return { name: "run", time, error: { message, type: "interrupted" } };
  }
  const outcomes: number[] = [ExitCode.ok, ExitCode.thresholdsFailed, ExitCode.thresholdAbort];
  if (thresholds.length === 0 && !outcomes.includes(code)) {
    return { name: "run", time, error: { message: `run ended with exit code ${code}`, type: "exit_code" } };
  }
  return thresholds.length === 0 ? { name: "run", time } : undefined;
}

function renderCase(c: Case, classname: string): string {
  const open = `    <testcase${attrs({ classname, name: c.name, time: seconds(c.time) })}`;
  const problem = c.failure
    ? ["failure", c.failure] as const
    : c.error
    ? ["error", c.error] as const
    : undefined;
  if (!problem) return `${open}/>`;
  const [tag, { message, type }] = problem;
  return `${open}>\n      <${tag}${attrs({ message, type })}>${
    escapeText(message)
  }</${tag}>\n    </testcase>`;
}

function renderProperties(result: RunResult): string[] {
  const { run } = result;
  const props: Record<string, string | number | undefined> = {
    base_url: run.base_url,
    engine: run.engine,
    users: run.users,
    rate: run.rate,
    model: run.model,
    test_type: run.test_type,
    run_id: run.id,
    status: run.status,
    exit_code: result.exit_code,
    perf_version: run.perf_version,
  };
  const lines = Object.entries(props).flatMap(([name, value]) =>
    value === undefined ? [] : [`      <property${attrs({ name, value })}/>`]
  );
  return ["    <properties>", ...lines, "    </properties>"];
}

function suiteCases(result: RunResult): Case[] {
  const run = runCase(result);
  return [...result.thresholds.map(thresholdCase), ...(run ? [run] : [])];
}

function renderSuite(result: RunResult, cases: Case[]): string {
  const { run } = result;
  const head = attrs({
    name: run.scenario,
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: 0,
    timestamp: junitTimestamp(run.started_at),
    time: seconds(run.duration_s),
  });
  return [
    `  <testsuite${head}>`,
    ...renderProperties(result),
    ...cases.map((c) => renderCase(c, `perf.${run.scenario}`)),
    "  </testsuite>",
  ].join("\n");
}

/**
 * JUnit XML for the runs of one `perf run` (one suite per scenario run).
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("junit.xml", renderJUnit([result]));
 * ```
 */
export function renderJUnit(results: RunResult[]): string {
  const suites = results.map((r) => ({ result: r, cases: suiteCases(r) }));
  const all = suites.flatMap((s) => s.cases);
  const head = attrs({
    name: "perf",
    tests: all.length,
    failures: all.filter((c) => c.failure).length,
    errors: all.filter((c) => c.error).length,
    time: seconds(results.reduce((sum, r) => sum + r.run.duration_s, 0)),
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${head}>`,
    ...suites.map((s) => renderSuite(s.result, s.cases)),
    "</testsuites>",
    "",
  ].join("\n");
}
