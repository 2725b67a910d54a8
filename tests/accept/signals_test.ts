/**
 * Reliability: SIGINT and SIGTERM sent to a real `perf` process (deno run -A main.ts) during ramp-up,
 * steady state and report writing. Each leaves a complete, valid result.json for the time that ran,
 * with nothing lost (perf's count equals the server's), and no crash on stderr.
 *
 * Hitting "report writing" deterministically: result.json is written first, then report.html (about
 * 300 ms for the 200 endpoints used here), then the summary and `Results:` line. The test polls the run
 * directory every 2 ms and signals as soon as result.json exists; it checks that report.html did not
 * exist yet at that moment, so the signal really landed while the report was being written.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { writeConfig } from "../helpers/cli.ts";
import { crashSigns, type PerfChild, reap, spawnPerf, waitFor } from "../helpers/hostile.ts";
import { countingServer } from "../helpers/targets.ts";
import type { RunResult } from "../../src/model/result.ts";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The single run directory under `out`, if perf created it yet. */
function runDir(out: string): string | undefined {
  for (const entry of Deno.readDirSync(out)) if (entry.isDirectory) return `${out}/${entry.name}`;
  return undefined;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Parses result.json and checks the fields every result must have. */
function readValidResult(dir: string): RunResult {
  const result = JSON.parse(Deno.readTextFileSync(`${dir}/result.json`)) as RunResult;
  assertEquals(result.schema_version, 1);
  for (const key of ["run", "summary", "endpoints", "timeline", "thresholds", "generator", "exit_code"]) {
    assert(key in result, `result.json lacks "${key}"`);
  }
  assert(Date.parse(result.run.ended_at) >= Date.parse(result.run.started_at));
  assertGreater(result.run.duration_s, 0);
  assert(typeof result.summary.histogram === "string" && result.summary.histogram.length > 0);
  // No temp file of the atomic write is left behind.
  assertEquals([...Deno.readDirSync(dir)].filter((e) => e.name.includes(".tmp-")).map((e) => e.name), []);
  return result;
}

interface Interrupted {
  code: number;
  stdout: string;
  stderr: string;
  result: RunResult;
  dir: string;
}

/** Runs perf on `config`, calls `signalWhen` to pick the moment, sends `signal`, waits for the end. */
async function interrupt(
  configText: string,
  signal: Deno.Signal,
  signalWhen: (child: PerfChild, out: string) => Promise<void>,
): Promise<Interrupted> {
  const config = await writeConfig(configText);
  const out = await Deno.makeTempDir({ prefix: "perf-signal-" });
  let child: PerfChild | undefined;
  try {
    child = spawnPerf(["run", "-c", config, "-o", out], { sampleMs: 1000 });
    await signalWhen(child, out);
    child.kill(signal);
    const started = performance.now();
    const done = await child.done;
    assertLess(performance.now() - started, 15_000, "perf took too long to stop");
    assertEquals(crashSigns(done.stderr), [], done.stderr);
    const dir = runDir(out)!;
    return { code: done.code, stdout: done.stdout, stderr: done.stderr, result: readValidResult(dir), dir };
  } finally {
    await reap(child);
    await Deno.remove(config.replace(/\/[^/]*$/, ""), { recursive: true });
  }
}

const scenario = (url: string, users: number, spawnRate: number) =>
  `base_url: "${url}"
scenarios:
  signals:
    users: ${users}
    spawn_rate: ${spawnRate}
    run_time: 60s
    wait_time: 0.02
    workers: 1
`;

for (const signal of SIGNALS) {
  Deno.test(`${signal} during ramp-up: interrupted result.json for the time that ran, exit 105`, async () => {
    const target = countingServer({ delayMs: 2 });
    try {
      // 20 users at 4/s: the ramp takes 5 s; the signal comes once the first user's requests arrive.
      const run = await interrupt(scenario(target.url, 20, 4), signal, async () => {
        assert(await waitFor(() => target.count() >= 5, 20_000), "no load arrived");
      });
      assertEquals(run.code, 105, run.stderr);
      assertEquals([run.result.run.status, run.result.exit_code], ["interrupted", 105]);
      assertEquals(run.result.summary.requests, target.count(), "perf lost requests the server saw");
      const peakUsers = Math.max(...run.result.timeline.map((p) => p.users));
      assertLess(peakUsers, 20, "the signal came during the ramp");
      assertLess(run.result.run.duration_s, 5);
      assert(exists(`${run.dir}/report.html`), "the report of the partial run was written");
      assert(run.stdout.includes("INTERRUPTED after"), run.stdout);
    } finally {
      await target.close();
    }
  });

  Deno.test(`${signal} in steady state: interrupted result.json, nothing lost, exit 105`, async () => {
    const target = countingServer({ delayMs: 2 });
    try {
      let firstAt = 0;
      const run = await interrupt(scenario(target.url, 4, 100), signal, async () => {
        assert(await waitFor(() => target.count() > 0, 20_000), "no load arrived");
        firstAt = performance.now();
        await waitFor(() => false, 1500);
      });
      assertGreater(performance.now() - firstAt, 1500);
      assertEquals(run.code, 105, run.stderr);
      assertEquals([run.result.run.status, run.result.exit_code], ["interrupted", 105]);
      assertEquals(run.result.summary.requests, target.count(), "perf lost requests the server saw");
      assertGreater(run.result.summary.requests, 50);
      assertEquals(run.result.summary.failures, 0);
      assertEquals(Math.max(...run.result.timeline.map((p) => p.users)), 4);
    } finally {
      await target.close();
    }
  });
}

Deno.test("SIGINT then SIGTERM: the second signal interrupts requests in flight; they are counted, not lost", async () => {
  // Every request takes 4 s, well inside the 10 s graceful stop: only the second signal can cut them short.
  const target = countingServer({ delayMs: 4000 });
  try {
    const run = await interrupt(scenario(target.url, 3, 100), "SIGTERM", async (child) => {
      assert(await waitFor(() => target.count() >= 3, 20_000), "no load arrived");
      child.kill("SIGINT");
      assert(await waitFor(() => child.stderr().includes("stopping"), 5000), "no sign of the first signal");
    });
    assertEquals(run.code, 105, run.stderr);
    assertEquals(run.result.run.status, "interrupted");
    assertLess(run.result.run.duration_s, 3.5, "the in-flight requests were not cut short");
    assertEquals(run.result.summary.requests, target.count());
    assertEquals(run.result.summary.errors, { interrupted: target.count() });
  } finally {
    await target.close();
  }
});

/** A run whose report takes ~300 ms to write: 200 endpoints, each with its rows and charts. */
function bigReportScenario(url: string): string {
  const tasks = Array.from({ length: 200 }, (_, i) => `      - { name: e${i}, path: /e${i} }`).join("\n");
  return `base_url: "${url}"
scenarios:
  report:
    users: 4
    run_time: 1s
    wait_time: 0.01
    workers: 1
    tasks:
${tasks}
`;
}

/** Signals as soon as result.json exists; returns whether report.html existed at that moment. */
async function duringReportWriting(out: string): Promise<boolean> {
  const written = await waitFor(
    () => {
      const dir = runDir(out);
      return dir !== undefined && exists(`${dir}/result.json`);
    },
    30_000,
    2,
  );
  assert(written, "result.json never appeared");
  return exists(`${runDir(out)}/report.html`);
}

for (const signal of SIGNALS) {
  Deno.test(`${signal} during report writing: result.json stays complete and the report is finished`, async () => {
    const target = countingServer();
    try {
      let reportExisted = true;
      const run = await interrupt(bigReportScenario(target.url), signal, async (_child, out) => {
        reportExisted = await duringReportWriting(out);
      });
      assert(!reportExisted, "the signal came after the report was written: the window was missed");
      // The load had ended: the result is the full run's, and the report was still written.
      assertEquals(run.result.summary.requests, target.count());
      assertEquals(run.result.endpoints.reduce((n, e) => n + e.requests, 0), run.result.summary.requests);
      assert(exists(`${run.dir}/report.html`), "report.html was not written");
      assert(run.stdout.includes("Results:"), run.stdout);
      // The run itself completed (its result says so); the command was stopped by the user: exit 105.
      assertEquals([run.result.run.status, run.result.exit_code, run.code], ["completed", 0, 105]);
    } finally {
      await target.close();
    }
  });
}

// Issue 10: a signal during report writing still exits 105 (the command reads the stop signal after the
// results are written).
Deno.test({
  name: "SIGTERM during report writing exits 105",
  async fn() {
    const target = countingServer();
    try {
      const run = await interrupt(bigReportScenario(target.url), "SIGTERM", async (_child, out) => {
        await duringReportWriting(out);
      });
      assertEquals(run.code, 105);
    } finally {
      await target.close();
    }
  },
});
