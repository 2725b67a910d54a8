/** Acceptance for custom TypeScript users: weights, exceptions counted per task, broken modules. */
import { assert, assertEquals, assertGreater, assertMatch } from "../helpers/assert.ts";
import { hasStackTrace, readOnlyResult, runPerf } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

const API = new URL("../../src/user/api.ts", import.meta.url).href;

/** The seed's custom test (list items 3x for every create), as a TypeScript user, plus a task that throws. */
const SEED_USER = `import { defineUser } from "${API}";
export default defineUser({
  wait_time: 0,
  tasks: [
    { name: "get_items", weight: 3, run: async ({ http }) => { await http.get("/api/items/"); } },
    {
      name: "create_item",
      weight: 1,
      run: async ({ http, check }) => {
        const res = await http.post("/api/items/", { json: { name: "test", value: 42 }, expect_status: 200 });
        check(res.ok, "created");
      },
    },
    { name: "flaky", weight: 0.1, run: () => { throw new Error("task bug"); } },
  ],
});
`;

async function writeModule(text: string, name = "user.ts"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "perf-user-" });
  await Deno.writeTextFile(`${dir}/${name}`, text);
  return `${dir}/${name}`;
}

Deno.test("a TypeScript user follows its 3:1 weights, and a throwing task is counted, not fatal", async () => {
  const target = countingServer();
  try {
    const module = await writeModule(SEED_USER);
    const out = await Deno.makeTempDir();
    const run = await runPerf([
      "run",
      "-s",
      module,
      "-H",
      target.url,
      "-u",
      "4",
      "-t",
      "3s",
      "-o",
      out,
      "--quiet",
    ]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const by = Object.fromEntries(result.endpoints.map((e) => [`${e.method} ${e.name}`, e]));
    const gets = by["GET /api/items/"]!.requests;
    const posts = by["POST /api/items/"]!.requests;
    assertGreater(gets + posts, 2000);
    const ratio = gets / posts;
    assert(Math.abs(ratio - 3) / 3 < 0.05, `GET:POST = ${ratio.toFixed(3)}, expected 3 within 5%`);
    assertEquals(gets + posts, target.count());
    assertEquals(by["POST /api/items/"]!.failures, 0);
    const flaky = by["TASK flaky"]!;
    assertEquals([flaky.failures, flaky.errors], [flaky.requests, { exception: flaky.requests }]);
    assertMatch(run.stderr, /task "flaky" threw .*task bug/);
  } finally {
    await target.close();
  }
});

Deno.test("broken user modules: syntax error and missing export give exit 104 with the file", async () => {
  const syntax = await writeModule("export default { tasks: [ ( ] };\n", "broken.ts");
  const bad = await runPerf(["run", "-s", syntax, "-H", "http://127.0.0.1:9", "-t", "1s"]);
  assertEquals(bad.code, 104, bad.stderr);
  assertMatch(bad.stderr, /Cannot load user module .*broken\.ts.*broken\.ts:1:/s);
  assert(!hasStackTrace(bad.stderr.replace(/^.*Cannot load.*$/m, "")), bad.stderr);

  const noExport = await writeModule("export const nothing = 1;\n", "empty.ts");
  const missing = await runPerf(["run", "-s", noExport, "-H", "http://127.0.0.1:9", "-t", "1s"]);
  assertEquals(missing.code, 104);
  assertMatch(missing.stderr, /empty\.ts: it must `export default` a user definition/);
});

Deno.test("a TypeScript user reading unique test data stops cleanly when the rows are used up", async () => {
  const target = countingServer();
  try {
    const dir = await Deno.makeTempDir({ prefix: "perf-user-data-" });
    await Deno.writeTextFile(
      `${dir}/rows.csv`,
      "sku\n" + Array.from({ length: 10 }, (_, i) => `sku${i}`).join("\n") + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/user.ts`,
      `export default { wait_time: 0, tasks: [async ({ http, data }) => { await http.get("/buy/" + data("rows").sku); }] };\n`,
    );
    await Deno.writeTextFile(
      `${dir}/perf.yaml`,
      `base_url: "${target.url}"\ntest_data:\n  rows: { file: rows.csv, mode: unique }\nscenarios:\n  buy:\n    users: 2\n    run_time: 20s\n    user: user.ts\n`,
    );
    const out = `${dir}/out`;
    const run = await runPerf(["run", "-c", `${dir}/perf.yaml`, "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals([result.summary.requests, target.count(), result.summary.failures], [10, 10, 0]);
    assertEquals(Object.keys(target.countByPath()).length, 10, "each row used once");
    assertEquals(result.run.stop_reason, 'test data "rows" was used up');
  } finally {
    await target.close();
  }
});
