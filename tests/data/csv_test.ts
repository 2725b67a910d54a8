import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseCsv } from "../../src/data/csv.ts";
import { DataError } from "../../src/data/errors.ts";

Deno.test("parseCsv reads RFC 4180 records", () => {
  // deno-fmt-ignore
  const cases: { name: string; text: string; header: string[]; rows: Record<string, string>[] }[] = [
    { name: "plain LF", text: "a,b\n1,2\n3,4\n", header: ["a", "b"], rows: [{ a: "1", b: "2" }, { a: "3", b: "4" }] },
    { name: "CRLF", text: "a,b\r\n1,2\r\n3,4\r\n", header: ["a", "b"], rows: [{ a: "1", b: "2" }, { a: "3", b: "4" }] },
    { name: "lone CR", text: "a,b\r1,2\r", header: ["a", "b"], rows: [{ a: "1", b: "2" }] },
    { name: "no final line break", text: "a,b\n1,2", header: ["a", "b"], rows: [{ a: "1", b: "2" }] },
    { name: "BOM", text: "\uFEFFid,name\n1,x\n", header: ["id", "name"], rows: [{ id: "1", name: "x" }] },
    { name: "header names trimmed", text: " id , name\n1, x \n", header: ["id", "name"], rows: [{ id: "1", name: " x " }] },
    { name: "quoted comma", text: 'a,b\n"x, y",2\n', header: ["a", "b"], rows: [{ a: "x, y", b: "2" }] },
    { name: "escaped quotes", text: 'a\n"say ""hi"""\n', header: ["a"], rows: [{ a: 'say "hi"' }] },
    { name: "newline in quotes", text: 'a,b\n"line1\nline2",2\n', header: ["a", "b"], rows: [{ a: "line1\nline2", b: "2" }] },
    { name: "CRLF in quotes kept", text: 'a,b\r\n"x\r\ny",2\r\n', header: ["a", "b"], rows: [{ a: "x\r\ny", b: "2" }] },
    { name: "empty fields", text: "a,b,c\n,,\n", header: ["a", "b", "c"], rows: [{ a: "", b: "", c: "" }] },
    { name: "trailing comma is an empty last field", text: "a,b\n1,\n", header: ["a", "b"], rows: [{ a: "1", b: "" }] },
    { name: "quoted empty", text: 'a,b\n"",""\n', header: ["a", "b"], rows: [{ a: "", b: "" }] },
    { name: "quoted empty in one column is a row", text: 'a\n""\n', header: ["a"], rows: [{ a: "" }] },
    { name: "blank lines skipped", text: "a,b\n\n1,2\n\n\n3,4\n\n", header: ["a", "b"], rows: [{ a: "1", b: "2" }, { a: "3", b: "4" }] },
    { name: "literal quote in unquoted field", text: 'a,b\n5" screen,2\n', header: ["a", "b"], rows: [{ a: '5" screen', b: "2" }] },
    { name: "quoted header", text: '"id","full name"\n1,x\n', header: ["id", "full name"], rows: [{ id: "1", "full name": "x" }] },
    { name: "header only", text: "a,b\n", header: ["a", "b"], rows: [] },
    { name: "__proto__ column is a plain key", text: "__proto__\nx\n", header: ["__proto__"], rows: [JSON.parse('{"__proto__":"x"}')] },
  ];
  for (const c of cases) {
    const table = parseCsv(c.text, "t.csv");
    assertEquals(table.header, c.header, c.name);
    assertEquals(table.rows, c.rows, c.name);
  }
});

Deno.test("parseCsv errors name the file and the exact line", () => {
  // deno-fmt-ignore
  const cases: { name: string; text: string; message: string; line: number }[] = [
    {
      name: "too many fields",
      text: "id,name,email\n1,a,a@x\n2,b,b@x\n3,c,c@x\n4,d,d@x\n5,e,e@x\n6,f,f@x,extra\n",
      message: "users.csv:7: expected 3 fields (id, name, email), got 4",
      line: 7,
    },
    { name: "too few fields", text: "a,b\n1\n", message: "users.csv:2: expected 2 fields (a, b), got 1", line: 2 },
    { name: "unterminated quote", text: 'a,b\n1,2\n"open,3\n4,5\n', message: "users.csv:3: unterminated quoted field", line: 3 },
    {
      name: "line numbers count line breaks inside quotes",
      text: 'a,b\n"x\ny\nz",1\n2,3,4\n',
      message: "users.csv:5: expected 2 fields (a, b), got 3",
      line: 5,
    },
    {
      name: "a bad record spanning lines is reported where it starts",
      text: 'a,b\n1,2\n"multi\nline",2,3\n',
      message: "users.csv:3: expected 2 fields (a, b), got 3",
      line: 3,
    },
    { name: "blank lines still count", text: "a,b\n\n\n1,2,3\n", message: "users.csv:4: expected 2 fields", line: 4 },
    { name: "CRLF lines count once", text: "a,b\r\n1,2\r\n1\r\n", message: "users.csv:3: expected 2 fields", line: 3 },
    { name: "text after closing quote", text: 'a,b\n"x"y,2\n', message: 'users.csv:2: unexpected "y" after a closing quote', line: 2 },
    { name: "empty column name", text: "id,,email\n", message: "users.csv:1: empty column name in the header (column 2)", line: 1 },
    { name: "blank column name", text: "id,  \n", message: "users.csv:1: empty column name in the header (column 2)", line: 1 },
    {
      name: "duplicate column name after trimming",
      text: "id,name, id\n",
      message: 'users.csv:1: duplicate column name "id" in the header (columns 1 and 3)',
      line: 1,
    },
    { name: "empty file", text: "", message: "users.csv:1: the file is empty: expected a header line", line: 1 },
    { name: "only a BOM and blank lines", text: "\uFEFF\n\n", message: "users.csv:1: the file is empty", line: 1 },
  ];
  for (const c of cases) {
    const err = assertThrows(() => parseCsv(c.text, "users.csv"), DataError, c.message, c.name);
    assertEquals(err.line, c.line, c.name);
    assertEquals(err.file, "users.csv", c.name);
  }
});

Deno.test("parseCsv handles a large file quickly", () => {
  const lines = ["id,name,email"];
  for (let i = 0; i < 50_000; i++) lines.push(`${i},"User, ${i}",u${i}@example.com`);
  const start = performance.now();
  const { rows } = parseCsv(lines.join("\r\n"), "big.csv");
  const elapsed = performance.now() - start;
  assertEquals(rows.length, 50_000);
  assertEquals(rows[49_999], { id: "49999", name: "User, 49999", email: "u49999@example.com" });
  if (elapsed > 2000) throw new Error(`parsing 50k rows took ${elapsed.toFixed(0)} ms`);
});
