/** assertSnapshot under CI: a mismatch fails and PERF_UPDATE_SNAPSHOTS=1 is refused, the file untouched. */
import { assertEquals, assertRejects } from "./assert.ts";
import { assertSnapshot } from "./snapshot.ts";

async function withEnv(vars: Record<string, string | undefined>, fn: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, Deno.env.get(k)]));
  const set = (k: string, v: string | undefined) => v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
  try {
    for (const [k, v] of Object.entries(vars)) set(k, v);
    await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) set(k, v);
  }
}

Deno.test("snapshots under CI: a mismatch fails and is never written, even with PERF_UPDATE_SNAPSHOTS=1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "perf-snapshot-" });
  const url = new URL(`file://${dir}/golden.txt`);
  try {
    await Deno.writeTextFile(url, "stored\n");
    await withEnv({ CI: "true", PERF_UPDATE_SNAPSHOTS: undefined }, async () => {
      await assertSnapshot(url, "stored\n");
      await assertRejects(() => assertSnapshot(url, "rendered\n"));
    });
    await withEnv({ CI: "1", PERF_UPDATE_SNAPSHOTS: "1" }, async () => {
      const error = await assertRejects(() => assertSnapshot(url, "rendered\n"));
      assertEquals(/under CI/.test(error.message), true, error.message);
    });
    assertEquals(await Deno.readTextFile(url), "stored\n");
    await withEnv({ CI: undefined, PERF_UPDATE_SNAPSHOTS: "1" }, () => assertSnapshot(url, "rendered\n"));
    assertEquals(await Deno.readTextFile(url), "rendered\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
