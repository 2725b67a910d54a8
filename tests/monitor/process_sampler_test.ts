import {
  assert,
  assertEquals,
  assertGreater,
  assertGreaterOrEqual,
  assertNotEquals,
} from "../helpers/assert.ts";
import { type ProcessSample, ProcessSampler } from "../../src/monitor/process_sampler.ts";
import { findByCommand, parseCmdline } from "../../src/monitor/proc.ts";
import { sleep, spawnChild, waitFor } from "./helpers.ts";

function assertLooksAlive(sample: ProcessSample, pid: number): void {
  assertEquals(sample.pid, pid);
  assertGreater(sample.rss_mb, 0);
  assertGreaterOrEqual(sample.threads, 1);
  assertGreaterOrEqual(sample.open_files!, 3);
}

/** Samples until the sampler reports an error (a killed process takes a moment to go). */
function nextError(sampler: ProcessSampler): Promise<string> {
  return waitFor(async () => {
    const outcome = await sampler.sample();
    return outcome.ok ? undefined : outcome.error;
  });
}

Deno.test("a process by pid: CPU from the second sample, then an error once it is killed", async () => {
  const child = spawnChild();
  try {
    const sampler = new ProcessSampler({ pid: child.pid });
    const first = await sampler.sample();
    assert(first.ok, JSON.stringify(first));
    assertLooksAlive(first.value, child.pid);
    assertEquals(first.value.cpu_pct, undefined);
    await sleep(150);
    const second = await sampler.sample();
    assert(second.ok, JSON.stringify(second));
    assertGreaterOrEqual(second.value.cpu_pct!, 0);
    child.process.kill("SIGKILL");
    assertEquals(await nextError(sampler), `process ${child.pid} is not running`);
  } finally {
    await child.kill();
  }
});

Deno.test("a process by command match is found again after a restart", async () => {
  const first = spawnChild();
  let second: ReturnType<typeof spawnChild> | undefined;
  try {
    const sampler = new ProcessSampler({ command: first.marker });
    const found = await waitFor(async () => {
      const outcome = await sampler.sample();
      return outcome.ok ? outcome.value : undefined;
    });
    assertLooksAlive(found, first.pid);
    await first.kill();
    assertEquals(await nextError(sampler), `no running process matches command "${first.marker}"`);
    second = spawnChild(first.marker);
    const again = await waitFor(async () => {
      const outcome = await sampler.sample();
      return outcome.ok ? outcome.value : undefined;
    });
    assertEquals(again.pid, second.pid);
  } finally {
    await first.kill();
    await second?.kill();
  }
});

Deno.test("a process by regex command match; perf's own process never matches", async () => {
  const child = spawnChild();
  try {
    const pattern = `/${child.marker.replace(/-/g, "\\-")}/`;
    assertEquals(await waitFor(() => findByCommand(pattern)), child.pid);
    // Perf's own command line matches itself, but perf is never its own target.
    const own = parseCmdline(await Deno.readTextFile("/proc/self/cmdline"));
    assertNotEquals(await findByCommand(own), Deno.pid);
  } finally {
    await child.kill();
  }
});

Deno.test("a process by pid_file follows the file to a restarted process", async () => {
  const dir = await Deno.makeTempDir();
  const pidFile = `${dir}/server.pid`;
  const first = spawnChild();
  let second: ReturnType<typeof spawnChild> | undefined;
  try {
    const sampler = new ProcessSampler({ pid_file: pidFile });
    assertEquals(await sampler.sample(), { ok: false, error: `pid_file "${pidFile}" not found` });
    await Deno.writeTextFile(pidFile, `${first.pid}\n`);
    const alive = await sampler.sample();
    assert(alive.ok, JSON.stringify(alive));
    assertLooksAlive(alive.value, first.pid);
    await first.kill();
    assertEquals(
      await nextError(sampler),
      `process ${first.pid} (from pid_file "${pidFile}") is not running`,
    );
    second = spawnChild();
    await Deno.writeTextFile(pidFile, `${second.pid}\n`);
    const restarted = await sampler.sample();
    assert(restarted.ok && restarted.value.pid === second.pid, JSON.stringify(restarted));
  } finally {
    await first.kill();
    await second?.kill();
    await Deno.remove(dir, { recursive: true });
  }
});
