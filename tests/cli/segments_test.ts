/**
 * Distributed runs from the CLI: three `perf run --segment i/3` (started together with --start-at) and
 * `perf merge` give exactly the requests the server saw, with the merged verdict's exit code.
 */
import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

Deno.test("three segments merged: exactly the server's requests, one verdict", async () => {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-segments-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
scenarios:
  shared:
    rate: 60
    max_users: 12
    run_time: 2s
    thresholds: { error_rate: 0.01 }
`);
    const startAt = new Date(Date.now() + 2000).toISOString();
    const runs = await Promise.all(
      [1, 2, 3].map((i) =>
        runPerf([
          "run",
          "-c",
          file,
          "-s",
          "shared",
          "--segment",
          `${i}/3`,
          "--start-at",
          startAt,
          "-o",
          `${out}/s${i}`,
          "--quiet",
        ])
      ),
    );
    assertEquals(runs.map((r) => r.code), [0, 0, 0], runs.map((r) => r.stderr).join("\n"));
    const parts = await Promise.all([1, 2, 3].map((i) => readOnlyResult(`${out}/s${i}`)));
    assertEquals(parts.map((p) => p.result.run.segment), ["1/3", "2/3", "3/3"]);
    const merged = await runPerf(["merge", ...parts.map((p) => p.dir), "-o", `${out}/merged`]);
    assertEquals(merged.code, 0, merged.stderr);
    const result = JSON.parse(await Deno.readTextFile(`${out}/merged/result.json`));
    assertEquals(result.summary.requests, target.count());
    assertEquals(result.summary.requests, 120); // 60/s × 2 s, split exactly three ways
    assertEquals(result.run.segments, 3);
    assertMatch(merged.stdout, /PASS/);
  } finally {
    await target.close();
  }
});

Deno.test("bad --segment and --start-at values are usage errors naming the value", async () => {
  for (
    const [flag, value, message] of [
      ["--segment", "4/3", /4\/3/],
      ["--segment", "x", /"x"/],
      ["--start-at", "yesterday", /yesterday/],
    ] as const
  ) {
    const run = await runPerf(["run", "-s", "smoke", "-H", "http://127.0.0.1:1", flag, value]);
    assertEquals(run.code, 2, `${flag} ${value}: ${run.stderr}`);
    assertMatch(run.stderr, message);
  }
});
