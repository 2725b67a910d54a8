/**
 * Reads a result.json back (compare, report, merge): a run directory stands for the result.json inside
 * it; every failure is a PerfError naming the file (exit 104, as for an unreadable config), never a
 * stack trace. Only what readers rely on is checked, so older results with fewer optional fields load.
 */
import { describeReadError } from "../config/load_config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { RESULT_SCHEMA_VERSION, type RunResult } from "../model/result.ts";

/** The latencies readers use (compare judges some, reports draw all). */
const REQUIRED_LATENCIES = ["p50", "p95", "p99", "max"];

const inputError = (path: string, why: string, hint?: string) =>
  new PerfError(`Cannot read result "${path}": ${why}`, ExitCode.invalidConfig, hint);

/** A run directory stands for the result.json inside it. */
export async function resultFilePath(path: string): Promise<string> {
  try {
    const info = await Deno.stat(path);
    return info.isDirectory ? `${path.replace(/\/+$/, "")}/result.json` : path;
  } catch (error) {
    throw inputError(path, describeReadError(error));
  }
}

/** The first field a result must have but `value` lacks, or undefined when it looks like a RunResult. */
function missingResultField(value: unknown): string | undefined {
  const at = (path: string) =>
    path.split(".").reduce<unknown>(
      (
        node,
        key,
      ) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
  const numbers = ["schema_version", "summary.requests", "summary.rps", "summary.error_rate"];
  const latencies = REQUIRED_LATENCIES.map((p) => `summary.latency_ms.${p}`);
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
  const p = REQUIRED_LATENCIES.find((k) => typeof latency[k] !== "number");
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
