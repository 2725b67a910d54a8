import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { runPerf } from "../helpers/cli.ts";
import { parseCsv } from "../../src/data/csv.ts";
import { parseJsonRows } from "../../src/data/json_rows.ts";

Deno.test("perf data generate writes CSV or JSON that perf reads back; a seed repeats the data", async () => {
  const dir = await Deno.makeTempDir();
  const fields = "id:int(1,100000),email:email,plan:pick(free,pro)";
  const first = await runPerf([
    "data",
    "generate",
    "--fields",
    fields,
    "--count",
    "50",
    "-o",
    `${dir}/a.csv`,
    "--seed",
    "9",
  ]);
  assertEquals(first.code, 0, first.stderr);
  const table = parseCsv(await Deno.readTextFile(`${dir}/a.csv`), "a.csv");
  assertEquals([table.header, table.rows.length], [["id", "email", "plan"], 50]);
  for (const row of table.rows) {
    assertMatch(row.email!, /@example\.(com|org|net)$/);
    assertMatch(row.plan!, /^(free|pro)$/);
  }
  const again = await runPerf(["data", "generate", "--fields", fields, "--count", "50", "--seed", "9"]);
  assertEquals(again.stdout, await Deno.readTextFile(`${dir}/a.csv`));
  const json = await runPerf(["data", "generate", "--fields", fields, "--count", "5", "-o", `${dir}/b.json`]);
  assertEquals(json.code, 0);
  assertEquals(parseJsonRows(await Deno.readTextFile(`${dir}/b.json`), "b.json").length, 5);
  const bad = await runPerf(["data", "generate", "--fields", "id:int(5,1)", "--count", "3"]);
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /field "id": \$int\(5, 1\): min 5 is greater than max 1/);
});
