/**
 * Loads a custom user module (a `.ts`/`.js` file exporting a user definition) and checks its shape, so
 * a broken module fails before any load with its file and line, not inside the workers.
 */
import { ExitCode, PerfError } from "../errors.ts";
import type { UserDefinition } from "./api.ts";

/** The absolute file URL of a module path given relative to `baseDir`. */
export function moduleUrl(path: string, baseDir: string): string {
  const dir = baseDir.startsWith("/") ? baseDir : `${Deno.cwd()}/${baseDir}`;
  return new URL(path, `file://${dir.replace(/\/*$/, "/")}`).href;
}

/** The problems with a module's export, empty when it is a usable user definition. */
export function definitionProblems(value: unknown): string[] {
  if (value === null || typeof value !== "object") {
    return ["it must `export default` a user definition (an object with `tasks`)"];
  }
  const tasks = (value as { tasks?: unknown }).tasks;
  if (!Array.isArray(tasks) || tasks.length === 0) return ["`tasks` must be a non-empty array"];
  return tasks.flatMap((task, i) => {
    if (typeof task === "function") return [];
    if (task && typeof task === "object" && typeof (task as { run?: unknown }).run === "function") return [];
    return [`tasks[${i}] must be a function or an object with a \`run\` function`];
  });
}

export function pickDefinition(module: Record<string, unknown>): unknown {
  return module.default ?? module.user;
}

/** Imports the module (syntax errors come back with file:line:col) and validates its definition. */
export async function loadUserModule(url: string): Promise<UserDefinition> {
  let module: Record<string, unknown>;
  try {
    module = await import(url);
  } catch (error) {
    // One line: "SyntaxError: Expression expected at file:///…/user.ts:1:29", never a stack trace.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*at /g, " at ");
    throw new PerfError(
      `Cannot load user module ${url.replace("file://", "")}: ${message}`,
      ExitCode.invalidConfig,
    );
  }
  const definition = pickDefinition(module);
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    throw new PerfError(
      `User module ${url.replace("file://", "")}: ${problems.join("; ")}`,
      ExitCode.invalidConfig,
      "see src/user/api.ts: export default defineUser({ tasks: [...] })",
    );
  }
  return definition as UserDefinition;
}
