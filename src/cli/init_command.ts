/**
 * `perf init [DIR]`: scaffolds a config (YAML tasks, a flow with test data), a TypeScript user and the
 * user API's types beside it, ready to run against `perf demo --serve`. Never overwrites a file.
 */
import { INIT_TEMPLATES, USER_API_SOURCE } from "../assets/embedded.ts";
import { ExitCode, PerfError } from "../errors.ts";
import type { CliIo } from "./io.ts";

/** A template of templates/init/, embedded by `deno task assets` (never read from the source tree). */
function template(name: string): string {
  const text = INIT_TEMPLATES[name];
  if (text === undefined) throw new Error(`templates/init/${name} is not embedded; run \`deno task assets\``);
  return text;
}

/** What `perf init` writes: target path (relative to DIR) and its text. */
export const INIT_FILES: readonly [string, string][] = [
  ["perf.yaml", template("perf.yaml")],
  ["users/items_user.ts", template("items_user.ts.template")],
  ["users/perf_user_api.ts", USER_API_SOURCE],
  ["data/items.csv", template("items.csv")],
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
  const targets = INIT_FILES.map(([name, text]) => ({
    path: `${dir.replace(/\/+$/, "")}/${name}`,
    text,
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
    await Deno.writeTextFile(t.path, t.text, { createNew: true });
    io.stdout(`created ${t.path}\n`);
  }
  io.stdout(
    `\nNext: perf demo --serve --port 8000   (in another terminal)\n` +
      `      perf run -c ${dir}/perf.yaml -s items    (YAML tasks and a flow)\n` +
      `      perf run -c ${dir}/perf.yaml -s custom   (the TypeScript user)\n`,
  );
  return ExitCode.ok;
}
