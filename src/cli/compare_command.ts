/**
 * `perf compare BASE NEW`: the regression diff of two results (a result.json, or a run directory holding
 * one). Exit 99 when the new run regressed past the tolerance, 0 otherwise; a file that cannot be read or
 * is not a perf result is an input error (exit 104, as for an unreadable config), named in the message.
 */
import { describeReadError } from "../config/load_config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import {
  compareResults,
  formatCompareMarkdown,
  formatCompareText,
  parseTolerance,
} from "../report/compare.ts";
import { RESULT_SCHEMA_VERSION, type RunResult } from "../result/types.ts";
import { type CliIo, useColor } from "./io.ts";

export interface CompareFlags {
  /** As typed: `10%`, `0.1`, `5 %`. */
  tolerance?: string;
  format?: "text" | "markdown";
}

export const DEFAULT_TOLERANCE = "10%";
/** The latencies compare reads (whether judged or only shown). */
const COMPARED_LATENCIES = ["p50", "p95", "p99", "max"];

const inputError = (path: string, why: string, hint?: string) =>
  new PerfError(`Cannot read result "${path}": ${why}`, ExitCode.invalidConfig, hint);

/** A run directory stands for the result.json inside it. */
async function resultFilePath(path: string): Promise<string> {
  try {
    const info = await Deno.stat(path);
    return info.isDirectory ? `${path.replace(/\/+$/, "")}/result.json` : path;
  } catch (error) {
    throw inputError(path, describeReadError(error));
  }
}

/** The first field a result must have but `value` lacks, or undefined when it looks like a RunResult. */
export function missingResultField(value: unknown): string | undefined {
  const at = (path: string) =>
    path.split(".").reduce<unknown>(
      (
        node,
        key,
      ) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
  const numbers = ["schema_version", "summary.requests", "summary.rps", "summary.error_rate"];
  const latencies = COMPARED_LATENCIES.map((p) => `summary.latency_ms.${p}`);
  const missing = [...numbers, ...latencies].find((path) => typeof at(path) !== "number") ??
    ["run.id", "run.scenario"].find((path) => typeof at(path) !== "string") ??
    ["endpoints", "thresholds"].find((path) => !Array.isArray(at(path)));
  if (missing) return missing;
  const endpoints = at("endpoints") as unknown[];
  const bad = endpoints.findIndex((e) => missingEndpointField(e) !== undefined);
  return bad === -1 ? undefined : `endpoints[${bad}].${missingEndpointField(endpoints[bad])}`;
}

function missingEndpointField(e: unknown): string | undefined {
  if (e === null || typeof e !== "object") return "(an object)";
  const o = e as Record<string, unknown>;
  const latency = (o.latency_ms ?? {}) as Record<string, unknown>;
  const p = COMPARED_LATENCIES.find((k) => typeof latency[k] !== "number");
  return ["method", "name"].find((k) => typeof o[k] !== "string") ??
    ["requests", "rps", "error_rate"].find((k) => typeof o[k] !== "number") ??
    (p === undefined ? undefined : `latency_ms.${p}`);
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
  const missing = missingResultField(value);
  if (missing) {
    throw inputError(
      file,
      `not a perf result (missing or wrong ${missing})`,
      "pass a result.json of perf run",
    );
  }
  const result = value as RunResult;
  if (result.schema_version > RESULT_SCHEMA_VERSION) {
    throw inputError(
      file,
      `written by a newer perf (schema_version ${result.schema_version}; this perf reads ${RESULT_SCHEMA_VERSION})`,
    );
  }
  return result;
}

export async function compareCommand(
  basePath: string,
  newPath: string,
  flags: CompareFlags,
  io: CliIo,
): Promise<number> {
  // The tolerance is checked first: a typo there should not wait on reading files.
  const tolerance = parseTolerance(flags.tolerance ?? DEFAULT_TOLERANCE);
  const [base, next] = await Promise.all([readResultFile(basePath), readResultFile(newPath)]);
  const model = compareResults(base, next, { tolerance });
  io.stdout(
    flags.format === "markdown"
      ? formatCompareMarkdown(model)
      : formatCompareText(model, { color: useColor(io) }),
  );
  return model.regressed ? ExitCode.thresholdsFailed : ExitCode.ok;
}
