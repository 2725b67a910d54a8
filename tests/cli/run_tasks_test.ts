/**
 * Tasks as YAML requests, end to end: method, path joined to base_url, headers, JSON body, expect_status,
 * per-endpoint thresholds, timeouts as a counted error kind, and the CLI's spawn-rate override.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";

interface Seen {
  method: string;
  path: string;
  auth: string | null;
  contentType: string | null;
  body: string;
}

/** Records what arrives; `/slow` never answers within the test's timeout, `/created` answers 201. */
function recordingServer() {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    seen.push({
      method: req.method,
      path,
      auth: req.headers.get("authorization"),
      contentType: req.headers.get("content-type"),
      body: await req.text(),
    });
    if (path === "/api/slow") await new Promise((r) => setTimeout(r, 400));
    return new Response(path === "/api/created" ? "{}" : "ok", {
      status: path === "/api/created" ? 201 : 200,
    });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/api`, seen, close: () => server.shutdown() };
}

Deno.test("tasks send what the YAML says, and checks and thresholds apply per endpoint", async () => {
  const target = recordingServer();
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  journey:
    users: 2
    run_time: 2s
    wait_time: "constant(0.02)"
    headers: { Authorization: "Bearer \${TOKEN}" }
    tasks:
      - name: list
        path: /items
        weight: 3
        thresholds: { response_time_p95: 1000 }
      - name: create
        method: post
        path: created
        json: { name: "test", value: 42 }
        expect_status: 201
      - name: strict
        path: /items
        expect_status: [204]
        weight: 1
      - name: slow
        path: /slow
        timeout: 100ms
        weight: 1
        thresholds: { error_rate: 0.5 }
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"], { env: { TOKEN: "s3cret" } });
    assertEquals(run.code, 99, run.stderr);
    const { result } = await readOnlyResult(out);
    const byName = Object.fromEntries(result.endpoints.map((e) => [e.name, e]));

    // What the server saw: paths joined to base_url's /api prefix, JSON body, headers.
    const creates = target.seen.filter((s) => s.path === "/api/created");
    assertGreater(creates.length, 0);
    for (const c of creates) {
      assertEquals([c.method, c.contentType, c.body], [
        "POST",
        "application/json",
        '{"name":"test","value":42}',
      ]);
    }
    assert(target.seen.every((s) => s.auth === "Bearer s3cret"), "every request carries the scenario header");
    assertEquals(byName.create!.method, "POST");
    assertEquals(byName.create!.failures, 0);

    // expect_status: 200 where 204 was expected is a failure of that endpoint only.
    assertEquals(byName.strict!.failures, byName.strict!.requests);
    assertEquals(byName.strict!.errors, { http_200: byName.strict!.requests });
    assertEquals(byName.list!.failures, 0);

    // A task timeout is a counted error kind, measured at about the timeout.
    assertEquals(byName.slow!.errors, { timeout: byName.slow!.requests });
    assert(byName.slow!.latency_ms.min >= 100, `timeout latency ${byName.slow!.latency_ms.min} ms`);
    assertLess(byName.slow!.latency_ms.max, 250);

    const verdicts = result.thresholds.map((t) => [t.name, t.endpoint, t.ok]);
    assertEquals(verdicts, [
      ["GET list: response_time_p95", "GET list", true],
      ["GET slow: error_rate", "GET slow", false],
    ]);
  } finally {
    await target.close();
  }
});

Deno.test("-u and -r override the config: users ramp at the given spawn rate", async () => {
  const target = recordingServer();
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  ramp:
    users: 1
    spawn_rate: 100
    run_time: 4s
    wait_time: 0.05
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "-u", "5", "-r", "2.5"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals([result.run.users, result.run.spawn_rate], [5, 2.5]);
    // 2.5 users/s start at 0, 400, 800, 1200 and 1600 ms (no start on a second boundary, where the
    // count would race the snapshot): 3 running at the 1 s mark, all 5 from the 2 s mark on.
    const users = result.timeline.slice(0, 3).map((p) => p.users);
    assertEquals(users, [3, 5, 5]);
  } finally {
    await target.close();
  }
});

Deno.test("closed-model stages ramp users up, hold, and ramp them down", async () => {
  const target = recordingServer();
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  shape:
    wait_time: 0.05
    stages:
      - { duration: 2s, users: 5 }
      - { duration: 1s, users: 5 }
      - { duration: 2s, users: 0 }
`);
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    assertEquals([result.run.users, result.run.run_time_s], [5, 5]);
    // Starts at 0, 0.4, 0.8, 1.2, 1.6 s; stops (newest first) at 3.4, 3.8, 4.2, 4.6, 5 s.
    assertEquals(result.timeline.slice(0, 4).map((p) => p.users), [3, 5, 5, 3]);
    assertEquals(result.summary.requests, target.seen.length);
  } finally {
    await target.close();
  }
});
