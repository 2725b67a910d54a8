/**
 * Acceptance for the capacity search against a target faster than perf (issue 15): nginx on loopback
 * answers far more than one perf worker can send, so with `--workers 1` the search must stop at perf's
 * own limit and say so (the busiest worker thread at its core's limit), never report it as the target's
 * breaking point, and leave nothing to recover from. nginx's access log counts what it answered, which
 * must equal perf's count.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { NGINX, startNginx, tempPathDirectives, userDirective } from "../helpers/nginx.ts";
import { assertToolAvailable } from "../helpers/tools.ts";

Deno.test("capacity search: against nginx with one worker, the limit found is perf's and it says so", async () => {
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
    // Probing from 4000/s by ×2: a worker of perf tops out at a few tens of thousands per second here.
    const config = await writeConfig(`base_url: "${nginx.url}"
scenarios:
  stress:
    stress:
      search: { start_rate: 4000, min_step: 4s, max_step: 6s, min_samples: 400, max_duration: 150s }
      recovery_limit: 6s
    max_users: 500
    # Loose limits instead of the default criteria (5 × the first step's p95): on a loaded CI box the
    # loopback p95 moves by milliseconds long before perf's worker tops out.
    thresholds: { response_time_p95: 2000, error_rate: 0.05 }
    tasks:
      - { name: ok, path: /ok }
`);
    const out = await Deno.makeTempDir({ prefix: "perf-genlimit-out-" });
    const run = await runPerf(["run", "-c", config, "--workers", "1", "-o", out]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const search = result.stress!.search!;
    const steps = search.path.map((s) =>
      `${s.rate}/s ${s.achieved_rps} ${s.verdict} ${s.reasons.join("; ")}`
    );
    assertEquals(search.stopped_by, "generator_limit", steps.join("\n"));
    const last = search.path.at(-1)!;
    assertEquals(last.verdict, "generator_limit");
    assertMatch(last.reasons.join(" "), /busiest worker thread used \d+(\.\d+)?% of its core|perf used/);
    // Every step before perf's limit held: the target never broke, so no breaking point and no recovery.
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
