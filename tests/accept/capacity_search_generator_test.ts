/**
 * Acceptance for the capacity search against a target faster than perf (issue 15): a TypeScript user
 * that spends 0.15 ms of CPU per iteration (as a user that signs or parses would) caps one perf worker
 * at a few thousand iterations/s, while nginx on loopback answers many times that. With `--workers 1`
 * the search must stop at perf's own limit and say so (the busiest worker thread never idle), never
 * report it as the target's breaking point, and leave nothing to recover from. nginx's access log
 * counts what it answered, which must equal perf's count.
 *
 * A process spinning on one core crowds the machine, as a loaded CI box does: the worker then gets well
 * under a core of CPU, and only its time waiting for one shows it at its limit. (With plain GETs, perf
 * and nginx unpinned on two cores top out at similar rates, and which gives first depends on the box.)
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { NGINX, startNginx, tempPathDirectives, userDirective } from "../helpers/nginx.ts";
import { assertToolAvailable } from "../helpers/tools.ts";

const API = new URL("../../src/user/api.ts", import.meta.url).href;

/**
 * Runs `fn` while another process spins on a core. Bounded twice: SIGTERM to `timeout` here (it passes the
 * signal on to the spinning shell; a SIGKILL would leave the shell running), and `timeout` itself ends it
 * after 300 s should this test process die first.
 */
async function crowded<T>(fn: () => Promise<T>): Promise<T> {
  const hog = new Deno.Command("timeout", { args: ["300", "sh", "-c", "while :; do :; done"] }).spawn();
  try {
    return await fn();
  } finally {
    hog.kill("SIGTERM");
    await hog.status;
  }
}

Deno.test("capacity search: one worker at its limit on a crowded machine is perf's limit, not nginx's, and it says so", async () => {
  assertToolAvailable("nginx", typeof NGINX === "string" ? NGINX : undefined);
  const build = NGINX as Exclude<typeof NGINX, string>;
  const dir = await Deno.makeTempDir({ prefix: "perf-genlimit-" });
  const nginx = await startNginx(dir, (port) =>
    `${userDirective()}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log combined buffer=256k;
  ${tempPathDirectives(dir, build)}
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    location = /ok { return 200 "ok"; }
  }
}
`);
  let stopped = false;
  try {
    // Probing from 1000/s by ×2: 1000/s uses about a fifth of the worker's core; 8000/s needs more than
    // all of it, and on the crowded machine it gets far less.
    const config = await writeConfig(`base_url: "${nginx.url}"
scenarios:
  stress:
    user: user.ts
    stress:
      search: { start_rate: 1000, min_step: 4s, max_step: 6s, min_samples: 400, max_duration: 150s }
      recovery_limit: 6s
    max_users: 500
    # Loose limits instead of the default criteria (5 × the first step's p95): on a loaded CI box the
    # loopback p95 moves by milliseconds long before perf's worker tops out.
    thresholds: { response_time_p95: 2000, error_rate: 0.05 }
`);
    await Deno.writeTextFile(
      config.replace(/perf\.yaml$/, "user.ts"),
      `import { defineUser } from "${API}";
const burnMs = 0.15;
export default defineUser({
  tasks: [{ name: "ok", run: async ({ http }) => {
    const until = performance.now() + burnMs;
    while (performance.now() < until); // CPU the worker spends per iteration, as real work would
    await http.get("/ok");
  } }],
});
`,
    );
    const out = await Deno.makeTempDir({ prefix: "perf-genlimit-out-" });
    const run = await crowded(() => runPerf(["run", "-c", config, "--workers", "1", "-o", out]));
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const search = result.stress!.search!;
    const steps = search.path.map((s) =>
      `${s.rate}/s ${s.achieved_rps} ${s.verdict} ${s.reasons.join("; ")}`
    );
    assertEquals(search.stopped_by, "generator_limit", steps.join("\n"));
    const last = search.path.at(-1)!;
    assertEquals(last.verdict, "generator_limit");
    assertMatch(last.reasons.join(" "), /busiest worker thread was busy \d+(\.\d+)?% of the time|perf used/);
    // Every step before perf's limit held: the target never broke, so no breaking point and no recovery.
    assert(search.path.length >= 2, `perf's limit came before any step held:\n${steps.join("\n")}`);
    assert(search.path.slice(0, -1).every((s) => s.verdict === "held"), steps.join("\n"));
    assertEquals(search.bracket.failed, undefined);
    assertEquals(result.stress!.breaking_point, undefined);
    assertEquals(result.stress!.max_sustainable_rps, search.path.at(-2)?.achieved_rps);
    assertMatch(run.stdout, /the limit found is perf's, not the target's \(raise --workers/);
    assertMatch(run.stdout, /Recovery: nothing to recover from/);
    await nginx.stop();
    stopped = true;
    const logged = (await Deno.readTextFile(`${dir}/access.log`)).split("\n").filter((l) => l !== "").length;
    assertEquals(result.summary.requests, logged);
  } finally {
    if (!stopped) await nginx.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
