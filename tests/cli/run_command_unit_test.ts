import { combineExitCodes, openFilesLimit } from "../../src/cli/run_command.ts";
import { applySets } from "../../src/plan/compile_plan.ts";
import { scenarioSchema } from "../../src/model/config.ts";
import { ExitCode, PerfError } from "../../src/errors.ts";
import { assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";

const BASE = scenarioSchema.parse({ users: 5, timeout: "30s", headers: { "X-A": "1" } });

Deno.test("applySets: valid values are parsed by the scenario schema", () => {
  const cases: [sets: string[], check: (s: ReturnType<typeof applySets>) => unknown, expected: unknown][] = [
    [["timeout=5s"], (s) => s.timeout, 5000],
    [["timeout=2"], (s) => s.timeout, 2000], // a bare number is seconds
    [["users=3"], (s) => s.users, 3],
    [[" users = 3 "], (s) => s.users, 3],
    [["users=3", "spawn_rate=0.5"], (s) => [s.users, s.spawn_rate], [3, 0.5]],
    [["users=3", "users=4"], (s) => s.users, 4], // the last one wins
    [["run_time=1m30s"], (s) => s.run_time, 90_000],
    [["wait_time=between(1, 3)"], (s) => s.wait_time, { kind: "between", min_ms: 1000, max_ms: 3000 }],
    [["headers={X-Token: abc, X-N: 2}"], (s) => s.headers, { "X-Token": "abc", "X-N": "2" }],
    [["description=a=b"], (s) => s.description, "a=b"], // only the first = splits
    [["base_url=http://127.0.0.1:9000"], (s) => s.base_url, "http://127.0.0.1:9000"],
  ];
  for (const [sets, check, expected] of cases) {
    assertEquals(check(applySets(BASE, sets)), expected, sets.join(" "));
  }
});

Deno.test("applySets: untouched keys keep their values and the input is not modified", () => {
  const before = structuredClone(BASE);
  const updated = applySets(BASE, ["users=9"]);
  assertEquals(updated, { ...BASE, users: 9 });
  assertEquals(BASE, before);
  assertEquals(applySets(BASE, []), BASE);
});

Deno.test("applySets: an unknown key is a usage error with a did-you-mean hint", () => {
  const cases: [set: string, hint: string][] = [
    ["usres=3", ' (did you mean "users"?)'],
    ["timout=5s", ' (did you mean "timeout"?)'],
    ["spawn-rate=2", ' (did you mean "spawn_rate"?)'],
  ];
  for (const [set, hint] of cases) {
    const key = set.slice(0, set.indexOf("="));
    const err = assertThrows(
      () => applySets(BASE, [set]),
      PerfError,
      `--set: unknown scenario key "${key}"${hint}`,
    );
    assertEquals(err.exitCode, ExitCode.usage, set);
  }
  const far = assertThrows(
    () => applySets(BASE, ["zzzzzzzz=1"]),
    PerfError,
    'unknown scenario key "zzzzzzzz"',
  );
  assertEquals(far.message.includes("did you mean"), false);
  assertEquals(far.exitCode, 2);
});

Deno.test("applySets: an invalid value is a usage error naming the key", () => {
  for (
    const set of [
      "users=abc",
      "users=0",
      "users=1.5",
      "timeout=soon",
      "timeout=0s",
      "users=",
      "spawn_rate=-1",
    ]
  ) {
    const key = set.slice(0, set.indexOf("="));
    const err = assertThrows(() => applySets(BASE, [set]), PerfError, `--set ${key}: `);
    assertEquals(err.exitCode, 2, set);
  }
  const err = assertThrows(() => applySets(BASE, ["timeout=soon"]), PerfError);
  assertMatch(err.message, /invalid duration "soon"/);
});

Deno.test("applySets: an assignment without = (or without a key) is a usage error", () => {
  for (const set of ["users", "=3", ""]) {
    const err = assertThrows(
      () => applySets(BASE, [set]),
      PerfError,
      `--set ${JSON.stringify(set)}: expected key=value`,
    );
    assertEquals(err.exitCode, 2, set);
  }
});

// Regression (fixed): the value is parsed with YAML.parse outside any try, so a value that is not valid YAML escapes as a
// YAMLParseError (exit 1, "internal error") instead of a usage error. Input: applySets(s,
// ["description=@team"]) (also ["headers={unclosed"]). Expected: PerfError with exit code 2; actual:
// YAMLParseError "Plain value cannot start with reserved character @".
Deno.test({
  name: "applySets: a value that is not valid YAML is a usage error",
  fn() {
    for (const set of ["description=@team", "headers={unclosed"]) {
      const err = assertThrows(() => applySets(BASE, [set]), PerfError, set.slice(0, set.indexOf("=")));
      assertEquals(err.exitCode, 2, set);
    }
  },
});

// Regression (fixed): keys are looked up on the schema's shape object with `shape[key]`, so names inherited from
// Object.prototype pass the "unknown key" check. Input: applySets(s, ["constructor=1"]) (also
// "toString=x"). Expected: PerfError exit 2 'unknown scenario key "constructor"'; actual: TypeError
// "field.safeParse is not a function" (exit 1, internal error).
Deno.test({
  name: "applySets: Object.prototype names are unknown keys",
  fn() {
    for (const set of ["constructor=1", "toString=x"]) {
      const err = assertThrows(() => applySets(BASE, [set]), PerfError, "unknown scenario key");
      assertEquals(err.exitCode, 2, set);
    }
  },
});

Deno.test("combineExitCodes: the worst wins, abort over threshold failure over success", () => {
  const cases: [codes: number[], expected: number][] = [
    [[], 0],
    [[0], 0],
    [[0, 0], 0],
    [[0, 99], 99],
    [[99, 0], 99],
    [[99, 99], 99],
    [[0, 105], 105],
    [[105, 99], 105],
    [[99, 105, 0], 105],
  ];
  for (const [codes, expected] of cases) assertEquals(combineExitCodes(codes), expected, `[${codes}]`);
});

// Regression (fixed): codes outside [0, 99, 105] rank -1, below success, so they are dropped. Exit 108 (aborted by a
// threshold with abort_on_fail, design §1) would turn into a pass: no result produces it yet, but the
// function silently maps it to 0. Input: combineExitCodes([108]) and ([0, 108]). Expected 108; actual 0.
Deno.test({
  name: "combineExitCodes: a threshold abort (108) is not turned into success",
  fn() {
    assertEquals(combineExitCodes([108]), 108);
    assertEquals(combineExitCodes([0, 108]), 108);
  },
});

Deno.test("openFilesLimit: the soft limit from /proc/self/limits, nothing when unlimited or absent", () => {
  const limits = (soft: string) =>
    `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 524288               files\n`;
  assertEquals(openFilesLimit(limits("64")), 64);
  assertEquals(openFilesLimit(limits("unlimited")), undefined);
  assertEquals(openFilesLimit("Max processes 10 10 processes\n"), undefined);
});
