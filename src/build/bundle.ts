/**
 * `deno task bundle [OUT]`: builds the single-file bundle of perf, `dist/perf.js` by default, with
 * `deno bundle` (esbuild) from src/build/bundle_entry.ts. Everything is inside that one file: the CLI, the
 * worker code (the bundle is its own worker module), the npm dependencies (inlined; only `node:`
 * built-ins stay imports) and the presets and `perf init` templates (src/assets/embedded.ts). It runs
 * with `deno run -A perf.js` from anywhere, with no node_modules, no Deno cache and no network.
 * Building needs the npm dependencies in Deno's cache and fetches esbuild from the npm registry once.
 */

const ROOT = new URL("../../", import.meta.url).pathname;
export const BUNDLE_ENTRY = "src/build/bundle_entry.ts";
export const DEFAULT_BUNDLE = "dist/perf.js";

/** Builds the bundle at `out` (relative to the repository root, or absolute); throws with deno's output. */
export async function buildBundle(out: string = DEFAULT_BUNDLE): Promise<void> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "deno", "--output", out, BUNDLE_ENTRY],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (!result.success) {
    throw new Error(
      `deno bundle failed (exit ${result.code}):\n${decode(result.stdout)}${decode(result.stderr)}`,
    );
  }
}

if (import.meta.main) {
  const out = Deno.args[0] ?? DEFAULT_BUNDLE;
  await buildBundle(out);
  const { size } = await Deno.stat(out.startsWith("/") ? out : `${ROOT}${out}`);
  console.log(`wrote ${out} (${(size / 1e6).toFixed(1)} MB): run it with \`deno run -A ${out} --help\``);
}
