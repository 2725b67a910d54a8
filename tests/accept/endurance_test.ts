/**
 * Endurance analysis from the CLI against servers that worsen at a known pace (sped up: per second
 * rather than per minute, so the test takes seconds): the drift of p95 and of a Prometheus-monitored
 * memory gauge comes out within 10% of the truth; a flat server shows no drift. A local process is
 * monitored beside it.
 */
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { driftingServer } from "../helpers/targets.ts";

const MB = 2 ** 20;

async function enduranceRun(
  msPerSecond: number,
  bytesPerSecond: number,
  pidFile: string,
): Promise<RunResult> {
  const target = await driftingServer({ baseMs: 20, msPerSecond, bytesPerSecond });
  const out = await Deno.makeTempDir({ prefix: "perf-endurance-" });
  try {
    const file = await writeConfig(`base_url: "${target.url}"
monitor:
  - name: app
    prometheus: { url: "${target.url}/metrics", interval: 500ms, metrics: [app_memory_bytes] }
  - name: sidecar
    process: { pid_file: "${pidFile}" }
scenarios:
  soak:
    test_type: endurance
    users: 2
    run_time: 12s
    wait_time: 0.05
    endurance: { tolerance: 10 }
`);
    const run = await runPerf(["run", "-c", file, "-s", "soak", "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    return (await readOnlyResult(out)).result;
  } finally {
    await target.close();
  }
}

function drift(result: RunResult, series: string) {
  const found = result.endurance!.drift.find((d) => d.series === series);
  assert(found, `no drift for ${series} in ${result.endurance!.drift.map((d) => d.series).join(", ")}`);
  return found;
}

Deno.test("endurance: known p95 and memory slopes within 10%; a flat server drifts nowhere", async () => {
  const sidecar = new Deno.Command("sleep", { args: ["60"] }).spawn();
  const pidFile = await Deno.makeTempFile({ suffix: ".pid" });
  await Deno.writeTextFile(pidFile, `${sidecar.pid}\n`);
  try {
    // Latency +10 ms every second = 36 000 ms/h (large against timer jitter, so 12 points pin it down);
    // memory +1 MB every second = 3600 MB/h.
    const worsening = await enduranceRun(10, MB, pidFile);
    const p95 = drift(worsening, "p95_ms");
    assert(Math.abs(p95.slope_per_hour - 36_000) <= 3600, `p95 slope ${p95.slope_per_hour} ms/h vs 36000`);
    assertEquals(p95.fails, true);
    const memory = drift(worsening, "app.app_memory_bytes");
    assertEquals(memory.unit, "MB");
    assert(
      Math.abs(memory.slope_per_hour - 3600) <= 360,
      `memory slope ${memory.slope_per_hour} MB/h vs 3600`,
    );
    assertEquals(worsening.endurance!.verdict.ok, false);
    // Both monitors are in the result: the Prometheus gauge and the local process.
    const names = worsening.monitors!.series.map((s) => `${s.monitor}.${s.name}`);
    for (const name of ["app.app_memory_bytes", "sidecar.rss_mb", "sidecar.threads"]) {
      assert(names.includes(name), `${name} in ${names.join(", ")}`);
    }

    const flat = await enduranceRun(0, 0, pidFile);
    const flatDrifts = flat.endurance!.drift.filter((d) => d.fails).map((d) => d.series);
    assertEquals(flatDrifts, []);
    assertEquals(flat.endurance!.verdict.ok, true);
  } finally {
    sidecar.kill();
    await sidecar.status;
  }
});
