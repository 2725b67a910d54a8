/**
 * The compiled binary (`deno task compile`): built into a temp directory and run from there, outside the
 * source tree: `perf version`, `perf demo`, and `perf init` + `perf run` of a TypeScript user +
 * `perf report`. `deno compile` downloads Deno's runtime (denort) on first use, so on a machine that
 * cannot (no network beyond the npm registry, as in CI) a quick probe decides up front that the test is
 * skipped: it shows as "ignored" in the summary, with the reason printed above it. The bundle test
 * (tests/accept/bundle_test.ts) covers the same checks everywhere.
 */
import { assert } from "../helpers/assert.ts";
import { type Built, checkDemo, checkRunAndReport, checkVersion } from "./e2e.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** `deno task compile` with the output redirected to `out`. */
async function compileArgs(out: string): Promise<string[]> {
  const { tasks } = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const args = (tasks.compile as string).split(/\s+/);
  const o = args.indexOf("-o");
  assert(args[0] === "deno" && args[1] === "compile" && o > 0, `unexpected compile task: ${tasks.compile}`);
  args[o + 1] = out;
  return args.slice(1);
}

/** Why `deno compile` cannot work here, or undefined when it can: compiles a one-line module. */
async function compileUnavailable(): Promise<string | undefined> {
  const dir = await Deno.makeTempDir({ prefix: "perf-compile-probe-" });
  try {
    await Deno.writeTextFile(`${dir}/probe.ts`, "console.log('ok');\n");
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["compile", "--no-config", "-o", `${dir}/probe`, `${dir}/probe.ts`],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    }).output();
    if (out.success) return undefined;
    const lines = decode(out.stderr).split("\n").map((line) => line.trim()).filter((line) => line !== "");
    const cause = lines.find((line) => /error sending request/.test(line)) ??
      lines.find((line) => /error/.test(line));
    const download = lines.some((line) => /denort|error sending request|dns/i.test(line));
    return `${download ? "it cannot download its runtime (denort)" : `exit ${out.code}`}: ${
      cause ?? "no message"
    }`;
  } catch (error) {
    return `the probe failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const unavailable = await compileUnavailable();
if (unavailable) {
  console.log(
    `\nSKIPPED tests/build/compile_test.ts: \`deno compile\` does not work on this machine, ${unavailable}.\n` +
      `The compiled binary is tested where \`deno compile\` works; the bundle test covers the same checks.\n`,
  );
}

Deno.test({
  name: `compiled binary: dist/perf runs outside the source tree${
    unavailable ? " (SKIPPED: deno compile cannot work here)" : ""
  }`,
  ignore: unavailable !== undefined,
  fn: async (t) => {
    const buildDir = await Deno.makeTempDir({ prefix: "perf-compile-build-" });
    const runDir = await Deno.makeTempDir({ prefix: "perf-compile-run-" });
    try {
      await t.step("deno task compile", async () => {
        const out = await new Deno.Command(Deno.execPath(), {
          args: await compileArgs(`${buildDir}/perf`),
          cwd: ROOT,
          env: { NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
          signal: AbortSignal.timeout(180_000),
        }).output();
        assert(out.success, `deno compile failed:\n${decode(out.stdout)}${decode(out.stderr)}`);
        await Deno.copyFile(`${buildDir}/perf`, `${runDir}/perf`);
        await Deno.chmod(`${runDir}/perf`, 0o755);
      });
      const built: Built = { command: [`${runDir}/perf`], cwd: runDir };
      await t.step("perf version", () => checkVersion(built, "binary"));
      await t.step("perf demo", () => checkDemo(built));
      await t.step("perf init, perf run with a TypeScript user, perf report", () => checkRunAndReport(built));
    } finally {
      for (const dir of [buildDir, runDir]) await Deno.remove(dir, { recursive: true });
    }
  },
});
