/** `perf data generate --fields SPEC --count N [-o FILE] [--format csv|json] [--seed N]`. */
import { generateRows, parseFieldSpecs, toCsv, toJson } from "../data/generate.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { seededRandom } from "../plan/weighted.ts";
import { writeFileAtomic } from "../result/write_result.ts";
import type { CliIo } from "./io.ts";

export interface DataGenerateFlags {
  fields: string;
  count: number;
  out?: string;
  format?: "csv" | "json";
  seed?: number;
}

/** CSV unless asked, or unless the output file ends in .json. */
export function outputFormat(flags: Pick<DataGenerateFlags, "out" | "format">): "csv" | "json" {
  return flags.format ?? (flags.out?.toLowerCase().endsWith(".json") ? "json" : "csv");
}

export async function dataGenerateCommand(flags: DataGenerateFlags, io: CliIo): Promise<number> {
  const fields = parseFieldSpecs(flags.fields);
  const seed = flags.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  const rows = generateRows(fields, flags.count, seededRandom(seed));
  const header = fields.map((f) => f.name);
  const text = outputFormat(flags) === "json" ? toJson(rows) : toCsv(rows, header);
  if (!flags.out || flags.out === "-") {
    io.stdout(text);
    return ExitCode.ok;
  }
  try {
    await writeFileAtomic(flags.out, text);
  } catch (error) {
    throw new PerfError(`Cannot write "${flags.out}": ${(error as Error).message}`, ExitCode.usage);
  }
  io.stderr(`perf: wrote ${rows.length} rows (${header.join(", ")}) to ${flags.out} (seed ${seed})\n`);
  return ExitCode.ok;
}
