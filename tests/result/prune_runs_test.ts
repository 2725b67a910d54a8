import { pruneRuns, runDirScenario, runsToPrune } from "../../src/result/prune_runs.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("runsToPrune: the oldest runs of that scenario beyond keep_last, nothing else", () => {
  const names = [
    "20261120T100000Z-load",
    "20261121T100000Z-load",
    "20261121T100000Z-load-2",
    "20261122T100000Z-load",
    "20261119T100000Z-stress",
    "notes",
    "reports",
  ];
  assertEquals(runsToPrune(names, "load", 2), ["20261120T100000Z-load", "20261121T100000Z-load"]);
  assertEquals(runsToPrune(names, "load", 10), []);
  assertEquals(runsToPrune(names, "stress", 1), []);
  assertEquals([runDirScenario("20261121T100000Z-load-2"), runDirScenario("reports")], ["load", undefined]);
});

Deno.test("pruneRuns: removes only run directories holding a result.json", async () => {
  const out = await Deno.makeTempDir({ prefix: "perf-prune-" });
  const runs = ["20261120T100000Z-load", "20261121T100000Z-load", "20261122T100000Z-load"];
  for (const name of runs) {
    await Deno.mkdir(`${out}/${name}`);
    await Deno.writeTextFile(`${out}/${name}/result.json`, "{}");
  }
  await Deno.mkdir(`${out}/20261101T000000Z-load`); // no result.json: not perf's, left alone
  const removed = await pruneRuns(out, "load", 1);
  assertEquals(removed.map((d) => d.slice(out.length + 1)), [
    "20261120T100000Z-load",
    "20261121T100000Z-load",
  ]);
  const left = (await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).sort();
  assertEquals(left, ["20261101T000000Z-load", "20261122T100000Z-load"]);
});
