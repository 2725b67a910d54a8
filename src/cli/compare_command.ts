/**
 * `perf compare BASE NEW`: the regression diff of two results (a result.json, or a run directory holding
 * one). Exit 99 when the new run regressed past the tolerance, 0 otherwise; a file that cannot be read or
 * is not a perf result is an input error (exit 2), named in the message.
 */
import { ExitCode } from "../errors.ts";
import {
  compareResults,
  formatCompareMarkdown,
  formatCompareText,
  parseTolerance,
} from "../report/compare.ts";
import { readResultFile } from "../result/read_result.ts";
import { type CliIo, useColor } from "./io.ts";

export interface CompareFlags {
  /** As typed: `10%`, `0.1`, `5 %`. */
  tolerance?: string;
  format?: "text" | "markdown";
}

export const DEFAULT_TOLERANCE = "10%";

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
