import { ExitCode, PerfError } from "../../src/errors.ts";
import type { RunResult } from "../../src/model/result.ts";
import {
  createRunDir,
  DEFAULT_OUT_DIR,
  resultJson,
  safeName,
  utcStamp,
  writeFileAtomic,
} from "../../src/result/write_result.ts";
import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";

const STARTED = new Date("2026-11-25T06:15:30.123Z");

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "perf_write_result_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("utcStamp: compact UTC, seconds precision", () => {
  const cases: [string, string][] = [
    ["2026-11-25T06:15:30.123Z", "20261125T061530Z"],
    ["2026-01-02T03:04:05.000Z", "20260102T030405Z"],
    ["1999-12-31T23:59:59.999Z", "19991231T235959Z"],
    // A local offset is converted to UTC.
    ["2026-06-01T01:30:00+02:00", "20260531T233000Z"],
  ];
  for (const [iso, stamp] of cases) assertEquals(utcStamp(new Date(iso)), stamp, iso);
});

Deno.test("safeName: file-system-safe scenario names", () => {
  const cases: [string, string][] = [
    ["stress", "stress"],
    ["load-test_v1.2", "load-test_v1.2"],
    ["my scenario", "my_scenario"],
    ["a / b", "a_b"],
    ["../etc/passwd", ".._etc_passwd"],
    ["héllo wörld", "h_llo_w_rld"],
    ["", "scenario"],
    ["x".repeat(100), "x".repeat(80)],
  ];
  for (const [name, safe] of cases) assertEquals(safeName(name), safe, JSON.stringify(name));
  for (const [name] of cases) assert(!safeName(name).includes("/"), name);
});

Deno.test("createRunDir: creates <out>/<stamp>-<name>, then -2, -3 within the same second", async () => {
  await withTempDir(async (tmp) => {
    const out = `${tmp}/reports/performance`;
    const first = await createRunDir(out, "my scenario", STARTED);
    assertEquals(first, `${out}/20261125T061530Z-my_scenario`);
    assert((await Deno.stat(first)).isDirectory);
    const second = await createRunDir(out, "my scenario", STARTED);
    assertEquals(second, `${out}/20261125T061530Z-my_scenario-2`);
    const third = await createRunDir(`${out}/`, "my scenario", STARTED);
    assertEquals(third, `${out}/20261125T061530Z-my_scenario-3`);
    assertEquals(await entries(out), [
      "20261125T061530Z-my_scenario",
      "20261125T061530Z-my_scenario-2",
      "20261125T061530Z-my_scenario-3",
    ]);
    // Another second or another scenario gets its own plain name.
    assertEquals(
      await createRunDir(out, "other", STARTED),
      `${out}/20261125T061530Z-other`,
    );
    assertEquals(
      await createRunDir(out, "my scenario", new Date("2026-11-25T06:15:31Z")),
      `${out}/20261125T061531Z-my_scenario`,
    );
  });
});

Deno.test("createRunDir: an unwritable location is a usage error (exit 2)", async () => {
  await withTempDir(async (tmp) => {
    const file = `${tmp}/not-a-dir`;
    await Deno.writeTextFile(file, "x");
    for (const out of [`${file}/sub`, file]) {
      const err = await assertRejects(
        () => createRunDir(out, "smoke", STARTED),
        PerfError,
        `Cannot write results to "${out}"`,
      );
      assertEquals(err.exitCode, ExitCode.usage, out);
      assertEquals(err.hint, "choose another directory with -o DIR");
    }
    assertEquals(await Deno.readTextFile(file), "x");
  });
});

Deno.test("writeFileAtomic: writes the text and leaves no temp file", async () => {
  await withTempDir(async (tmp) => {
    const path = `${tmp}/result.json`;
    await writeFileAtomic(path, "first\n");
    assertEquals(await Deno.readTextFile(path), "first\n");
    await writeFileAtomic(path, "second, longer text ✓\n");
    assertEquals(await Deno.readTextFile(path), "second, longer text ✓\n");
    assertEquals(await entries(tmp), ["result.json"]);
  });
});

Deno.test("writeFileAtomic: a missing directory rejects and creates nothing", async () => {
  await withTempDir(async (tmp) => {
    await assertRejects(() => writeFileAtomic(`${tmp}/missing/result.json`, "x"), Deno.errors.NotFound);
    assertEquals(await entries(tmp), []);
  });
});

// Regression (fixed): when the rename fails, the temp file is left behind. Input: writeFileAtomic("<tmp>/adir", "x")
// where <tmp>/adir is a directory (e.g. `--json reports/`). Expected: rejects, <tmp> holds only "adir";
// actual: rejects with IsADirectory and leaves "adir.tmp-XXXXXXXX" beside it.
Deno.test({
  name: "writeFileAtomic: a failed rename leaves no temp file",
  async fn() {
    await withTempDir(async (tmp) => {
      await Deno.mkdir(`${tmp}/adir`);
      await assertRejects(() => writeFileAtomic(`${tmp}/adir`, "x"));
      assertEquals(await entries(tmp), ["adir"]);
    });
  },
});

Deno.test("resultJson: pretty-printed with two spaces, newline-terminated, round-trips", () => {
  const result = { schema_version: 1, exit_code: 0, thresholds: [] } as unknown as RunResult;
  const text = resultJson(result);
  assertEquals(text, '{\n  "schema_version": 1,\n  "exit_code": 0,\n  "thresholds": []\n}\n');
  assertEquals(JSON.parse(text), result);
  assertEquals(DEFAULT_OUT_DIR, "reports/performance");
});
