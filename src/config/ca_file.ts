/** Reads a PEM file of extra trusted CAs named by a setting, before any load, so a wrong path fails fast. */
import { ExitCode, PerfError } from "../errors.ts";

export async function readCaFile(path: string, setting: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound ? "file not found" : String(error);
    throw new PerfError(`Cannot read ${setting} "${path}": ${why}`, ExitCode.usage);
  }
}
