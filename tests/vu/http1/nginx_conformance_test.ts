/**
 * The http1 engine against a real nginx on loopback. The test starts its own nginx (foreground, one worker,
 * everything under a temp dir, a free port on 127.0.0.1) and stops it at the end. Without nginx on PATH
 * the whole file is skipped with the reason printed; without openssl (or nginx's ssl module) only the HTTPS
 * steps are.
 *
 * nginx tells the client about its connections through the status: `/conn` answers 201 on a connection's
 * first request ($connection_requests = 1) and 200 on a reused one, so reuse is seen from nginx's side.
 * Chunked bodies come from SSI on a static file (the SSI filter drops Content-Length), no upstream needed.
 */
import { makeCertificates, opensslMissing } from "../../helpers/tls.ts";
import { assertToolAvailable } from "../../helpers/tools.ts";
import { sleep } from "../../helpers/hostile.ts";
import {
  NGINX,
  type NginxBuild,
  type RunningNginx,
  startNginx,
  tempPathDirectives,
  userDirective,
} from "../../helpers/nginx.ts";
import { assert, assertEquals, assertGreaterOrEqual, assertLess } from "../../helpers/assert.ts";
import { scenarioSchema } from "../../../src/model/config.ts";
import { buildRequestPlans } from "../../../src/plan/request_plan.ts";
import { Http1Client, prepareRequest, type TlsOptions } from "../../../src/vu/http1/http1_client.ts";
import { InflightRequests } from "../../../src/vu/inflight.ts";
import type { RequestOutcome } from "../../../src/metrics/snapshot.ts";

const decoder = new TextDecoder();
const BIG_BYTES = 1024 * 1024;

function prepared(baseUrl: string, task: Record<string, unknown>, timeout = "5s") {
  return prepareRequest(buildRequestPlans(scenarioSchema.parse({ tasks: [task], timeout }), baseUrl)[0]!);
}

function nginxConfig(dir: string, build: NginxBuild, port: number, tls?: number): string {
  const newOrReused = "if ($connection_requests = 1) { return 201 new; }";
  return `${userDirective()}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  server_tokens off;
  ${tempPathDirectives(dir, build)}
  default_type application/octet-stream;
  keepalive_timeout 30s;
  if_modified_since before;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    location = /ok { return 200 "ok"; }
    location = /conn { ${newOrReused} return 200 reused; }
    location = /close { keepalive_timeout 0; ${newOrReused} return 200 closing; }
    location = /idle { keepalive_timeout 200ms; ${newOrReused} return 200 idle; }
    location = /big { try_files /big.bin =404; }
    location = /slow { limit_rate 64k; try_files /big.bin =404; }
    location = /chunked { default_type text/html; ssi on; try_files /chunked.html =404; }
    location = /204 { return 204; }
  }
${
    tls
      ? `  server {
    listen 127.0.0.1:${tls} ssl;
    ssl_certificate ${dir}/server.pem;
    ssl_certificate_key ${dir}/server.key;
    location / { return 200 secure; }
  }
`
      : ""
  }}
`;
}

/** The site: a 1 MiB static file and an SSI page (several pieces of text around three SSI echoes). */
async function writeSite(dir: string): Promise<number> {
  const big = new Uint8Array(BIG_BYTES);
  for (let i = 0; i < big.length; i++) big[i] = 97 + i % 26;
  await Deno.writeFile(`${dir}/big.bin`, big);
  const text = "x".repeat(8192);
  const page = [1, 2, 3].map((n) => `<p>${text}</p><!--# echo var="nginx_version" -->${n}`).join("\n");
  await Deno.writeTextFile(`${dir}/chunked.html`, page);
  return page.length;
}

/** The head of a response read over a raw socket (to check what nginx sends, e.g. chunked framing). */
async function rawHead(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    await conn.write(
      new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    const buffer = new Uint8Array(4096);
    for (let i = 0; i < 100 && !text.includes("\r\n\r\n"); i++) {
      const n = await conn.read(buffer);
      if (n === null) break;
      text += decoder.decode(buffer.subarray(0, n));
    }
    return text.slice(0, text.indexOf("\r\n\r\n"));
  } finally {
    conn.close();
  }
}

async function withClient<T>(fn: (client: Http1Client) => Promise<T>, tls: TlsOptions = {}): Promise<T> {
  const inflight = new InflightRequests(10);
  const client = new Http1Client(inflight, Http1Client.bufferPool(), tls);
  try {
    return await fn(client);
  } finally {
    client.close();
    inflight.close();
  }
}

const statusAndError = (o: RequestOutcome) => [o.status, o.error];

interface Site {
  url: string;
  /** Present when the HTTPS server runs. */
  tls?: { url: string; ca: string };
  pageBytes: number;
}

const path = (site: Site, p: string, more: Record<string, unknown> = {}, timeout?: string) =>
  prepared(site.url, { path: p, ...more }, timeout);
/** Sends /conn: 200 when nginx saw it on a reused connection, 201 on a new one. */
const conn = (site: Site, client: Http1Client) => client.send(path(site, "/conn"));
const ok = [200, undefined];

/** The checks, one step each; every one uses its own client (its own connections). */
const STEPS: [string, (site: Site, client: Http1Client) => Promise<void>][] = [
  ["GET /ok: 200 with its Content-Length body, phase timings", async (site, client) => {
    const outcome = await client.send(path(site, "/ok"));
    assertEquals(statusAndError(outcome), ok);
    assertGreaterOrEqual(outcome.bytes_received, 100); // nginx's head and "ok"
    assertLess(outcome.bytes_received, 400);
    assertGreaterOrEqual(outcome.connect_us!, 0);
    assertGreaterOrEqual(outcome.ttfb_us!, 0);
    assertEquals(outcome.tls_us, -1);
  }],
  ["keep-alive: five sends on one client are one connection for nginx", async (site, client) => {
    const outcomes: RequestOutcome[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await conn(site, client));
    assertEquals(outcomes.map((o) => o.status), [201, 200, 200, 200, 200]);
    assertGreaterOrEqual(outcomes[0]!.connect_us!, 0);
    assertEquals(outcomes.slice(1).map((o) => o.connect_us), [-1, -1, -1, -1]);
  }],
  [
    "keepalive_timeout 0 (Connection: close): each request succeeds on a new connection",
    async (site, client) => {
      const outcomes: RequestOutcome[] = [];
      for (let i = 0; i < 3; i++) outcomes.push(await client.send(path(site, "/close")));
      assertEquals(
        outcomes.map((o) => [o.status, o.error, o.connect_us! >= 0]),
        [1, 2, 3].map(() => [201, undefined, true]),
      );
    },
  ],
  ["nginx closes the idle connection (keepalive_timeout 200ms): retried, no error", async (site, client) => {
    const first = await client.send(path(site, "/idle"));
    await sleep(500);
    const second = await client.send(path(site, "/idle"));
    assertEquals([statusAndError(first), statusAndError(second)], [[201, undefined], [201, undefined]]);
    assertGreaterOrEqual(second.connect_us!, 0);
  }],
  ["GET /big (1 MiB static file) is read fully; the connection stays in step", async (site, client) => {
    const big = await client.send(path(site, "/big"));
    assertEquals(statusAndError(big), ok);
    assertGreaterOrEqual(big.bytes_received, BIG_BYTES);
    assertLess(big.bytes_received, BIG_BYTES + 1024);
    assertEquals((await conn(site, client)).status, 200);
  }],
  ["HEAD /big: Content-Length 1 MiB and no body; the connection stays in step", async (site, client) => {
    const head = await client.send(path(site, "/big", { method: "HEAD" }));
    assertEquals(statusAndError(head), ok);
    assertLess(head.bytes_received, 1024);
    assertEquals((await conn(site, client)).status, 200);
  }],
  ["GET /chunked (SSI: Transfer-Encoding: chunked) is read to its last chunk", async (site, client) => {
    assert(/\r\ntransfer-encoding: chunked/i.test(await rawHead(site.url, "/chunked")), "nginx sent chunks");
    const outcome = await client.send(path(site, "/chunked"));
    assertEquals(statusAndError(outcome), ok);
    assertGreaterOrEqual(outcome.bytes_received, site.pageBytes - 3 * 30); // the echoes are shorter
    assertEquals((await conn(site, client)).status, 200);
  }],
  ["204, 304 (If-Modified-Since) and 404 keep the framing, on one connection", async (site, client) => {
    const future = { headers: { "if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT" } };
    const outcomes = [
      await client.send(path(site, "/204")),
      await client.send(path(site, "/big", future)),
      await client.send(path(site, "/missing")),
      await conn(site, client),
    ];
    assertEquals(outcomes.map(statusAndError), [[204, undefined], [304, undefined], [404, "http_404"], ok]);
  }],
  [
    "a body slower than the timeout (limit_rate 64k): timeout, then a new connection",
    async (site, client) => {
      const started = performance.now();
      const slow = await client.send(path(site, "/slow", {}, "300ms"));
      const elapsed = performance.now() - started;
      assertEquals(statusAndError(slow), [0, "timeout"]);
      assertGreaterOrEqual(elapsed, 300);
      assertLess(elapsed, 800);
      assertEquals((await conn(site, client)).status, 201);
    },
  ],
];

const TLS_STEPS: [string, (tls: NonNullable<Site["tls"]>) => Promise<void>][] = [
  [
    "HTTPS trusted through caCerts: 200, the handshake timed once per connection",
    (tls) =>
      withClient(async (client) => {
        const first = await client.send(prepared(tls.url, { path: "/" }));
        const second = await client.send(prepared(tls.url, { path: "/" }));
        assertEquals([statusAndError(first), statusAndError(second)], [ok, ok]);
        assertGreaterOrEqual(first.tls_us!, 0);
        assertEquals(second.tls_us, -1);
      }, { caCerts: [tls.ca] }),
  ],
  ["HTTPS without the CA: error kind tls", (tls) =>
    withClient(async (client) => {
      assertEquals(statusAndError(await client.send(prepared(tls.url, { path: "/" }))), [0, "tls"]);
    })],
];

Deno.test({
  name: "nginx conformance",
  async fn(t) {
    assertToolAvailable("nginx", typeof NGINX === "string" ? NGINX : undefined);
    const build = NGINX as NginxBuild;
    assert(build.ssl, "nginx was built without the ssl module (the HTTPS steps need it; nginx-light has it)");
    const dir = await Deno.makeTempDir({ prefix: "perf-nginx-" });
    let nginx: RunningNginx | undefined;
    try {
      const pageBytes = await writeSite(dir);
      assertToolAvailable("openssl", await opensslMissing());
      const { ca } = await makeCertificates(dir);
      nginx = await startNginx(dir, (port, tls) => nginxConfig(dir, build, port, tls), { tls: true });
      assert(nginx.tlsUrl, "nginx started without its HTTPS listener");
      const site: Site = {
        url: nginx.url,
        pageBytes,
        tls: ca && nginx.tlsUrl ? { url: nginx.tlsUrl, ca } : undefined,
      };
      for (const [name, check] of STEPS) {
        await t.step(name, () => withClient((client) => check(site, client)));
      }
      for (const [name, check] of site.tls ? TLS_STEPS : []) await t.step(name, () => check(site.tls!));
    } finally {
      await nginx?.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
