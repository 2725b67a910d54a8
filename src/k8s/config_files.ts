/**
 * The files a config reads besides itself, for the ConfigMap of `perf k8s`: every `test_data` file and
 * the scenario's TypeScript user with the modules it imports by relative path (found with a regular
 * expression over the source: enough for `import ... from "./x.ts"`, not for computed imports). Paths
 * are relative to the config's directory, as perf run resolves them.
 *
 * @module
 */
import { describeReadError } from "../config/load_config.ts";
import type { PerfConfig, ScenarioConfig } from "../model/config.ts";
import { ExitCode, PerfError } from "../errors.ts";

export interface ConfigFiles {
  /** Path relative to the config's directory -> text. */
  files: Record<string, string>;
  warnings: string[];
}

const RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"'\n]+)["']|^\s*import\s*["'](\.{1,2}\/[^"'\n]+)["']/gm;

/** Relative module specifiers imported by `source` (static, side-effect and literal dynamic imports). */
export function relativeImports(source: string): string[] {
  return [...source.matchAll(RELATIVE_IMPORT)].map((m) => (m[1] ?? m[2])!);
}

/** `a/b/../c.ts` -> `a/c.ts`; undefined when it leaves the config's directory. */
function normalizeRelative(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") out.push(part);
    else if (out.pop() === undefined) return undefined;
  }
  return out.length === 0 ? undefined : out.join("/");
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

/** Reads the files `config` (at `configPath`) needs to run `scenario` (undefined for a preset). */
export async function collectConfigFiles(
  configPath: string,
  config: PerfConfig,
  scenario: ScenarioConfig | undefined,
): Promise<ConfigFiles> {
  const baseDir = dirOf(configPath);
  const files: Record<string, string> = {};
  const warnings: string[] = [];
  const read = async (rel: string, what: string) => {
    try {
      files[rel] = await Deno.readTextFile(`${baseDir}${rel}`);
    } catch (error) {
      throw new PerfError(
        `Cannot read ${what} "${rel}": ${describeReadError(error)}`,
        ExitCode.invalidConfig,
      );
    }
  };
  const outside = (what: string, path: string) =>
    new PerfError(
      `${what} "${path}" is outside the config's directory, so the ConfigMap cannot hold it`,
      ExitCode.usage,
      "move it next to the config (or below it), or build it into the image and give its absolute path",
    );

  for (const [name, source] of Object.entries(config.test_data ?? {})) {
    const file = (source as { file?: unknown } | null)?.file;
    if (typeof file !== "string" || file.startsWith("/")) continue;
    const rel = normalizeRelative(file);
    if (rel === undefined) throw outside(`test_data.${name}.file`, file);
    if (!(rel in files)) await read(rel, `test_data.${name}.file`);
  }

  const user = scenario?.user;
  if (user === undefined || user.startsWith("/")) return { files, warnings };
  const first = normalizeRelative(user);
  if (first === undefined) throw outside("The user module", user);
  const queue = [first];
  await read(first, "the user module");
  while (queue.length > 0) {
    const module = queue.shift()!;
    for (const specifier of relativeImports(files[module]!)) {
      const rel = normalizeRelative(`${dirOf(module)}${specifier}`);
      if (rel === undefined) {
        warnings.push(`${module} imports "${specifier}" from outside the config's directory: not mounted`);
      } else if (!(rel in files)) {
        await read(rel, `the module imported by ${module}`);
        queue.push(rel);
      }
    }
  }
  return { files, warnings };
}
