/**
 * Reliability: safety. perf never follows a redirect to another host (either engine: the 3xx is the
 * response, counted as it came), never sends the scenario's configured headers (credentials, often) to
 * an origin other than the base URL's, and never writes those header values into its results.
 */
import { assert, assertEquals, assertGreater } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";

const TOKEN = "s3cr3t-token-7f1c2a9e";
const API = new URL("../../src/user/api.ts", import.meta.url).href;

/** A loopback server that records the `authorization` header of every request it gets. */
function recordingServer(answer: (req: Request) => Response = () => new Response("ok")) {
  const auth: (string | null)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    auth.push(req.headers.get("authorization"));
    return answer(req);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    auth,
    count: () => auth.length,
    close: () => server.shutdown(),
  };
}

const ENGINES = ["http1", "fetch"] as const;

for (const engine of ENGINES) {
  Deno.test(`${engine}: a redirect to another host is counted as the 3xx, never followed`, async () => {
    const other = recordingServer();
    const redirecting = recordingServer((req) => {
      const status = Number(new URL(req.url).pathname.slice(1));
      return new Response(null, { status, headers: { location: `${other.url}/stolen` } });
    });
    try {
      const config = await writeConfig(`base_url: "${redirecting.url}"
scenarios:
  redirects:
    users: 2
    run_time: 1s
    wait_time: 0.05
    workers: 1
    engine: ${engine}
    headers:
      Authorization: "Bearer \${API_TOKEN}"
    tasks:
      - { path: /301 }
      - { path: /302 }
      - { path: /307 }
`);
      const out = await Deno.makeTempDir({ prefix: "perf-redirect-" });
      const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"], { env: { API_TOKEN: TOKEN } });
      assertEquals(run.code, 0, run.stderr);
      const { result } = await readOnlyResult(out);
      assertEquals(other.count(), 0, "perf followed a redirect to another host");
      const codes = result.summary.status_codes;
      assertEquals(Object.keys(codes).sort(), ["301", "302", "307"]);
      assertEquals(codes["301"]! + codes["302"]! + codes["307"]!, redirecting.count());
      assertEquals(result.summary.requests, redirecting.count());
      await Deno.remove(out, { recursive: true });
    } finally {
      await Promise.all([other.close(), redirecting.close()]);
    }
  });

  Deno.test(`${engine}: a TypeScript user's scenario headers go only to the base URL's origin`, async () => {
    const own = recordingServer();
    const other = recordingServer();
    const dir = await Deno.makeTempDir({ prefix: "perf-secrets-" });
    try {
      await Deno.writeTextFile(
        `${dir}/user.ts`,
        `import { defineUser } from "${API}";
export default defineUser({
  wait_time: 0.05,
  tasks: [async ({ http }) => {
    await http.get("/own");
    await http.get("${own.url}/own-absolute");
    await http.get("${other.url}/foreign");
    await http.get("${other.url}/foreign-explicit", { headers: { Authorization: "Bearer its-own" } });
  }],
});
`,
      );
      await Deno.writeTextFile(
        `${dir}/perf.yaml`,
        `base_url: "${own.url}"
scenarios:
  secrets:
    user: user.ts
    users: 1
    run_time: 500ms
    workers: 1
    engine: ${engine}
    headers:
      Authorization: "Bearer \${API_TOKEN}"
`,
      );
      const out = `${dir}/out`;
      const run = await runPerf(["run", "-c", `${dir}/perf.yaml`, "-o", out, "--quiet"], {
        env: { API_TOKEN: TOKEN },
      });
      assertEquals(run.code, 0, run.stderr);
      const { result } = await readOnlyResult(out);
      assertEquals(result.summary.failures, 0, JSON.stringify(result.summary.errors));
      assertGreater(own.count(), 0);
      assert(own.auth.every((a) => a === `Bearer ${TOKEN}`), `own origin: ${own.auth}`);
      assertGreater(other.count(), 0);
      // The other origin gets only what the request itself set: nothing, or its own header.
      assertEquals([...new Set(other.auth)].sort(), ["Bearer its-own", null]);
    } finally {
      await Promise.all([own.close(), other.close()]);
      await Deno.remove(dir, { recursive: true });
    }
  });
}

// A YAML step cannot take its origin from a response: placeholders are allowed only in a `url`'s path
// and query, so a `{{ next }}` link extracted from a body can never send the scenario's headers to a
// host the target names. (A static `url:` on another host, written in the scenario, does get them.)
Deno.test("a YAML step's URL cannot take its origin from a response (exit 104 before any load)", async () => {
  const config = await writeConfig(`base_url: "http://127.0.0.1:9"
scenarios:
  flow:
    headers:
      Authorization: "Bearer \${API_TOKEN}"
    tasks:
      - steps:
          - { path: /start, extract: { next: { json: next } } }
          - { url: "{{ next }}" }
`);
  const run = await runPerf(["validate", config], { env: { API_TOKEN: TOKEN } });
  assertEquals(run.code, 104, run.stderr);
  assert(run.stderr.includes("url: must be an absolute http:// or https:// URL"), run.stderr);
});

Deno.test("results hold no configured header values: result.json, report.html and plots are free of the token", async () => {
  const target = recordingServer(() => new Response("ok", { headers: { "set-cookie": `session=${TOKEN}` } }));
  try {
    const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  headers:
    users: 1
    run_time: 500ms
    wait_time: 0.05
    workers: 1
    headers:
      Authorization: "Bearer \${API_TOKEN}"
      X-Api-Key: "\${API_TOKEN}"
    tasks:
      - { name: with rules, path: /x, extract: { cookie: { header: set-cookie } }, check: { body_contains: ok } }
      - { path: /plain }
`);
    const out = await Deno.makeTempDir({ prefix: "perf-noheaders-" });
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet", "--json", `${out}/copy.json`], {
      env: { API_TOKEN: TOKEN },
    });
    assertEquals(run.code, 0, run.stderr);
    assert(target.auth.every((a) => a === `Bearer ${TOKEN}`), "the header was sent to its own host");
    const { dir } = await readOnlyResult(out);
    const files: string[] = [`${out}/copy.json`];
    const walk = (path: string) => {
      for (const entry of Deno.readDirSync(path)) {
        if (entry.isDirectory) walk(`${path}/${entry.name}`);
        else files.push(`${path}/${entry.name}`);
      }
    };
    walk(dir);
    assertGreater(files.length, 2);
    for (const file of files) assert(!Deno.readTextFileSync(file).includes(TOKEN), `${file} holds the token`);
    assert(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN));
    await Deno.remove(out, { recursive: true });
  } finally {
    await target.close();
  }
});
