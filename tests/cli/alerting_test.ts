/**
 * Alerting from the CLI against a local webhook receiver: a live threshold breaking every second alerts
 * once per cooldown, the end of the failed run alerts too, outcomes land in result.json; a receiver that
 * never answers costs a bounded wait and changes neither the exit code nor the results; and no secret
 * (the webhook's token, given through the environment) appears in any output.
 */
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

const TOKEN = "T0KEN-s3cr3t-9f8e7d6c";

/** A webhook receiver recording the alerts it gets; `hang` never answers. */
function receiver(hang = false) {
  const received: { kind: string; title: string }[] = [];
  const pending: ((r: Response) => void)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.json();
    received.push({ kind: body.kind, title: body.title });
    if (hang) return await new Promise<Response>((resolve) => pending.push(resolve));
    return new Response("ok");
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hooks/${TOKEN}`,
    received,
    close: async () => {
      for (const resolve of pending) resolve(new Response("late"));
      await server.shutdown();
    },
  };
}

function config(target: string, extra = ""): string {
  return `base_url: "${target}"
alerting:
  enabled: true
  cooldown: 1h
  timeout: 500ms
  retries: 1
  webhook:
    enabled: true
    url: "\${ALERT_WEBHOOK}"
    on: [breach, failure]
${extra}scenarios:
  failing:
    users: 1
    run_time: 4s
    wait_time: 0.05
    thresholds:
      error_rate: { limit: 0.1, window: 1s }
`;
}

async function everyOutput(dir: string, run: { stdout: string; stderr: string }): Promise<string> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile) files.push(await Deno.readTextFile(`${dir}/${entry.name}`));
  }
  return [run.stdout, run.stderr, ...files].join("\n");
}

Deno.test("alerts: one breach alert per threshold per cooldown, one at the end; outcomes in result.json", async () => {
  const target = countingServer({ status: 500 });
  const hook = receiver();
  const out = await Deno.makeTempDir({ prefix: "perf-alert-" });
  try {
    const file = await writeConfig(config(target.url));
    const run = await runPerf(["run", "-c", file, "-o", out, "--quiet"], {
      env: { ALERT_WEBHOOK: hook.url },
    });
    assertEquals(run.code, 99, run.stderr);
    // Failing every second for 4 s, but a 1 h cooldown: one breach; then the failed run's end.
    assertEquals(hook.received.map((r) => r.kind), ["breach", "failure"]);
    assertMatch(hook.received[0]!.title, /^perf: failing BREACH: error_rate 100\.00% \(limit <= 10%\)$/);
    const { dir, result } = await readOnlyResult(out);
    assertEquals((result as RunResult).alerts!.map((a) => [a.kind, a.channel, a.ok]), [
      ["breach", "webhook", true],
      ["failure", "webhook", true],
    ]);
    assertMatch(run.stderr, /alerts sent: breach via webhook, failure via webhook/);
    assert(!(await everyOutput(dir, run)).includes(TOKEN), "the webhook token leaked into an output");
  } finally {
    await target.close();
    await hook.close();
  }
});

Deno.test("alerts: a receiver that never answers is a bounded, redacted warning; exit code and results unchanged", async () => {
  const target = countingServer({ status: 500 });
  const hook = receiver(true);
  const out = await Deno.makeTempDir({ prefix: "perf-alert-" });
  try {
    const file = await writeConfig(config(target.url));
    const started = performance.now();
    const run = await runPerf(["run", "-c", file, "-o", out, "--quiet"], {
      env: { ALERT_WEBHOOK: hook.url },
    });
    const seconds = (performance.now() - started) / 1000;
    assertEquals(run.code, 99, run.stderr);
    // 4 s of run, then at most 2 attempts × 0.5 s + backoff for the end alert.
    assert(seconds < 12, `took ${seconds.toFixed(1)} s`);
    assertMatch(run.stderr, /failure alert on webhook not delivered after 2 attempt\(s\): .*timed out/);
    const { dir, result } = await readOnlyResult(out);
    assertEquals(result.exit_code, 99);
    assertEquals(result.alerts!.every((a) => !a.ok), true);
    assertEquals(result.summary.requests > 0, true);
    assert(!(await everyOutput(dir, run)).includes(TOKEN), "the webhook token leaked into an output");
  } finally {
    await target.close();
    await hook.close();
  }
});

Deno.test("perf validate warns about a secret written in the file, and never prints it", async () => {
  const file = await writeConfig(
    config("http://127.0.0.1:1").replace("${ALERT_WEBHOOK}", `http://hooks.test/${TOKEN}`),
  );
  const run = await runPerf(["validate", file]);
  assertEquals(run.code, 0, run.stderr);
  assertMatch(run.stderr + run.stdout, /alerting\.webhook\.url is written in the file: use \$\{ENV_VAR\}/);
  assert(!(run.stdout + run.stderr).includes(TOKEN));
});

Deno.test("perf alert test: a test message on every enabled channel, each outcome printed", async () => {
  const hook = receiver();
  try {
    const file = await writeConfig(config("http://127.0.0.1:1"));
    const ok = await runPerf(["alert", "test", "-c", file], { env: { ALERT_WEBHOOK: hook.url } });
    assertEquals(ok.code, 0, ok.stderr);
    assertMatch(ok.stdout, /✓ webhook: delivered \(1 attempt\)/);
    assertEquals(hook.received.map((r) => r.kind), ["test"]);
    const down = await runPerf(["alert", "test", "-c", file], {
      env: { ALERT_WEBHOOK: `http://127.0.0.1:1/hooks/${TOKEN}` },
    });
    assertEquals(down.code, 99);
    assertMatch(down.stdout, /✗ webhook: .*\(2 attempts\)/);
    assert(!(down.stdout + down.stderr).includes(TOKEN), "the token leaked");
    const off = await writeConfig("base_url: http://127.0.0.1:1\n");
    const none = await runPerf(["alert", "test", "-c", off]);
    assertEquals(none.code, 2);
    assertMatch(none.stderr, /No alert channel is enabled/);
  } finally {
    await hook.close();
  }
});
