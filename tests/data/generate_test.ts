import { assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";
import { generateRows, parseFieldSpecs, toCsv, toJson } from "../../src/data/generate.ts";
import { parseCsv } from "../../src/data/csv.ts";
import { parseJsonRows } from "../../src/data/json_rows.ts";
import { PerfError } from "../../src/errors.ts";
import { seededRandom } from "../../src/plan/weighted.ts";

Deno.test("parseFieldSpecs splits at commas outside parentheses", () => {
  assertEquals(parseFieldSpecs("id:int(1,1000000),email:email,name:name,plan:pick(free,pro)"), [
    { name: "id", generator: "int", args: ["1", "1000000"] },
    { name: "email", generator: "email", args: [] },
    { name: "name", generator: "name", args: [] },
    { name: "plan", generator: "pick", args: ["free", "pro"] },
  ]);
  assertEquals(parseFieldSpecs(" id : $uuid , score:float(0, 1, 3) "), [
    { name: "id", generator: "uuid", args: [] },
    { name: "score", generator: "float", args: ["0", "1", "3"] },
  ]);
  assertEquals(parseFieldSpecs("user_id:int(1,9),created-at:now(unix)").map((f) => f.name), [
    "user_id",
    "created-at",
  ]);
});

Deno.test("parseFieldSpecs errors name the field", () => {
  const cases: [string, string][] = [
    ["", "--fields is empty"],
    [" , ", "--fields is empty"],
    ["id:int(5,1)", 'field "id": $int(5, 1): min 5 is greater than max 1'],
    ["id:int(a,9)", 'field "id": $int(a, 9): min must be an integer, got "a"'],
    ["id:int(1)", 'field "id": $int(1): expects 2 arguments'],
    ["id:uuidd", 'field "id": unknown generator "$uuidd" (did you mean "$uuid"?)'],
    ["id", 'field "id" has no generator: write id:generator, e.g. id:uuid'],
    ["id:uuid,email", 'field "email" has no generator'],
    [":uuid", "field 1 has no name"],
    ["id:uuid,,n:name", "field 2 has no name"],
    ["id:uuid,id:int(1,2)", 'field "id" is given twice'],
    ["1id:uuid", 'field name "1id" must be letters, digits'],
    ["a.b:uuid", 'field name "a.b" must be letters'],
    ["id:int(1,2", 'unclosed "(" in --fields "id:int(1,2"'],
    ["id:int(1,2)),n:name", 'unbalanced ")" at character 12'],
    ["id:", 'field "id": invalid generator call ""'],
    ["id:int(1,2)x", 'field "id": invalid generator call'],
  ];
  for (const [spec, message] of cases) {
    const err = assertThrows(() => parseFieldSpecs(spec), PerfError, message, spec);
    assertEquals(err.exitCode, 2, spec);
  }
});

Deno.test("generateRows is reproducible with a seed", () => {
  const fields = parseFieldSpecs("id:uuid,n:int(1,10),plan:pick(free,pro)");
  const a = generateRows(fields, 20, seededRandom(11));
  assertEquals(a, generateRows(fields, 20, seededRandom(11)));
  assertEquals(a.length, 20);
  assertEquals(Object.keys(a[0]!), ["id", "n", "plan"]);
  assertEquals(generateRows(fields, 0, seededRandom(1)), []);
  for (const count of [-1, 1.5, NaN]) {
    assertThrows(
      () => generateRows(fields, count, Math.random),
      RangeError,
      "count must be a non-negative integer",
    );
  }
});

Deno.test("toCsv quotes what needs it and round-trips through parseCsv", () => {
  const rows = [
    { id: "1", text: "plain", note: "" },
    { id: "2", text: "a, b", note: 'say "hi"' },
    { id: "3", text: "line1\nline2", note: "cr\r\nlf" },
    { id: "4", text: " padded ", note: '5" screen' },
  ];
  const csv = toCsv(rows, ["id", "text", "note"]);
  assertEquals(csv.split("\n")[0], "id,text,note");
  assertEquals(csv.split("\n")[2], '2,"a, b","say ""hi"""');
  assertEquals(parseCsv(csv, "out.csv"), { header: ["id", "text", "note"], rows });
});

Deno.test("toCsv keeps empty values of a one-column file and fills missing columns", () => {
  const csv = toCsv([{ a: "" }, { a: "x" }, {}], ["a"]);
  assertEquals(csv, 'a\n""\nx\n""\n');
  assertEquals(parseCsv(csv, "one.csv").rows, [{ a: "" }, { a: "x" }, { a: "" }]);
  assertEquals(toCsv([{ a: "1" }], ["a", "b"]), "a,b\n1,\n");
  assertEquals(toCsv([], ["a", "b"]), "a,b\n");
});

Deno.test("generated CSV and JSON round-trip", () => {
  const fields = parseFieldSpecs("id:int(1,1000000),email:email,name:name,plan:pick(free,pro),key:uuid");
  const rows = generateRows(fields, 200, seededRandom(2024));
  const header = fields.map((f) => f.name);
  assertEquals(parseCsv(toCsv(rows, header), "gen.csv"), { header, rows });
  const json = toJson(rows);
  assertMatch(json, /^\[\n {2}\{\n {4}"id": "\d+",/);
  assertEquals(parseJsonRows(json, "gen.json"), rows);
  assertEquals(toJson([]), "[]\n");
});
