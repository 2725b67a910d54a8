/**
 * Conformance of the http1 engine (`Http1Client`) against loopback servers: `Deno.serve` for what real
 * servers send, raw `Deno.listen` sockets for what none would (garbage, oversized heads, broken chunks,
 * resets, stray bytes, silence), and HTTPS with a private CA made by `openssl` at test time.
 * Every server answers a bounded number of requests; every wait is bounded by a timer or a close.
 */
import { makeCertificates, opensslMissing } from "../../helpers/tls.ts";
import { assertToolAvailable } from "../../helpers/tools.ts";
import { assert, assertEquals, assertGreaterOrEqual, assertLess } from "../../helpers/assert.ts";
import { closedPort } from "../../helpers/targets.ts";
import { scenarioSchema } from "../../../src/model/config.ts";
import { buildRequestPlans } from "../../../src/plan/request_plan.ts";
import { Http1Client, prepareRequest, type TlsOptions } from "../../../src/vu/http1/http1_client.ts";
import { USER_AGENT } from "../../../src/vu/http1/request_encoder.ts";
import { InflightRequests } from "../../../src/vu/inflight.ts";
import type { RequestOutcome } from "../../../src/metrics/snapshot.ts";

const decoder = new TextDecoder();
const enc = (text: string) => new TextEncoder().encode(text);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const OK = [200, undefined];
const statusAndError = (o: RequestOutcome) => [o.status, o.error];

function prepared(baseUrl: string, task: Record<string, unknown> = {}, timeout = "2s") {
  const scenario = scenarioSchema.parse({ tasks: [{ path: "/", ...task }], timeout });
  return prepareRequest(buildRequestPlans(scenario, baseUrl)[0]!);
}

/** A response with a Content-Length body. */
const http = (status: number, body = "", headers = "") =>
  `HTTP/1.1 ${status} X\r\nContent-Length: ${enc(body).length}\r\n${headers}\r\n${body}`;

interface Server {
  url: string;
  close(): Promise<void>;
}

/** Runs `fn` with a fresh client against `server`; closes client, sweeper and server whatever happens. */
async function against(
  server: Server,
  fn: (client: Http1Client, inflight: InflightRequests) => Promise<void>,
  tls: TlsOptions = {},
): Promise<void> {
  const inflight = new InflightRequests(10);
  const client = new Http1Client(inflight, Http1Client.bufferPool(), tls);
  try {
    await fn(client, inflight);
  } finally {
    client.close();
    inflight.close();
    await server.close();
  }
}

async function sendAll(client: Http1Client, urls: string[], task: Record<string, unknown> = {}) {
  const outcomes: RequestOutcome[] = [];
  for (const url of urls) outcomes.push(await client.send(prepared(url, task)));
  return outcomes;
}

/** `Deno.serve` on a free loopback port. */
function serve(handler: Deno.ServeHandler, tls?: { cert: string; key: string }): Server {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {}, ...tls }, handler);
  return { url: `http${tls ? "s" : ""}://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

/** A raw TCP server running `handle` per connection (index from 0); it counts accepted connections. */
function rawServer(handle: (conn: Deno.Conn, index: number) => Promise<unknown>, hostname = "127.0.0.1") {
  const listener = Deno.listen({ hostname, port: 0 });
  const conns = new Set<Deno.Conn>();
  const handlers: Promise<void>[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      handlers.push(
        handle(conn, handlers.length).then(() => {}, () => {}).finally(() => {
          conns.delete(conn);
          closeQuietly(conn);
        }),
      );
    }
  })();
  const { port } = listener.addr as Deno.NetAddr;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
    accepted: () => handlers.length,
    /** Stops listening, closes every connection and waits for the handlers. Safe to call twice. */
    close: () =>
      closing ??= (async () => {
        listener.close();
        for (const conn of conns) closeQuietly(conn);
        await accepting.catch(() => {});
        await Promise.all(handlers);
      })(),
  };
}

/** Request heads read off a raw connection until it closes (the requests sent here have no body). */
async function* requestHeads(conn: Deno.Conn): AsyncGenerator<string> {
  const buffer = new Uint8Array(16 * 1024);
  let pending = "";
  for (;;) {
    const end = pending.indexOf("\r\n\r\n");
    if (end >= 0) {
      yield pending.slice(0, end + 4);
      pending = pending.slice(end + 4);
      continue;
    }
    const n = await conn.read(buffer).catch(() => null);
    if (n === null) return;
    pending += decoder.decode(buffer.subarray(0, n));
  }
}

/** True when the peer closes `conn` within `ms` (whatever it sends first), false when it stays open. */
async function closedWithin(conn: Deno.Conn, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), ms));
  const eof = (async () => {
    const buffer = new Uint8Array(4096);
    for (;;) {
      const n = await conn.read(buffer).catch(() => undefined);
      if (n === null) return true; // end of stream: the peer closed
      if (n === undefined) return false; // closed on this side (the server shutting down)
    }
  })();
  try {
    return await Promise.race([eof, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** A raw keep-alive server answering the n-th request (from 0, over all connections) with `answer`. */
function answeringServer(answer: (n: number, head: string, conn: number) => string) {
  const heads: string[] = [];
  const server = rawServer(async (conn, index) => {
    for await (const head of requestHeads(conn)) {
      heads.push(head);
      await writeAll(conn, enc(answer(heads.length - 1, head, index)));
    }
  });
  return { ...server, heads };
}

Deno.test("http1: a 200 with Content-Length; the request and both byte counts are exact; phase timings", async () => {
  const reply = http(200, "hello");
  const server = answeringServer(() => reply);
  await against(server, async (client) => {
    const outcome = await client.send(prepared(server.url, { path: "/a/b?q=1" }));
    assertEquals(statusAndError(outcome), OK);
    const head = server.heads[0]!;
    assert(head.startsWith("GET /a/b?q=1 HTTP/1.1\r\n"), head);
    assert(head.includes(`\r\nhost: ${new URL(server.url).host}\r\n`), head);
    assert(head.includes(`\r\nuser-agent: ${USER_AGENT}\r\n`), head);
    assertEquals([outcome.bytes_sent, outcome.bytes_received], [enc(head).length, enc(reply).length]);
    assertGreaterOrEqual(outcome.connect_us!, 0);
    assertEquals(outcome.tls_us, -1);
    assertGreaterOrEqual(outcome.ttfb_us!, 0);
    assertGreaterOrEqual(outcome.download_us!, 0);
    assertGreaterOrEqual(outcome.latency_us, outcome.connect_us! + outcome.ttfb_us!);
  });
});

Deno.test("http1: Deno.serve — statuses, expect_status, a POST body, all on one kept-alive connection", async () => {
  const server = serve(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/204") return new Response(null, { status: 204 });
    if (path === "/404") return new Response("nope", { status: 404 });
    if (req.method !== "POST") return new Response("hello");
    const good = req.headers.get("content-type") === "application/json" && await req.text() === '{"a":1}';
    return new Response(null, { status: good ? 201 : 400 });
  });
  await against(server, async (client) => {
    const outcomes: RequestOutcome[] = [];
    for (
      const task of [{}, { path: "/204" }, { path: "/404" }, { path: "/404", expect_status: 404 }, {
        method: "POST",
        json: { a: 1 },
      }]
    ) outcomes.push(await client.send(prepared(server.url, task)));
    assertEquals(outcomes.map(statusAndError), [OK, [204, undefined], [404, "http_404"], [404, undefined], [
      201,
      undefined,
    ]]);
    assertGreaterOrEqual(outcomes[0]!.connect_us!, 0);
    assertEquals(outcomes.slice(1).map((o) => o.connect_us), [-1, -1, -1, -1], "one connection for all");
  });
});

Deno.test("http1: a chunked body (Deno.serve, a ReadableStream of several chunks) is read to its end", async () => {
  const CHUNKS = 5, CHUNK = 16 * 1024;
  const server = serve(() => {
    let sent = 0;
    return new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent++ === CHUNKS) return controller.close();
          await sleep(5); // separate writes, so the chunks really arrive apart
          controller.enqueue(new Uint8Array(CHUNK).fill(97));
        },
      }),
    );
  });
  await against(server, async (client) => {
    const [first, second] = await sendAll(client, [server.url, server.url]);
    assertEquals(statusAndError(first!), OK);
    assertGreaterOrEqual(first!.bytes_received, CHUNKS * CHUNK);
    assertLess(first!.bytes_received, CHUNKS * CHUNK + 1024);
    // The last chunk was found exactly: the connection is reused for the next request.
    assertEquals([...statusAndError(second!), second!.connect_us], [...OK, -1]);
  });
});

Deno.test("http1: a 5 MB body is read fully and the connection stays in step", async () => {
  const SIZE = 5 * 1024 * 1024;
  const body = new Uint8Array(SIZE).fill(120);
  const server = serve(() => new Response(body));
  await against(server, async (client) => {
    const big = await client.send(prepared(server.url, {}, "10s"));
    assertEquals(statusAndError(big), OK);
    assertGreaterOrEqual(big.bytes_received, SIZE);
    assertLess(big.bytes_received, SIZE + 1024);
    const next = await client.send(prepared(server.url));
    assertEquals([...statusAndError(next), next.connect_us], [...OK, -1]);
  });
});

Deno.test("http1: keep-alive — sequential sends on one client open one connection", async () => {
  const server = answeringServer(() => http(200, "ok"));
  await against(server, async (client) => {
    const outcomes = await sendAll(client, Array(5).fill(server.url));
    assertEquals(outcomes.map(statusAndError), Array(5).fill(OK));
    assertEquals([server.accepted(), server.heads.length], [1, 5]);
    assertGreaterOrEqual(outcomes[0]!.connect_us!, 0);
    assertEquals(outcomes.slice(1).map((o) => o.connect_us), [-1, -1, -1, -1]);
  });
});

/** Answers that end the connection. The first two lie: the server keeps the socket open, so only a client
 * that honours the head opens a new connection; the third really closes (the body ends at the close). */
const CLOSING: [string, string, boolean][] = [
  ["Connection: close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", true],
  ["HTTP/1.0 without keep-alive", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", true],
  ["a body delimited by the close", "HTTP/1.1 200 OK\r\n\r\nthe body runs to the close", false],
];

for (const [name, reply, keepOpen] of CLOSING) {
  Deno.test(`http1: ${name} — every request succeeds, each on a new connection`, async () => {
    const server = rawServer(async (conn) => {
      for await (const _ of requestHeads(conn)) {
        await writeAll(conn, enc(reply));
        if (!keepOpen) return;
      }
    });
    await against(server, async (client) => {
      const outcomes = await sendAll(client, Array(3).fill(server.url));
      const view = (o: RequestOutcome) => [o.status, o.error, o.bytes_received, o.connect_us! >= 0];
      assertEquals(outcomes.map(view), Array(3).fill([...OK, enc(reply).length, true]));
      assertEquals(server.accepted(), 3);
    });
  });
}

Deno.test("http1: a server closing idle keep-alive connections — the client retries transparently", async () => {
  let requests = 0;
  const server = rawServer(async (conn) => {
    for await (const _ of requestHeads(conn)) {
      requests++;
      await writeAll(conn, enc(http(200, "ok", "Connection: keep-alive\r\n")));
      return await sleep(20); // then close the idle connection (FIN: the request was read whole)
    }
  });
  await against(server, async (client) => {
    const outcomes: RequestOutcome[] = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await client.send(prepared(server.url)));
      await sleep(80);
    }
    assertEquals(
      outcomes.map((o) => [...statusAndError(o), o.connect_us! >= 0]),
      Array(3).fill([...OK, true]),
    );
    assertEquals([server.accepted(), requests], [3, 3]);
  });
});

// Regression: a stale connection closed with RST (the write fails with BrokenPipe) is retried once.
Deno.test({
  name: "http1: an idle connection the server reset (RST) is retried like one it closed",
  async fn() {
    const server = rawServer(async (conn) => {
      await conn.read(new Uint8Array(16)); // leaves the rest of the request unread
      await writeAll(conn, enc(http(200, "ok")));
      await sleep(30);
    });
    await against(server, async (client) => {
      const first = await client.send(prepared(server.url));
      await sleep(100);
      const second = await client.send(prepared(server.url));
      assertEquals(statusAndError(first), OK);
      assertEquals([...statusAndError(second), server.accepted()], [...OK, 2]);
    });
  },
});

// The idle connections above are closed while the client waits, so its posted read spoils them before the
// next request. Here the server closes only once the next request has arrived: that request finds the
// connection healthy, gets no byte back, and is retried once on a new connection.
Deno.test("http1: a server that reads the next request and closes without answering — retried once", async () => {
  let heads = 0;
  const server = rawServer(async (conn, index) => {
    for await (const _ of requestHeads(conn)) {
      heads++;
      if (index === 0 && heads === 2) return; // the second request on the first connection: close
      await writeAll(conn, enc(http(200, "ok")));
    }
  });
  await against(server, async (client) => {
    const outcomes = [await client.send(prepared(server.url)), await client.send(prepared(server.url))];
    assertEquals(outcomes.map(statusAndError), [OK, OK]);
    assertEquals([server.accepted(), heads], [2, 3]);
  });
});

Deno.test("http1: responses larger than the idle read, one after another on a kept connection", async () => {
  const big = "x".repeat(10 * 1024);
  const server = answeringServer((n) => http(200, `${n}${big}`));
  await against(server, async (client) => {
    const outcomes = await sendAll(client, [server.url, server.url, server.url]);
    assertEquals(outcomes.map(statusAndError), [OK, OK, OK]);
    assertEquals(outcomes.map((o) => o.bytes_received), Array(3).fill(enc(http(200, `0${big}`)).length));
    assertEquals(server.accepted(), 1);
  });
});

Deno.test("http1: HEAD with a Content-Length and no body; the next request on the connection works", async () => {
  const replies = { HEAD: "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", GET: http(200, "ok") };
  const server = answeringServer((_n, head) => head.startsWith("HEAD ") ? replies.HEAD : replies.GET);
  await against(server, async (client) => {
    const head = await client.send(prepared(server.url, { method: "HEAD" }));
    const get = await client.send(prepared(server.url));
    assertEquals([...statusAndError(head), head.bytes_received], [...OK, enc(replies.HEAD).length]);
    assertLess(head.latency_us, 1_000_000, "the client did not wait for a body");
    assertEquals([...statusAndError(get), get.bytes_received], [...OK, enc(replies.GET).length]);
    assertEquals(server.accepted(), 1);
  });
});

Deno.test("http1: 204 and 304 end at the head whatever Content-Length says; the connection stays in step", async () => {
  const replies = [
    "HTTP/1.1 204 No Content\r\n\r\n",
    'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "x"\r\n\r\n',
    http(200, "ok"),
  ];
  const server = answeringServer((n) => replies[n] ?? http(500));
  await against(server, async (client) => {
    const outcomes = await sendAll(client, Array(3).fill(server.url));
    assertEquals(outcomes.map(statusAndError), [[204, undefined], [304, undefined], OK]);
    assertEquals(outcomes.map((o) => o.bytes_received), replies.map((r) => enc(r).length));
    assertEquals(server.accepted(), 1);
  });
});

Deno.test("http1: a head dribbled byte by byte over ~300 ms still parses", async () => {
  const reply = enc(http(200, "ok", "X-Slow: one byte at a time\r\n"));
  const server = rawServer(async (conn) => {
    (conn as Deno.TcpConn).setNoDelay(true);
    for await (const _ of requestHeads(conn)) {
      for (let i = 0; i < reply.length; i++) {
        await writeAll(conn, reply.subarray(i, i + 1));
        await sleep(300 / reply.length);
      }
    }
  });
  await against(server, async (client) => {
    const outcome = await client.send(prepared(server.url, {}, "5s"));
    assertEquals([...statusAndError(outcome), outcome.bytes_received], [...OK, reply.length]);
    assertGreaterOrEqual(outcome.download_us!, 200_000, "the download phase spans the dribble");
    assertLess(outcome.latency_us, 2_000_000);
  });
});

Deno.test("http1: the head, then never the body — timeout at the task's timeout; the client is usable after", async () => {
  const closedByClient = Promise.withResolvers<boolean>();
  const server = rawServer(async (conn, index) => {
    for await (const _ of requestHeads(conn)) {
      if (index > 0) {
        await writeAll(conn, enc(http(200, "ok")));
        continue;
      }
      await writeAll(conn, enc("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
      return closedByClient.resolve(await closedWithin(conn, 2000));
    }
  });
  await against(server, async (client, inflight) => {
    const started = performance.now();
    const outcome = await client.send(prepared(server.url, {}, "200ms"));
    const elapsed = performance.now() - started;
    assertEquals(statusAndError(outcome), [0, "timeout"]);
    assertGreaterOrEqual(elapsed, 200);
    assertLess(elapsed, 600, `gave up after ${elapsed} ms`);
    assertEquals(inflight.size, 0);
    const next = await client.send(prepared(server.url));
    assertEquals([...statusAndError(next), server.accepted()], [...OK, 2]);
    assert(await closedByClient.promise, "the timed-out connection was closed");
  });
});

Deno.test("http1: a TLS server that never answers the handshake — timeout", async () => {
  const server = rawServer((conn) => closedWithin(conn, 2000));
  await against(server, async (client) => {
    const started = performance.now();
    const outcome = await client.send(prepared(server.url.replace("http:", "https:"), {}, "200ms"));
    assertEquals(statusAndError(outcome), [0, "timeout"]);
    assertLess(performance.now() - started, 600);
  });
});

/** Reads the request, writes `reply`, closes (FIN). */
const replyThenClose = (reply: string) => async (conn: Deno.Conn) => {
  for await (const _ of requestHeads(conn)) return await writeAll(conn, enc(reply));
};
/** Reads 16 bytes of the request, writes `reply`, closes with the rest unread: the kernel sends RST. */
const replyThenReset = (reply: string) => async (conn: Deno.Conn) => {
  await conn.read(new Uint8Array(16));
  await writeAll(conn, enc(reply));
  await sleep(20);
};
const PARTIAL_BODY = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
const CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

/** Broken answers and the error kinds they must give. A reset mid-body gives bad_response: Deno's
 * `Conn.read` reports the peer's RST as end of stream (null) on Linux, as a FIN, so the client sees a body
 * cut short of its Content-Length; a read that threw ConnectionReset would give `reset`, also accepted. */
const BROKEN: [string, (conn: Deno.Conn) => Promise<void>, string[]][] = [
  ["garbage instead of HTTP", replyThenClose("this is not http\r\n\r\n"), ["bad_response"]],
  ["a head over 64 KiB", replyThenClose(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(70_000)}\r\n\r\n`), [
    "header_too_large",
  ]],
  ["a bad chunk size", replyThenClose(`${CHUNKED}zz\r\nhello\r\n0\r\n\r\n`), ["bad_chunk"]],
  ["a close (FIN) mid-body", replyThenClose(PARTIAL_BODY), ["bad_response"]],
  ["a reset (RST) mid-body", replyThenReset(PARTIAL_BODY), ["bad_response", "reset"]],
  ["a close before any byte", replyThenClose(""), ["reset"]],
  ["a reset before any byte", replyThenReset(""), ["reset"]],
];

Deno.test("http1: broken answers end in error kinds, never exceptions", async () => {
  for (const [name, handle, kinds] of BROKEN) {
    const server = rawServer(handle);
    await against(server, async (client) => {
      const outcome = await client.send(prepared(server.url));
      assert(kinds.includes(outcome.error!), `${name}: got ${outcome.error}, expected one of ${kinds}`);
    });
  }
});

Deno.test("http1: connection refused", async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  await against({ url, close: () => Promise.resolve() }, async (client) => {
    const outcome = await client.send(prepared(url));
    assertEquals([...statusAndError(outcome), outcome.connect_us], [0, "refused", -1]);
  });
});

Deno.test("http1: extra bytes after a response in the same packet — the connection is not reused", async () => {
  const server = answeringServer((_n, _head, conn) =>
    conn === 0 ? http(200, "ok") + http(299, "stray") : http(201, "fresh")
  );
  await against(server, async (client) => {
    const outcomes = await sendAll(client, [server.url, server.url]);
    assertEquals(outcomes.map(statusAndError), [OK, [201, undefined]]);
    assertEquals(server.accepted(), 2);
  });
});

// Stray bytes that arrive on an idle connection are the server's, not the next response: the read posted
// while the connection waits sees them, and the next request goes out on a new connection.
Deno.test({
  name: "http1: stray bytes arriving on an idle connection — the connection is not reused",
  async fn() {
    const server = rawServer(async (conn, index) => {
      for await (const _ of requestHeads(conn)) {
        await writeAll(conn, enc(index === 0 ? http(200, "ok") : http(201, "fresh")));
        if (index > 0) continue;
        await sleep(30);
        await writeAll(conn, enc(http(299, "stray")));
      }
    });
    await against(server, async (client) => {
      const first = await client.send(prepared(server.url));
      await sleep(100);
      const second = await client.send(prepared(server.url));
      assertEquals([first.status, second.status, second.error, server.accepted()], [200, 201, undefined, 2]);
    });
  },
});

Deno.test("http1: interruptAll aborts a request in flight as 'interrupted' and closes its socket", async () => {
  const closedByClient = Promise.withResolvers<boolean>();
  const server = rawServer(async (conn) => {
    for await (const _ of requestHeads(conn)) return closedByClient.resolve(await closedWithin(conn, 2000));
  });
  await against(server, async (client, inflight) => {
    const pending = client.send(prepared(server.url));
    await sleep(100);
    assertEquals(inflight.size, 1);
    inflight.interruptAll();
    const outcome = await pending;
    assertEquals([...statusAndError(outcome), inflight.size], [0, "interrupted", 0]);
    assert(await closedByClient.promise, "the interrupted connection was closed");
  });
});

// Regression: an interruption before the connection opens must still close the socket.
Deno.test({
  name: "http1: a request interrupted before its connection opened does not leak the socket",
  async fn() {
    const closedByClient = Promise.withResolvers<boolean>();
    const server = rawServer(async (conn) => closedByClient.resolve(await closedWithin(conn, 500)));
    await against(server, async (client, inflight) => {
      inflight.interruptAll();
      const outcome = await client.send(prepared(server.url));
      assertEquals(outcome.error, "interrupted");
      // No connection at all would do too; one that was opened must be closed.
      if (server.accepted() > 0) assert(await closedByClient.promise, "the connection was left open");
    });
  },
});

// Regression: a failed TLS handshake must close its socket (it leaked in CLOSE-WAIT).
Deno.test({
  name: "http1: a failed TLS handshake closes the socket",
  async fn() {
    const closedByClient = Promise.withResolvers<boolean>();
    const server = rawServer(async (conn) => {
      await conn.read(new Uint8Array(4096));
      await writeAll(conn, enc(http(400, "not tls")));
      closedByClient.resolve(await closedWithin(conn, 500));
    });
    await against(server, async (client) => {
      const outcome = await client.send(prepared(server.url.replace("http:", "https:")));
      assertEquals(outcome.error, "tls");
      assert(await closedByClient.promise, "the socket of the failed handshake was left open");
    });
  },
});

// Regression: the task timeout also bounds a connect that hangs (SYN dropped by a full accept queue).
Deno.test({
  name: "http1: the task timeout covers a connect that hangs",
  async fn() {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const { port } = listener.addr as Deno.NetAddr;
    const url = `http://127.0.0.1:${port}`;
    const filling: Deno.Conn[] = [];
    let stuck: Promise<void> | undefined;
    for (let i = 0; i < 2000 && !stuck; i++) {
      const connecting = Deno.connect({ hostname: "127.0.0.1", port });
      const conn = await Promise.race([connecting, sleep(200).then(() => undefined)]);
      if (conn) filling.push(conn);
      else stuck = connecting.then(closeQuietly, () => {});
    }
    const release = async () => {
      listener.close();
      filling.forEach(closeQuietly);
      await stuck;
    };
    await against({ url, close: () => Promise.resolve() }, async (client) => {
      const sending = client.send(prepared(url, {}, "200ms"));
      const outcome = await Promise.race([sending, sleep(2000).then(() => undefined)]);
      await release();
      await sending;
      assertEquals(outcome?.error, "timeout", "no outcome 2 s after a 200 ms timeout");
    });
  },
});

/** Whether this host has ::1 at all; any other failure to listen fails the test instead of skipping it. */
const IPV6 = (() => {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch (error) {
    // EADDRNOTAVAIL (IPv6 off in a container) or EAFNOSUPPORT (a kernel without it).
    if (error instanceof Deno.errors.AddrNotAvailable || /family not supported/i.test(String(error))) {
      return false;
    }
    throw error;
  }
})();
if (!IPV6) console.warn("http1_client_test: the [::1] test is skipped: this host cannot bind ::1");

Deno.test({ name: "http1: an IPv6 literal URL ([::1])", ignore: !IPV6 }, async () => {
  const server = rawServer(async (conn) => {
    for await (const _ of requestHeads(conn)) await writeAll(conn, enc(http(200, "six")));
  }, "::1");
  await against(server, async (client) => {
    const outcome = await client.send(prepared(server.url));
    assertEquals([...statusAndError(outcome), server.accepted()], [...OK, 1]);
  });
});

// ---- TLS with a private CA made by openssl ----------------------------------------------------------

const NO_OPENSSL = await opensslMissing();

Deno.test("http1: HTTPS with a private CA", async (t) => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const dir = await Deno.makeTempDir({ prefix: "perf-tls-" });
  try {
    const { ca, cert, key } = await makeCertificates(dir);
    await t.step("trusted through caCerts: succeeds, times the handshake once per connection", async () => {
      const server = serve(() => new Response("secure"), { cert, key });
      await against(server, async (client) => {
        const [first, second] = await sendAll(client, [server.url, server.url]);
        assertEquals(statusAndError(first!), OK);
        assertGreaterOrEqual(first!.connect_us!, 0);
        assertGreaterOrEqual(first!.tls_us!, 0);
        assertEquals([...statusAndError(second!), second!.connect_us, second!.tls_us], [...OK, -1, -1]);
      }, { caCerts: [ca] });
    });
    await t.step("without the CA: error kind tls", async () => {
      const server = serve(() => new Response("secure"), { cert, key });
      await against(server, async (client) => {
        assertEquals(statusAndError(await client.send(prepared(server.url))), [0, "tls"]);
      });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
