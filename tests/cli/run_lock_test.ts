import { acquireRunLock, parseLockOwner, processAlive } from "../../src/cli/run_lock.ts";
import { PerfError } from "../../src/errors.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";

const lockPath = async () => `${await Deno.makeTempDir({ prefix: "perf-lock-" })}/perf.lock`;
const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

Deno.test("run lock: a second run is refused while the first holds it; released after", async () => {
  const path = await lockPath();
  const first = await acquireRunLock(path, () => {});
  // Another live process (this test's parent shell would do; pid 1 always exists on Linux).
  const other = { pid: Deno.pid + 0, started_at: "now", command: "perf run" };
  await Deno.writeTextFile(path, JSON.stringify({ ...other, pid: 1 }));
  let refused: unknown;
  try {
    await acquireRunLock(path, () => {});
  } catch (error) {
    refused = error;
  }
  assert(refused instanceof PerfError, "refused with a PerfError");
  assertEquals(refused.exitCode, 2);
  assertMatch(refused.message, /Another run holds the lock ".*perf\.lock" \(pid 1,/);
  // The file now names pid 1, not us: releasing must leave it alone.
  await first.release();
  assert(await exists(path));
  await Deno.writeTextFile(path, JSON.stringify({ ...other }));
  const again = await acquireRunLock(path, () => {}).catch((e) => e);
  assert(!(again instanceof Error), "our own pid in the file is not another run");
  await again.release();
  assertEquals(await exists(path), false);
});

Deno.test("run lock: a stale lock (its process gone, or unreadable) is taken over with a note", async () => {
  for (const stale of [JSON.stringify({ pid: 999_999_999, started_at: "x", command: "perf" }), "garbage"]) {
    const path = await lockPath();
    await Deno.writeTextFile(path, stale);
    const notes: string[] = [];
    const lock = await acquireRunLock(path, (line) => notes.push(line));
    assertMatch(notes.join("\n"), /taking over a stale lock/);
    assertEquals(parseLockOwner(await Deno.readTextFile(path))?.pid, Deno.pid);
    await lock.release();
  }
});

Deno.test("processAlive: this process yes, an impossible pid no", async () => {
  assertEquals(await processAlive(Deno.pid), true);
  assertEquals(await processAlive(999_999_999), false);
  assertEquals(await processAlive(-1), false);
});
