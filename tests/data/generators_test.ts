import { assert, assertEquals, assertMatch, assertNotEquals, assertThrows } from "../helpers/assert.ts";
import { callGenerator, GeneratorError, GENERATORS, parseGeneratorCall } from "../../src/data/generators.ts";
import { seededRandom } from "../../src/plan/weighted.ts";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RESERVED_EMAIL = /^[a-z-]+\.[a-z-]+\d{1,4}@example\.(com|org|net)$/;

/** `n` values of one call, from a fresh generator seeded with `seed`. */
function values(name: string, args: string[], seed: number, n = 50): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => callGenerator(name, args, random));
}

Deno.test("every seeded generator is reproducible with the same seed", () => {
  const calls: [string, string[]][] = [
    ["uuid", []],
    ["int", ["1", "1000000"]],
    ["float", ["0", "1", "4"]],
    ["pick", ["a", "b", "c"]],
    ["name", []],
    ["email", []],
    ["alnum", ["12"]],
    ["bool", []],
  ];
  for (const [name, args] of calls) {
    assertEquals(values(name, args, 42), values(name, args, 42), name);
    if (name !== "bool" && name !== "pick") {
      assertNotEquals(values(name, args, 42), values(name, args, 43), name);
    }
  }
});

Deno.test("generator formats", () => {
  const cases: { name: string; args: string[]; pattern: RegExp }[] = [
    { name: "uuid", args: [], pattern: UUID_V4 },
    { name: "$uuid", args: [], pattern: UUID_V4 },
    { name: "int", args: ["-5", "5"], pattern: /^-?[0-5]$/ },
    { name: "float", args: ["1", "2"], pattern: /^[12]\.\d{2}$/ },
    { name: "float", args: ["0", "10", "0"], pattern: /^\d+$/ },
    { name: "pick", args: ["free", "pro"], pattern: /^(free|pro)$/ },
    { name: "name", args: [], pattern: /^[A-Z][a-z]+ [A-Z][A-Za-z-]+$/ },
    { name: "email", args: [], pattern: RESERVED_EMAIL },
    { name: "now", args: [], pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/ },
    { name: "now", args: ["iso"], pattern: /^\d{4}-\d\d-\d\dT/ },
    { name: "now", args: ["unix"], pattern: /^\d{10}$/ },
    { name: "now", args: ["ms"], pattern: /^\d{13}$/ },
    { name: "timestamp", args: [], pattern: /^\d{13}$/ },
    { name: "alnum", args: [], pattern: /^[A-Za-z0-9]{8}$/ },
    { name: "alnum", args: ["20"], pattern: /^[A-Za-z0-9]{20}$/ },
    { name: "bool", args: [], pattern: /^(true|false)$/ },
  ];
  for (const c of cases) {
    for (const value of values(c.name, c.args, 7, 200)) assertMatch(value, c.pattern, `${c.name}(${c.args})`);
  }
});

Deno.test("int is inclusive at both ends and float stays in range", () => {
  assertEquals(new Set(values("int", ["1", "3"], 5, 500)), new Set(["1", "2", "3"]));
  assertEquals(new Set(values("int", ["7", "7"], 5, 10)), new Set(["7"]));
  assertEquals(callGenerator("int", ["1", "6"], () => 0), "1");
  assertEquals(callGenerator("int", ["1", "6"], () => 0.9999999), "6");
  for (const v of values("float", ["-2.5", "2.5", "3"], 9, 500)) {
    const x = Number(v);
    assert(x >= -2.5 && x <= 2.5, `${v} out of range`);
  }
});

Deno.test("uuid, email and the time generators are well formed", () => {
  const uuids = values("uuid", [], 3, 1000);
  assertEquals(new Set(uuids).size, 1000, "no duplicate uuids");
  for (const email of values("email", [], 3, 500)) assert(RESERVED_EMAIL.test(email), email);
  const before = Date.now();
  const unix = Number(callGenerator("now", ["unix"], Math.random));
  const ms = Number(callGenerator("timestamp", [], Math.random));
  const iso = Date.parse(callGenerator("now", [], Math.random));
  const after = Date.now();
  assert(unix >= Math.floor(before / 1000) && unix <= Math.floor(after / 1000));
  assert(ms >= before && ms <= after);
  assert(iso >= before && iso <= after);
});

Deno.test("callGenerator trims arguments and accepts a leading $", () => {
  assertEquals(callGenerator("$pick", [" a "], Math.random), "a");
  assertEquals(callGenerator("int", [" 4", "4 "], Math.random), "4");
});

Deno.test("callGenerator errors are clear", () => {
  // deno-fmt-ignore
  const cases: { name: string; args: string[]; message: string }[] = [
    { name: "uuidd", args: [], message: 'unknown generator "$uuidd" (did you mean "$uuid"?); available: $uuid, $int' },
    { name: "$emial", args: [], message: 'unknown generator "$emial" (did you mean "$email"?)' },
    { name: "toString", args: [], message: 'unknown generator "$toString"' },
    { name: "int", args: ["5", "1"], message: "$int(5, 1): min 5 is greater than max 1" },
    { name: "int", args: ["a", "1"], message: '$int(a, 1): min must be an integer, got "a"' },
    { name: "int", args: ["1", "2.5"], message: 'max must be an integer, got "2.5"' },
    { name: "int", args: ["1", ""], message: 'max must be an integer, got ""' },
    { name: "int", args: ["1"], message: "$int(1): expects 2 arguments (min, max), got 1" },
    { name: "float", args: ["1", "x"], message: 'max must be a number, got "x"' },
    { name: "float", args: ["2", "1"], message: "min 2 is greater than max 1" },
    { name: "float", args: ["1", "2", "20"], message: "digits must be from 0 to 15, got 20" },
    { name: "float", args: [], message: "expects 2 to 3 arguments (min, max[, digits]), got 0" },
    { name: "pick", args: [], message: "$pick: expects at least 1 argument" },
    { name: "uuid", args: ["1"], message: "$uuid(1): takes no arguments, got 1" },
    { name: "now", args: ["days"], message: 'format must be iso, unix or ms, got "days"' },
    { name: "alnum", args: ["0"], message: "length must be from 1 to 1024, got 0" },
    { name: "alnum", args: ["1", "2"], message: "expects 0 to 1 arguments" },
  ];
  for (const c of cases) {
    assertThrows(() => callGenerator(c.name, c.args, Math.random), GeneratorError, c.message, c.name);
  }
});

Deno.test("GENERATORS lists the built-ins and cannot be changed", () => {
  assertEquals(
    Object.keys(GENERATORS).sort(),
    ["alnum", "bool", "email", "float", "int", "name", "now", "pick", "timestamp", "uuid"],
  );
  assert(Object.isFrozen(GENERATORS));
});

Deno.test("parseGeneratorCall reads names and arguments", () => {
  const cases: [string, { name: string; args: string[] }][] = [
    ["uuid", { name: "uuid", args: [] }],
    ["$uuid", { name: "uuid", args: [] }],
    [" $int(1, 100) ", { name: "int", args: ["1", "100"] }],
    ["int()", { name: "int", args: [] }],
    ["pick(a,,b)", { name: "pick", args: ["a", "", "b"] }],
    ["pick( free , pro )", { name: "pick", args: ["free", "pro"] }],
  ];
  for (const [text, expected] of cases) assertEquals(parseGeneratorCall(text), expected, text);
  for (const bad of ["", "1abc", "int(1", "int(1))", "int(f(1))", "a b", "int(1)x"]) {
    assertThrows(() => parseGeneratorCall(bad), GeneratorError, "invalid generator call", bad);
  }
});
