/**
 * The single-file bundle (`deno task bundle`): built into a temp directory, copied alone into another temp
 * directory outside the source tree and run from there with an empty Deno cache and --cached-only, so
 * it needs no source tree, no node_modules, no npm download and no network: `perf version`, `perf demo`,
 * `perf init`, `perf run` with a TypeScript user module and `perf report`.
 */
import { buildBundle } from "../../src/build/bundle.ts";
import { type Built, checkDemo, checkRunAndReport, checkVersion } from "../build/e2e.ts";

Deno.test("bundle: dist/perf.js runs alone outside the source tree with an empty Deno cache", async (t) => {
  const buildDir = await Deno.makeTempDir({ prefix: "perf-bundle-build-" });
  const runDir = await Deno.makeTempDir({ prefix: "perf-bundle-run-" });
  const denoDir = await Deno.makeTempDir({ prefix: "perf-bundle-deno-dir-" });
  try {
    await t.step("deno task bundle builds one file", async () => {
      await buildBundle(`${buildDir}/perf.js`);
      await Deno.copyFile(`${buildDir}/perf.js`, `${runDir}/perf.js`);
    });
    const built: Built = {
      command: [Deno.execPath(), "run", "--cached-only", "--no-config", "-A", `${runDir}/perf.js`],
      cwd: runDir,
      env: { DENO_DIR: denoDir },
    };
    await t.step("perf version", () => checkVersion(built, "bundle"));
    await t.step("perf demo", () => checkDemo(built));
    await t.step("perf init, perf run with a TypeScript user, perf report", () => checkRunAndReport(built));
  } finally {
    for (const dir of [buildDir, runDir, denoDir]) await Deno.remove(dir, { recursive: true });
  }
});
