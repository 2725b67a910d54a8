/**
 * `perf init [DIR]`: scaffolds a config (YAML tasks, a flow with test data), a TypeScript user and the
 * user API's types beside it, ready to run against `perf demo --serve`. Never overwrites a file.
 */
import { ExitCode, PerfError } from "../errors.ts";
import type { CliIo } from "./io.ts";

const TEMPLATE = (name: string) => new URL(`../../templates/init/${name}`, import.meta.url);
const USER_API = new URL("../user/api.ts", import.meta.url);

/** What `perf init` writes: target path (relative to DIR) and where its text comes from. */
export const INIT_FILES: readonly [string, URL][] = [
  ["perf.yaml", TEMPLATE("perf.yaml")],
  ["users/items_user.ts", TEMPLATE("items_user.ts.template")],
  ["users/perf_user_api.ts", USER_API],
  ["data/items.csv", TEMPLATE("items.csv")],
];

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

export async function initCommand(dir: string, io: CliIo): Promise<number> {
  const targets = INIT_FILES.map(([name, source]) => ({
    path: `${dir.replace(/\/+$/, "")}/${name}`,
    source,
  }));
  const taken = [];
  for (const t of targets) if (await exists(t.path)) taken.push(t.path);
  if (taken.length > 0) {
    throw new PerfError(
      `perf init would overwrite ${taken.join(", ")}`,
      ExitCode.usage,
      "choose an empty directory",
    );
  }
  for (const t of targets) {
    await Deno.mkdir(t.path.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(t.path, await Deno.readTextFile(t.source), { createNew: true });
    io.stdout(`created ${t.path}\n`);
  }
  io.stdout(
    `\nNext: perf demo --serve --port 8000   (in another terminal)\n` +
      `      perf run -c ${dir}/perf.yaml -s items    (YAML tasks and a flow)\n` +
      `      perf run -c ${dir}/perf.yaml -s custom   (the TypeScript user)\n`,
  );
  return ExitCode.ok;
}
