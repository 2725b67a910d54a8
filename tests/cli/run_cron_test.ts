/**
 * What cron-driven and CI runs rely on: `--junit` writes one test case per threshold, `--lock` refuses
 * an overlapping run before it sends anything, `reporting.keep_last` prunes old runs of the scenario.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

function config(url: string, keepLast?: number): string {
  return `base_url: "${url}"
scenarios:
  tiny:
    users: 1
    spawn_rate: 1
    run_time: 1s
    wait_time: 0.05
    thresholds:
      response_time_p95: 1000
      throughput: 1000000
${keepLast ? `reporting:\n  keep_last: ${keepLast}\n` : ""}`;
}

Deno.test("--junit: one test case per threshold, the failed one with its value and limit", async () => {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-junit-" });
  try {
    const file = await writeConfig(config(target.url));
    const run = await runPerf([
      "run",
      "-c",
      file,
      "-s",
      "tiny",
      "-o",
      out,
      "--quiet",
      "--junit",
      `${out}/junit.xml`,
    ]);
    assertEquals(run.code, 99, run.stderr);
    const xml = await Deno.readTextFile(`${out}/junit.xml`);
    assertMatch(xml, /<testsuite name="tiny" tests="2" failures="1"/);
    assertMatch(xml, /<testcase classname="perf\.tiny" name="response_time_p95"/);
    assertMatch(
      xml,
      /<testcase classname="perf\.tiny" name="throughput"[^>]*>\s*<failure message="[^"]*req\/s/,
    );
  } finally {
    await target.close();
  }
});

Deno.test("--lock: a run holding the lock makes the next one refuse to start, sending nothing", async () => {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-lock-" });
  try {
    const lock = `${out}/perf.lock`;
    // pid 1 is always alive: another run holds the lock.
    await Deno.writeTextFile(
      lock,
      JSON.stringify({ pid: 1, started_at: "2026-11-25T00:00:00Z", command: "perf" }),
    );
    const file = await writeConfig(config(target.url));
    const refused = await runPerf(["run", "-c", file, "-s", "tiny", "-o", out, "--quiet", "--lock", lock]);
    assertEquals(refused.code, 2);
    assertMatch(refused.stderr, /Another run holds the lock ".*perf\.lock" \(pid 1,/);
    assertEquals(target.count(), 0);
    await Deno.remove(lock);
    const ran = await runPerf(["run", "-c", file, "-s", "tiny", "-o", out, "--quiet", "--lock", lock]);
    assertEquals(ran.code, 99, ran.stderr);
    assert(target.count() > 0);
    assertEquals(await Deno.stat(lock).then(() => true, () => false), false, "released after the run");
  } finally {
    await target.close();
  }
});

Deno.test("reporting.keep_last: only the newest runs of the scenario stay", async () => {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-keep-" });
  try {
    const file = await writeConfig(config(target.url, 1));
    // An older run of the same scenario, as a previous cron run left it.
    await Deno.mkdir(`${out}/20261101T000000Z-tiny`);
    await Deno.writeTextFile(`${out}/20261101T000000Z-tiny/result.json`, "{}");
    const run = await runPerf(["run", "-c", file, "-s", "tiny", "-o", out, "--quiet"]);
    assertMatch(run.stderr, /keep_last 1: removed 1 older run\(s\) of "tiny"/);
    const left = (await Array.fromAsync(Deno.readDir(out))).map((e) => e.name);
    assertEquals(left.length, 1);
    assert(left[0] !== "20261101T000000Z-tiny");
  } finally {
    await target.close();
  }
});
