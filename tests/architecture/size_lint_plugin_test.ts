import plugin, { inScope, MAX_FUNCTION_LINES } from "./size_lint_plugin.ts";
import { assertEquals } from "../helpers/assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const longFunction = `export function long() {\n${"  let x = 1;\n".repeat(MAX_FUNCTION_LINES - 1)}}\n`;
const shortFunction = `export function short() {\n${"  let x = 1;\n".repeat(MAX_FUNCTION_LINES - 2)}}\n`;

Deno.test("size lint: a function over 60 lines in src/ is reported with its name, one of 60 is not", () => {
  const long = Deno.lint.runPlugin(plugin, `${ROOT}src/x.ts`, longFunction);
  assertEquals(long.map((d) => d.id), ["perf-size/max-function-lines"]);
  assertEquals(long[0]!.message, "function long has 61 lines (at most 60): split it");
  assertEquals(Deno.lint.runPlugin(plugin, `${ROOT}src/x.ts`, shortFunction), []);
});

Deno.test("size lint: a file over 400 lines in templates/ is reported", () => {
  const file = "export const a = 1;\n".repeat(401);
  const found = Deno.lint.runPlugin(plugin, `${ROOT}templates/x.tsx`, file);
  assertEquals(found.map((d) => d.id), ["perf-size/max-file-lines"]);
});

Deno.test("size lint: only src/ and templates/ are held to the limits", () => {
  assertEquals(inScope(`${ROOT}src/cli/run_command.ts`), true);
  assertEquals(inScope(`${ROOT}templates/report/run_report.tsx`), true);
  assertEquals(inScope(`${ROOT}tests/cli/run_command_test.ts`), false);
  assertEquals(Deno.lint.runPlugin(plugin, `${ROOT}tests/x_test.ts`, longFunction), []);
});
