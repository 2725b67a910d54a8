/**
 * `perf merge FILE... [-o DIR]`: merges the results of a run's segments (`perf run --segment i/n`) into
 * one result (src/result/merge.ts), writes `DIR/result.json` and its report, prints the text summary
 * and returns the merged verdict: 0, 99 when a threshold fails on the merged figures, 105 when a segment
 * was interrupted. Inputs are result.json files or run directories; one that cannot be read or is not a
 * result (exit 2), or that belongs to another run (exit 104), is an input error naming the file. Without
 * `-o` the merged run goes to `reports/performance/merged-<UTC stamp>-<scenario>/`.
 */
import { ExitCode, PerfError } from "../errors.ts";
import { writeReportSafely } from "./execute.ts";
import { renderTextSummary } from "../report/text_summary.ts";
import { mergeResults, mergeWarnings } from "../result/merge.ts";
import { readResultFile, resultFilePath } from "../result/read_result.ts";
import type { RunResult } from "../model/result.ts";
import { createRunDir, DEFAULT_OUT_DIR, resultJson, writeFileAtomic } from "../result/write_result.ts";
import { type CliIo, useColor, warn } from "./io.ts";

export interface MergeFlags {
  /** The directory to write the merged run into (created if missing). */
  out?: string;
}

export async function mergeCommand(files: string[], flags: MergeFlags, io: CliIo): Promise<number> {
  if (files.length === 0) {
    throw new PerfError(
      "perf merge needs at least one result",
      ExitCode.usage,
      "perf merge A.json B.json -o DIR",
    );
  }
  const paths = await Promise.all(files.map(resultFilePath));
  const results = await Promise.all(files.map(readResultFile));
  const merged = mergeResults(results, { names: paths });
  for (const warning of mergeWarnings(results, paths)) warn(io, warning);
  const dir = await mergedRunDir(flags.out, merged, paths);
  await writeFileAtomic(`${dir}/result.json`, resultJson(merged));
  const report = await writeReportSafely(dir, merged, io);
  io.stderr(`perf: merged ${describeInputs(results)} of "${merged.run.scenario}"\n`);
  io.stdout(renderTextSummary(merged, { color: useColor(io) }));
  io.stdout(`Results: ${dir}/result.json\n`);
  if (report) io.stdout(`Report:  ${report}\n`);
  return merged.exit_code;
}

/** `3 segments (1/3, 2/3, 3/3)`, or `2 results` when they carry no segment labels. */
function describeInputs(results: readonly RunResult[]): string {
  const labels = results.map((r) => r.run.segment).filter((l) => l !== undefined);
  const n = results.length;
  return labels.length === n ? `${n} segment${n === 1 ? "" : "s"} (${labels.join(", ")})` : `${n} results`;
}

/**
 * The directory of the merged run: `-o DIR` as given (never one of the inputs' own run directories), or a
 * new `merged-<stamp>-<scenario>` under the default results directory (`-2`, `-3`... when taken).
 */
async function mergedRunDir(
  out: string | undefined,
  merged: RunResult,
  inputs: string[],
): Promise<string> {
  if (out !== undefined) {
    const dir = out.length > 1 ? out.replace(/\/+$/, "") : out;
    await ensureDir(dir);
    const target = await canonical(`${dir}/result.json`);
    const inputPaths = await Promise.all(inputs.map(canonical));
    const clash = inputPaths.findIndex((p) => p === target);
    if (clash !== -1) {
      throw new PerfError(
        `Cannot write the merged result to "${dir}": it would overwrite the input "${inputs[clash]}"`,
        ExitCode.usage,
        "choose another directory with -o DIR",
      );
    }
    return dir;
  }
  return await createRunDir(DEFAULT_OUT_DIR, merged.run.scenario, new Date(merged.run.started_at), "merged-");
}

/** Creates `dir` (and its parents) if missing; a failure is a usage error. */
async function ensureDir(dir: string): Promise<void> {
  try {
    await Deno.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new PerfError(
      `Cannot write the merged result to "${dir}": ${error instanceof Error ? error.message : error}`,
      ExitCode.usage,
      "choose another directory with -o DIR",
    );
  }
}

/** The real path of a file, or of its directory plus its name when the file does not exist yet. */
async function canonical(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch {
    const slash = path.lastIndexOf("/");
    const dir = slash < 0 ? "." : path.slice(0, slash) || "/";
    const real = await Deno.realPath(dir).catch(() => dir);
    return `${real}/${path.slice(slash + 1)}`;
  }
}
