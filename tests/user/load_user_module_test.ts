import { assertEquals } from "../helpers/assert.ts";
import { definitionProblems, moduleUrl } from "../../src/user/load_user_module.ts";

Deno.test("moduleUrl: a module path is relative to the config's directory, absolute or not", () => {
  assertEquals(moduleUrl("users/a.ts", "/srv/perf/"), "file:///srv/perf/users/a.ts");
  assertEquals(moduleUrl("users/a.ts", "/srv/perf"), "file:///srv/perf/users/a.ts");
  assertEquals(moduleUrl("../b.ts", "/srv/perf"), "file:///srv/b.ts");
  assertEquals(moduleUrl("/abs/c.ts", "/srv/perf"), "file:///abs/c.ts");
  assertEquals(moduleUrl("d.ts", "."), new URL("d.ts", `file://${Deno.cwd()}/`).href);
});

Deno.test("definitionProblems: what a user module must export", () => {
  assertEquals(definitionProblems({ tasks: [() => {}, { run() {} }] }), []);
  assertEquals(definitionProblems(undefined), [
    "it must `export default` a user definition (an object with `tasks`)",
  ]);
  assertEquals(definitionProblems({ tasks: [] }), ["`tasks` must be a non-empty array"]);
  assertEquals(definitionProblems({ tasks: [42] }), [
    "tasks[0] must be a function or an object with a `run` function",
  ]);
});
