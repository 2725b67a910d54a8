/**
 * Reliability: perf keeps measuring while the target misbehaves. Each hostile loopback target gets a
 * real `perf run` (in-process, both engines): the run ends on time, every failure is counted under its
 * error kind, the exit code is the run's (no crash, no unhandled rejection: Deno's test sanitizers and
 * the worker error handler would fail the test), and a child-process run under the worst targets keeps
 * its resident memory bounded while gigabytes flow through it.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { hasStackTrace, readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import {
  crashSigns,
  HOSTILE,
  type HostileConn,
  type HostileServer,
  hostileServer,
  reap,
  spawnPerf,
} from "../helpers/hostile.ts";
import { closedPort } from "../helpers/targets.ts";
import { makeCertificates, opensslMissing } from "../helpers/tls.ts";
import { assertToolAvailable } from "../helpers/tools.ts";

const NO_OPENSSL = await opensslMissing();

const RUN_S = 1;
const TIMEOUT_MS = 500;
/** Run time + the longest request (the timeout) + start-up and report writing, generously. */
const ON_TIME_MS = RUN_S * 1000 + TIMEOUT_MS + 4000;

type Engine = "http1" | "fetch";

interface HostileCase {
  name: string;
  /** A server to start, or a URL with nothing behind it. */
  start: () => Promise<{ url: string; server?: HostileServer }>;
  /** The error kinds allowed per engine; every request must be counted under one of them or succeed. */
  kinds: Record<Engine, string[]>;
  /** Whether no request or every request must succeed (status 200, no error). */
  successes: "none" | "all";
}

const serve = (handle: (c: HostileConn) => Promise<unknown>) => () => {
  const server = hostileServer(handle);
  return Promise.resolve({ url: server.url, server });
};

const CASES: HostileCase[] = [
  {
    name: "refusing connections",
    start: async () => ({ url: `http://127.0.0.1:${await closedPort()}` }),
    kinds: { http1: ["refused"], fetch: ["refused"] },
    successes: "none",
  },
  {
    // A reset mid-body reads as end of stream on Linux: http1 sees a body cut short (bad_response).
    name: "resetting mid-response",
    start: serve(HOSTILE.resetMidResponse),
    kinds: { http1: ["bad_response", "reset"], fetch: ["network", "reset"] },
    successes: "none",
  },
  {
    name: "accepting and never answering",
    start: serve(HOSTILE.silent),
    kinds: { http1: ["timeout"], fetch: ["timeout"] },
    successes: "none",
  },
  {
    name: "answering byte by byte (a valid response, 3 ms per byte)",
    start: serve(HOSTILE.byteByByte(3)),
    kinds: { http1: [], fetch: [] },
    successes: "all",
  },
  {
    name: "sending an endless head (header lines forever)",
    start: serve(HOSTILE.endlessHeaders),
    kinds: { http1: ["header_too_large"], fetch: ["network"] },
    successes: "none",
  },
  {
    name: "sending an endless chunked body",
    start: serve(HOSTILE.endlessBody),
    kinds: { http1: ["timeout"], fetch: ["timeout"] },
    successes: "none",
  },
  {
    name: "closing keep-alive connections at random (30% after a response)",
    start: serve(HOSTILE.randomKeepAliveClose(0.3)),
    kinds: { http1: [], fetch: [] },
    successes: "all",
  },
  {
    name: "answering non-HTTP garbage",
    start: serve(HOSTILE.garbage),
    kinds: { http1: ["bad_response"], fetch: ["network"] },
    successes: "none",
  },
  {
    name: "TLS: plain HTTP behind an https:// URL",
    start: () => {
      const server = hostileServer(HOSTILE.plainHttpToTls);
      return Promise.resolve({ url: server.url.replace("http:", "https:"), server });
    },
    kinds: { http1: ["tls"], fetch: ["tls"] },
    successes: "none",
  },
  {
    name: "TLS: a handshake that never comes",
    start: () => {
      const server = hostileServer(HOSTILE.silent);
      return Promise.resolve({ url: server.url.replace("http:", "https:"), server });
    },
    kinds: { http1: ["timeout"], fetch: ["timeout"] },
    successes: "none",
  },
];

async function runAgainst(url: string, engine: Engine, extra = "") {
  const config = await writeConfig(`base_url: "${url}"
scenarios:
  hostile:
    users: 3
    run_time: ${RUN_S}s
    timeout: ${TIMEOUT_MS}ms
    wait_time: 0.02
    workers: 1
    engine: ${engine}
${extra}`);
  const out = await Deno.makeTempDir({ prefix: "perf-hostile-" });
  const started = performance.now();
  const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
  const elapsed = performance.now() - started;
  const { result } = await readOnlyResult(out);
  await Deno.remove(out, { recursive: true });
  return { run, elapsed, result };
}

function checkCounted(c: HostileCase, engine: Engine, outcome: Awaited<ReturnType<typeof runAgainst>>) {
  const { run, elapsed, result } = outcome;
  const what = `${engine} / ${c.name}: ${JSON.stringify(result.summary.errors)}\n${run.stderr}`;
  assertEquals(run.code, 0, what); // no thresholds: a run full of errors is still a completed run
  assert(!hasStackTrace(run.stderr) && !/internal error/.test(run.stderr), what);
  assertLess(elapsed, ON_TIME_MS, `${what}: took ${elapsed} ms`);
  assertEquals(result.run.status, "completed");
  assertGreater(result.summary.requests, 0, what);
  const errors = result.summary.errors;
  for (const kind of Object.keys(errors)) assert(c.kinds[engine].includes(kind), `unexpected kind: ${what}`);
  const counted = Object.values(errors).reduce((a, b) => a + b, 0);
  assertEquals(counted, result.summary.failures, what);
  if (c.successes === "none") assertEquals(result.summary.failures, result.summary.requests, what);
  else {
    assertEquals(result.summary.failures, 0, what);
    assertEquals(result.summary.status_codes["200"], result.summary.requests, what);
  }
}

for (const engine of ["http1", "fetch"] as const) {
  Deno.test(`hostile targets (${engine}): each run ends on time with every failure counted by kind`, async (t) => {
    for (const c of CASES) {
      await t.step(c.name, async () => {
        const { url, server } = await c.start();
        try {
          checkCounted(c, engine, await runAgainst(url, engine));
          if (c.name.startsWith("closing keep-alive")) {
            // The closes really happened: more connections than users, yet no request failed.
            assertGreater(server!.accepted(), 3);
          }
        } finally {
          await server?.close();
        }
      });
    }
  });
}

Deno.test({
  name: "hostile targets: a certificate from an untrusted CA is a counted 'tls' error (both engines)",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const dir = await Deno.makeTempDir({ prefix: "perf-hostile-tls-" });
  const { cert, key } = await makeCertificates(dir);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert, key, onListen() {} },
    () => new Response("ok"),
  );
  try {
    const c: HostileCase = {
      name: "untrusted CA",
      start: () => Promise.reject(new Error("unused")),
      kinds: { http1: ["tls"], fetch: ["tls"] },
      successes: "none",
    };
    for (const engine of ["http1", "fetch"] as const) {
      checkCounted(c, engine, await runAgainst(`https://127.0.0.1:${server.addr.port}`, engine));
    }
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

/** The worst targets at once, for long enough that an unbounded buffer would show in the RSS. */
for (const engine of ["http1", "fetch"] as const) {
  Deno.test(`hostile targets (${engine}): memory stays bounded while gigabytes of endless body flow through`, async () => {
    const servers = [
      hostileServer(HOSTILE.endlessBody),
      hostileServer(HOSTILE.endlessHeaders),
      hostileServer(HOSTILE.silent),
      hostileServer(HOSTILE.byteByByte(5)),
      hostileServer(HOSTILE.garbage),
    ];
    const [body] = servers;
    const tasks = servers.map((s, i) => `      - { name: t${i}, url: "${s.url}/" }`).join("\n");
    const config = await writeConfig(`base_url: "${body!.url}"
scenarios:
  hostile:
    users: 10
    run_time: 3s
    timeout: 2s
    workers: 1
    engine: ${engine}
    tasks:
${tasks}
`);
    const out = await Deno.makeTempDir({ prefix: "perf-hostile-rss-" });
    let child;
    try {
      child = spawnPerf(["run", "-c", config, "-o", out, "--quiet"], { sampleMs: 50 });
      const done = await child.done;
      assertEquals(done.code, 0, done.stderr);
      assertEquals(crashSigns(done.stderr), []);
      const { result } = await readOnlyResult(out);
      const bodyMb = body!.written() / 1e6;
      // Measured on a 2-core machine: about 135 MB for http1 and 200 MB for fetch, with 1-4 GB served
      // (fetch held every endless body in memory before the fix: 860 MB RSS after 900 MB served).
      assertLess(
        done.maxRssMb,
        320,
        `RSS ${done.maxRssMb.toFixed(0)} MB with ${bodyMb.toFixed(0)} MB served`,
      );
      assertGreater(bodyMb, 640, "the endless body must push more than twice the bound through the client");
      assert((result.summary.errors.timeout ?? 0) > 0, JSON.stringify(result.summary.errors));
    } finally {
      await reap(child);
      await Promise.all(servers.map((s) => s.close()));
      await Deno.remove(out, { recursive: true });
    }
  });
}
