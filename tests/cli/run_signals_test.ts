/** Acceptance: Ctrl-C stops cleanly, writes partial results and exits 105. */
import { assert, assertEquals, assertGreater, assertLess, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

const longRun = (url: string) =>
  `base_url: "${url}"
scenarios:
  long:
    users: 4
    run_time: 60s
    wait_time: 0.01
`;

Deno.test("an interrupted run (in-process) writes partial results that match the server and exits 105", async () => {
  const target = countingServer({ delayMs: 5 });
  try {
    const out = await Deno.makeTempDir();
    const started = performance.now();
    const run = await runPerf(["run", "-c", await writeConfig(longRun(target.url)), "-o", out, "--quiet"], {
      interruptAfterMs: 1500,
    });
    assertLess(performance.now() - started, 10_000);
    assertEquals(run.code, 105, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals(result.run.status, "interrupted");
    assertEquals(result.exit_code, 105);
    assertGreater(result.summary.requests, 20);
    assertEquals(result.summary.requests, target.count());
    assertLess(result.run.duration_s, 5);
    assertMatch(run.stdout, /INTERRUPTED after/);
  } finally {
    await target.close();
  }
});

Deno.test("SIGINT to the perf process writes result.json and exits 105", async () => {
  const target = countingServer({ delayMs: 5 });
  const out = await Deno.makeTempDir();
  const config = await writeConfig(longRun(target.url));
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, "run", "-c", config, "-o", out],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    // Wait until the load is flowing, then interrupt.
    for (let i = 0; i < 200 && target.count() < 20; i++) await new Promise((r) => setTimeout(r, 50));
    assertGreater(target.count(), 0);
    child.kill("SIGINT");
    const status = await child.output();
    const stdout = new TextDecoder().decode(status.stdout);
    assertEquals(status.code, 105, new TextDecoder().decode(status.stderr));
    const { result } = await readOnlyResult(out);
    assertEquals(result.run.status, "interrupted");
    assertEquals(result.summary.requests, target.count());
    assert(stdout.includes("result.json"), stdout);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await target.close();
  }
});

Deno.test("a stress run interrupted mid-step: that step and the ones after are not judged, none is the breaking point", async () => {
  // The measured defect: stopped during a step, the preset reported that step as its breaking point with
  // 0 req/s and thresholds "failed" whose values met their limits.
  const target = countingServer({ delayMs: 2 });
  try {
    const out = await Deno.makeTempDir();
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  stress:
    stress: { unit: rate, start: 40, step: 40, max: 200, step_duration: 2s, recovery_limit: 2s }
    max_users: 20
    thresholds: { response_time_p95: 1000, error_rate: 0.05 }
`);
    // 2 s steps: the stop lands in the third step (4-6 s), after its settle.
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"], { interruptAfterMs: 5200 });
    assertEquals(run.code, 105, run.stderr);
    const { result } = await readOnlyResult(out);
    const stress = result.stress!;
    assertEquals(result.summary.requests, target.count());
    assertEquals(stress.breaking_point, undefined);
    const [first, second, ...rest] = stress.steps;
    assert(first!.ok && second!.ok, JSON.stringify(stress.steps));
    assert(rest.length > 0 && rest.every((s) => !s.ok && s.not_judged && s.failed.length === 0));
    assertMatch(stress.verdict, /Never broke: every judged step up to \d+\/s passed\. Not judged: /);
  } finally {
    await target.close();
  }
});
