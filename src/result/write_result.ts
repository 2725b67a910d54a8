/** Where results go: `<out>/<UTC stamp>-<scenario>/result.json` (design §1, results directory). */
import { ExitCode, PerfError } from "../errors.ts";
import type { RunResult } from "../model/result.ts";

export const DEFAULT_OUT_DIR = "reports/performance";

/** `2026-11-25T06:15:30.123Z` -> `20261125T061530Z`. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** A file-system-safe version of a scenario name. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "scenario";
}

/**
 * Creates the run directory before any load is sent, so an unwritable output fails fast instead of
 * after a long run. Adds `-2`, `-3`... when two runs share a second. `prefix` goes before the stamp
 * (`merged-` for `perf merge`).
 */
export async function createRunDir(
  outDir: string,
  scenario: string,
  startedAt: Date,
  prefix = "",
): Promise<string> {
  const base = `${outDir.replace(/\/+$/, "")}/${prefix}${utcStamp(startedAt)}-${safeName(scenario)}`;
  try {
    await Deno.mkdir(outDir, { recursive: true });
    for (let n = 1; n < 1000; n++) {
      const dir = n === 1 ? base : `${base}-${n}`;
      try {
        await Deno.mkdir(dir);
        return dir;
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      }
    }
  } catch (error) {
    throw new PerfError(
      `Cannot write results to "${outDir}": ${error instanceof Error ? error.message : error}`,
      ExitCode.usage,
      "choose another directory with -o DIR",
    );
  }
  throw new PerfError(`Cannot create a run directory under "${outDir}": too many runs in one second`);
}

export function resultJson(result: RunResult): string {
  return JSON.stringify(result, null, 2) + "\n";
}

/** Writes atomically (temp file + rename) so a crash or second Ctrl-C never leaves half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(temp, text);
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
