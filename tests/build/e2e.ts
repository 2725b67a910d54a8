/**
 * End-to-end checks of a built perf (the bundle or the compiled binary), run as a separate process from a
 * temp directory outside the source tree, against loopback targets only.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";

export interface Built {
  /** The command and leading arguments, e.g. [deno, "run", "--cached-only", "-A", "/tmp/x/perf.js"]. */
  command: string[];
  /** The working directory: a temp dir outside the source tree. */
  cwd: string;
  env?: Record<string, string>;
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built perf with `args`, bounded to `timeoutMs`. */
export async function runBuilt(built: Built, args: string[], timeoutMs = 60_000): Promise<Ran> {
  const [cmd, ...lead] = built.command;
  const out = await new Deno.Command(cmd!, {
    args: [...lead, ...args],
    cwd: built.cwd,
    env: { NO_COLOR: "1", ...built.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

const show = (ran: Ran) => `exit ${ran.code}\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}`;

async function isFile(path: string): Promise<boolean> {
  return await Deno.stat(path).then((s) => s.isFile, () => false);
}

/** The run directories perf wrote under `outDir`. */
async function runDirs(outDir: string): Promise<string[]> {
  const dirs: string[] = [];
  for await (const entry of Deno.readDir(outDir)) if (entry.isDirectory) dirs.push(`${outDir}/${entry.name}`);
  return dirs;
}

export async function checkVersion(built: Built, build: string): Promise<void> {
  const ran = await runBuilt(built, ["version"]);
  assertEquals(ran.code, 0, show(ran));
  const { version } = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assertMatch(ran.stdout, new RegExp(`^perf ${version.replaceAll(".", "\\.")}\n`));
  assertMatch(ran.stdout, /\ndeno \d+\.\d+\.\d+\nv8 \S+\ntypescript \S+\nos \S+ \S+\n/);
  assertMatch(ran.stdout, new RegExp(`\nbuild ${build}\n$`));
}

/**
 * `perf demo`: starts its own demo API on loopback and runs a short test. Exit 0, or 99 when the demo's
 * latency and throughput thresholds fail on a busy machine; either way report.html is written and the
 * demo API counted every request perf counted.
 */
export async function checkDemo(built: Built): Promise<void> {
  const ran = await runBuilt(built, ["demo", "-t", "2s", "-u", "3", "--workers", "1", "-o", "demo-out"]);
  assert(ran.code === 0 || ran.code === 99, show(ran));
  assertMatch(ran.stdout, /The demo API counted (\d+) requests; perf counted \1\./);
  const [dir, ...more] = await runDirs(`${built.cwd}/demo-out`);
  assert(dir !== undefined && more.length === 0, "one run directory");
  assert(await isFile(`${dir}/report.html`), `${dir}/report.html written`);
  assert(await isFile(`${dir}/result.json`), `${dir}/result.json written`);
}

const USER_MODULE =
  `// A TypeScript user: types, an interface and an import of the user API that \`perf init\` wrote.
import { defineUser } from "./perf_user_api.ts";

interface Greeting {
  hello: string;
}

export default defineUser({
  wait_time: "constant(0.02)",
  tasks: [
    {
      name: "hello",
      run: async ({ http, check }) => {
        const res = await http.get("/hello");
        check(res.json<Greeting>().hello === "world", "greeting");
      },
    },
  ],
});
`;

/**
 * `perf init` (the embedded templates), then `perf run` of a TypeScript user module against a local
 * Deno.serve target for 2 s, a 1 s run of the built-in `smoke` preset (embedded), and `perf report` on
 * the first results directory.
 */
export async function checkRunAndReport(built: Built): Promise<void> {
  let served = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/hello") served++;
    return path === "/hello" ? Response.json({ hello: "world" }) : new Response("ok");
  });
  try {
    const init = await runBuilt(built, ["init", "proj"]);
    assertEquals(init.code, 0, show(init));
    for (const file of ["perf.yaml", "users/items_user.ts", "users/perf_user_api.ts", "data/items.csv"]) {
      assert(await isFile(`${built.cwd}/proj/${file}`), `perf init wrote ${file}`);
    }
    await Deno.writeTextFile(`${built.cwd}/proj/users/hello_user.ts`, USER_MODULE);
    await Deno.writeTextFile(
      `${built.cwd}/proj/hello.yaml`,
      `base_url: http://127.0.0.1:${server.addr.port}\n` +
        `scenarios:\n  hello:\n    users: 2\n    spawn_rate: 20\n    run_time: 2s\n` +
        `    user: users/hello_user.ts\n    thresholds:\n      error_rate: 0.01\n`,
    );
    const run = await runBuilt(built, [
      "run",
      "-c",
      "proj/hello.yaml",
      "-s",
      "hello",
      "--workers",
      "1",
      "-o",
      "run-out",
      "--quiet",
    ]);
    assertEquals(run.code, 0, show(run));
    const [dir] = await runDirs(`${built.cwd}/run-out`);
    assert(dir !== undefined, show(run));
    const result = JSON.parse(await Deno.readTextFile(`${dir}/result.json`));
    assert(result.summary.requests > 0, `requests made: ${JSON.stringify(result.summary)}`);
    assertEquals(result.summary.failures, 0, JSON.stringify(result.summary.errors));
    assertEquals(result.summary.requests, served, "perf counted every request the target served");

    // A built-in preset (embedded scenarios/smoke.yaml), shortened: GET / for 1 s.
    const smoke = await runBuilt(built, [
      "run",
      "-s",
      "smoke",
      "-H",
      `http://127.0.0.1:${server.addr.port}`,
      "-t",
      "1s",
      "--workers",
      "1",
      "-o",
      "smoke-out",
      "--quiet",
    ]);
    assert(smoke.code === 0 || smoke.code === 99, show(smoke)); // 99: its req/s threshold, on a busy machine
    const [smokeDir] = await runDirs(`${built.cwd}/smoke-out`);
    const smokeResult = JSON.parse(await Deno.readTextFile(`${smokeDir}/result.json`));
    assertEquals([smokeResult.run.scenario, smokeResult.run.test_type], ["smoke", "smoke"]);
    assertMatch(smokeResult.run.description, /smoke test/);

    await Deno.remove(`${dir}/report.html`);
    const report = await runBuilt(built, ["report", "run-out"]);
    assertEquals(report.code, 0, show(report));
    assert(await isFile(`${dir}/report.html`), `perf report re-rendered ${dir}/report.html`);
  } finally {
    await server.shutdown();
  }
}
