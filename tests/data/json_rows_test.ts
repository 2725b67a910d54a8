import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseJsonRows } from "../../src/data/json_rows.ts";
import { DataError } from "../../src/data/errors.ts";

Deno.test("parseJsonRows turns every value into a string", () => {
  // deno-fmt-ignore
  const cases: { name: string; text: string; rows: Record<string, string>[] }[] = [
    { name: "empty array", text: "[]", rows: [] },
    { name: "strings", text: '[{"a": "x", "b": ""}]', rows: [{ a: "x", b: "" }] },
    { name: "numbers", text: '[{"i": 42, "f": 9.5, "n": -1, "e": 1e21}]', rows: [{ i: "42", f: "9.5", n: "-1", e: "1e+21" }] },
    { name: "booleans", text: '[{"t": true, "f": false}]', rows: [{ t: "true", f: "false" }] },
    { name: "null", text: '[{"n": null}]', rows: [{ n: "" }] },
    { name: "nested", text: '[{"o": {"k": [1, "2"]}, "a": []}]', rows: [{ o: '{"k":[1,"2"]}', a: "[]" }] },
    { name: "rows may differ in keys", text: '[{"a": 1}, {"b": 2}]', rows: [{ a: "1" }, { b: "2" }] },
    { name: "BOM", text: '\uFEFF[{"a": 1}]', rows: [{ a: "1" }] },
    { name: "empty object", text: "[{}]", rows: [{}] },
  ];
  for (const c of cases) assertEquals(parseJsonRows(c.text, "t.json"), c.rows, c.name);
});

Deno.test("parseJsonRows errors carry the line", () => {
  // deno-fmt-ignore
  const cases: { name: string; text: string; message: string; line: number }[] = [
    { name: "object at top level", text: '\n\n{"a": 1}', message: "items.json:3: expected a JSON array of objects, got an object", line: 3 },
    { name: "string at top level", text: '"x"', message: "items.json:1: expected a JSON array of objects, got a string", line: 1 },
    { name: "null at top level", text: "null", message: "items.json:1: expected a JSON array of objects, got null", line: 1 },
    {
      name: "element not an object",
      text: '[\n  {"a": 1},\n  {"a": "]},{"},\n  "oops",\n  {"a": 3}\n]',
      message: "items.json:4: element 3 of the array is a string, expected an object",
      line: 4,
    },
    { name: "number element", text: '[{"a":1}, 7]', message: "items.json:1: element 2 of the array is a number", line: 1 },
    {
      name: "array element after nested arrays",
      text: '[\n{"a": [[1], {"b": [2]}]},\n\n[1, 2]\n]',
      message: "items.json:4: element 2 of the array is an array, expected an object",
      line: 4,
    },
    { name: "null element", text: "[\n{},\nnull]", message: "items.json:3: element 2 of the array is null", line: 3 },
    { name: "syntax error with position", text: '[\n{"a": 1}\n{"b": 2}]', message: "items.json:3: invalid JSON: Expected ',' or ']'", line: 3 },
    { name: "unexpected end", text: '[\n{"a": 1},\n', message: "items.json:2: invalid JSON: Unexpected end of JSON input", line: 2 },
    { name: "empty file", text: "", message: "items.json:1: invalid JSON", line: 1 },
  ];
  for (const c of cases) {
    const err = assertThrows(() => parseJsonRows(c.text, "items.json"), DataError, c.message, c.name);
    assertEquals(err.line, c.line, c.name);
  }
});

Deno.test("parseJsonRows syntax errors do not repeat the file's text", () => {
  const text = `[{"a": 1}, {"b": tru}] ${"x".repeat(500)}`;
  const err = assertThrows(() => parseJsonRows(text, "big.json"), DataError, "big.json:1: invalid JSON");
  if (err.message.includes("xxxxxxxxxx")) throw new Error(`message repeats the text: ${err.message}`);
});
