/** `perf version`: perf, Deno, V8 and TypeScript versions, OS and architecture, and the kind of build. */
import { runPerf } from "../helpers/cli.ts";
import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { buildKind, formatVersion } from "../../src/cli/version_command.ts";
import { VERSION } from "../../src/version.ts";

Deno.test("perf version prints perf, deno, v8, typescript, os and build; --version only perf's", async () => {
  const ran = await runPerf(["version"]);
  assertEquals(ran.code, 0, ran.stderr);
  assertEquals(
    ran.stdout,
    `perf ${VERSION}\ndeno ${Deno.version.deno}\nv8 ${Deno.version.v8}\ntypescript ${Deno.version.typescript}\n` +
      `os ${Deno.build.os} ${Deno.build.arch}\nbuild source\n`,
  );
  const short = await runPerf(["--version"]);
  assertEquals([short.code, short.stdout], [0, `${VERSION}\n`]);
  assertMatch(VERSION, /^\d+\.\d+\.\d+/);
});

Deno.test("perf version: the build is source, bundle (one module URL for all) or binary", () => {
  assertEquals(buildKind("file:///repo/src/cli/version_command.ts", false), "source");
  assertEquals(buildKind("file:///tmp/x/perf.js", false), "bundle");
  assertEquals(buildKind("file:///tmp/deno-compile-perf/src/cli/version_command.ts", true), "binary");
  assertMatch(
    formatVersion({
      perf: "1.2.3",
      deno: "2.9.6",
      v8: "15.0",
      typescript: "6.0.3",
      os: "linux",
      arch: "x86_64",
      build: "bundle",
    }),
    /^perf 1\.2\.3\ndeno 2\.9\.6\nv8 15\.0\ntypescript 6\.0\.3\nos linux x86_64\nbuild bundle\n$/,
  );
});
