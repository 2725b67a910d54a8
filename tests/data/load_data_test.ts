import { assertEquals, assertRejects, assertThrows } from "../helpers/assert.ts";
import { dataFormat, dataSourceSchema, loadDataSources, testDataSchema } from "../../src/data/load_data.ts";
import { DataError } from "../../src/data/errors.ts";

const FIXTURES = new URL("../fixtures/data/", import.meta.url).pathname;

/** A temp dir holding `files` (path relative to it -> content), removed after `fn`. */
async function withFiles(files: Record<string, string>, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "perf-data-" });
  try {
    for (const [path, content] of Object.entries(files)) {
      const full = `${dir}/${path}`;
      await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(full, content);
    }
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("dataSourceSchema applies the defaults", () => {
  assertEquals(dataSourceSchema.parse({ file: "data/users.csv" }), {
    file: "data/users.csv",
    mode: "sequential",
    scope: "shared",
    on_exhausted: "stop",
  });
  const full = {
    file: "u.json",
    format: "json",
    mode: "unique",
    scope: "user",
    on_exhausted: "wrap",
  } as const;
  assertEquals(dataSourceSchema.parse(full), full);
});

Deno.test("dataSourceSchema rejects unknown keys and bad values", () => {
  const cases: [unknown, string][] = [
    [{ file: "u.csv", mod: "unique" }, "mod"],
    [{ file: "u.csv", mode: "shuffled" }, "mode"],
    [{ file: "u.csv", scope: "worker" }, "scope"],
    [{ file: "u.csv", on_exhausted: "loop" }, "on_exhausted"],
    [{ file: "u.csv", format: "xml" }, "format"],
    [{ file: "" }, "file"],
    [{}, "file"],
  ];
  for (const [input, key] of cases) {
    const result = dataSourceSchema.safeParse(input);
    assertEquals(result.success, false, JSON.stringify(input));
    const where = result.error!.issues.map((
      issue,
    ) => [...issue.path, ...("keys" in issue ? issue.keys : [])]);
    assertEquals(where.flat().includes(key), true, `${JSON.stringify(input)}: ${JSON.stringify(where)}`);
  }
  assertEquals(testDataSchema.safeParse({ "bad name": { file: "u.csv" } }).success, false);
  assertEquals(testDataSchema.safeParse({ users_2: { file: "u.csv" } }).success, true);
});

Deno.test("dataFormat comes from format, else from the extension", () => {
  assertEquals(dataFormat("u", { file: "a/users.CSV" }), "csv");
  assertEquals(dataFormat("u", { file: "users.json" }), "json");
  assertEquals(dataFormat("u", { file: "users.txt", format: "csv" }), "csv");
  assertThrows(
    () => dataFormat("users", { file: "data.v2/users" }),
    DataError,
    'Cannot read test data "users": cannot tell the format of "data.v2/users" from its extension; add format: csv',
  );
});

Deno.test("loadDataSources reads CSV and JSON fixtures relative to the config's directory", async () => {
  const sources = {
    users: dataSourceSchema.parse({ file: "users.csv", mode: "unique", on_exhausted: "wrap" }),
    items: dataSourceSchema.parse({ file: `${FIXTURES}items.json`, scope: "user", mode: "random" }),
  };
  const loaded = await loadDataSources(sources, FIXTURES);
  assertEquals(Object.keys(loaded), ["users", "items"]);
  assertEquals(loaded.users, {
    name: "users",
    file: "users.csv",
    mode: "unique",
    scope: "shared",
    onExhausted: "wrap",
    rows: [
      { id: "1", name: "Lovelace, Ada", email: "ada@example.com" },
      { id: "2", name: "Alan Turing", email: "alan@example.org" },
      { id: "3", name: 'Grace "Amazing" Hopper', email: "grace@example.net" },
    ],
  });
  assertEquals(loaded.items!.mode, "random");
  assertEquals(loaded.items!.scope, "user");
  assertEquals(loaded.items!.rows[0], {
    id: "1",
    title: "Widget",
    price: "9.5",
    active: "true",
    tags: '["a","b"]',
    note: "",
  });
  assertEquals(await loadDataSources({}, FIXTURES), {});
});

Deno.test("loadDataSources honours format over the extension", async () => {
  await withFiles({ "data/users.txt": "id\n1\n", "rows.data": '[{"id": 2}]' }, async (dir) => {
    const loaded = await loadDataSources({
      a: dataSourceSchema.parse({ file: "data/users.txt", format: "csv" }),
      b: dataSourceSchema.parse({ file: "rows.data", format: "json" }),
    }, dir);
    assertEquals(loaded.a!.rows, [{ id: "1" }]);
    assertEquals(loaded.b!.rows, [{ id: "2" }]);
  });
});

Deno.test("loadDataSources errors say which source and file", async () => {
  const files = {
    "data/header_only.csv": "id,name\n",
    "data/empty.json": "[]",
    "data/bad.csv": "id,name\n1,a\n2,b,c\n",
    "data/bad.json": '{"id": 1}',
    "data/dir.csv/keep": "",
  };
  // deno-fmt-ignore
  const cases: { file: string; message: string; line: number }[] = [
    { file: "data/users.csv", message: 'Cannot read test data "users": file "data/users.csv" not found', line: 0 },
    { file: "data/header_only.csv", message: 'Test data "users" in "data/header_only.csv" has no rows', line: 0 },
    { file: "data/empty.json", message: 'Test data "users" in "data/empty.json" has no rows', line: 0 },
    { file: "data/bad.csv", message: "data/bad.csv:3: expected 2 fields (id, name), got 3", line: 3 },
    { file: "data/bad.json", message: "data/bad.json:1: expected a JSON array of objects, got an object", line: 1 },
    { file: "data/dir.csv", message: 'Cannot read test data "users": file "data/dir.csv" is a directory', line: 0 },
  ];
  await withFiles(files, async (dir) => {
    for (const c of cases) {
      const sources = { users: dataSourceSchema.parse({ file: c.file }) };
      const err = await assertRejects(() => loadDataSources(sources, dir), DataError, c.message, c.file);
      assertEquals(err.message, c.message, c.file);
      assertEquals([err.file, err.line], [c.file, c.line], c.file);
    }
  });
});

Deno.test("loadDataSources reports the first failing source in config order", async () => {
  await withFiles({ "ok.csv": "id\n1\n" }, async (dir) => {
    const sources = {
      ok: dataSourceSchema.parse({ file: "ok.csv" }),
      first: dataSourceSchema.parse({ file: "missing1.csv" }),
      second: dataSourceSchema.parse({ file: "missing2.json" }),
    };
    await assertRejects(() => loadDataSources(sources, dir), DataError, 'test data "first"');
  });
});
