/**
 * Reads a result.json back (compare, report, merge): a run directory stands for the result.json inside
 * it. The file is checked against the same zod schema `perf schema result` publishes
 * (src/model/result_schema.ts); every failure is a PerfError naming the file and, for a wrong shape, the
 * JSON path and what was expected there (exit 2, bad input), never a stack trace.
 */
import type { z } from "zod";
import { describeReadError } from "../config/load_config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { RESULT_SCHEMA_VERSION, type RunResult } from "../model/result.ts";
import { runResultSchema } from "../model/result_schema.ts";
import { upgradeResult } from "./upgrade_result.ts";

const inputError = (path: string, why: string, hint?: string) =>
  new PerfError(`Cannot read result "${path}": ${why}`, ExitCode.usage, hint);

/** A run directory stands for the result.json inside it. */
export async function resultFilePath(path: string): Promise<string> {
  try {
    const info = await Deno.stat(path);
    return info.isDirectory ? `${path.replace(/\/+$/, "")}/result.json` : path;
  } catch (error) {
    throw inputError(path, describeReadError(error));
  }
}

/** `["endpoints", 0, "latency_ms", "p50"]` → `endpoints[0].latency_ms.p50`; the root is `(the file)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  const text = path.map((key, i) =>
    typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`
  ).join("");
  return text || "(the file)";
}

/** What was expected where: `summary.requests: expected number, received undefined`. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatIssuePath(issue.path)}: ${issue.message}`;
}

/** Reads and checks one result file; every failure is a PerfError naming the file. */
export async function readResultFile(path: string): Promise<RunResult> {
  const file = await resultFilePath(path);
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    const hint = file !== path ? "a run directory must hold the result.json perf run wrote" : undefined;
    throw inputError(file, describeReadError(error), hint);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(file, `not valid JSON (${error instanceof Error ? error.message : error})`);
  }
  const version = value !== null && typeof value === "object"
    ? (value as Record<string, unknown>).schema_version
    : undefined;
  if (typeof version === "number" && version > RESULT_SCHEMA_VERSION) {
    throw inputError(
      file,
      `written by a newer perf (schema_version ${version}; this perf reads ${RESULT_SCHEMA_VERSION})`,
      "read it with the perf version that wrote it, or a newer one",
    );
  }
  if (typeof version === "number" && version < RESULT_SCHEMA_VERSION) {
    throw inputError(
      file,
      `written by an older perf (schema_version ${version}; this perf reads ${RESULT_SCHEMA_VERSION})`,
      "read it with the perf version that wrote it",
    );
  }
  upgradeResult(value);
  const parsed = runResultSchema.safeParse(value);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : "";
    throw inputError(
      file,
      `not a perf result: ${first ? describeIssue(first) : "invalid"}${more}`,
      "pass a result.json of perf run; `perf schema result` prints its JSON Schema",
    );
  }
  return parsed.data;
}
