/**
 * The fetch engine against misbehaving loopback servers: every failure comes back as an outcome with an
 * error kind, never as an exception, and timeouts and interruptions are told apart.
 */
import { assert, assertEquals, assertGreater, assertLess } from "../helpers/assert.ts";
import { closedPort, countingServer } from "../helpers/targets.ts";
import { scenarioSchema } from "../../src/model/config.ts";
import { buildRequestPlans, type RequestPlan } from "../../src/plan/request_plan.ts";
import { sendWithFetch } from "../../src/vu/fetch_engine.ts";
import { InflightRequests } from "../../src/vu/inflight.ts";

function plan(baseUrl: string, task: Record<string, unknown> = { path: "/" }, timeout = "2s"): RequestPlan {
  return buildRequestPlans(scenarioSchema.parse({ tasks: [task], timeout }), baseUrl)[0]!;
}

/** A raw TCP server that runs `handle` on each connection (for answers no HTTP server would give). */
function rawServer(handle: (conn: Deno.Conn) => Promise<void>) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      handle(conn).catch(() => {}).finally(() => {
        conns.delete(conn);
        try {
          conn.close();
        } catch { /* closed by the handler */ }
      });
    }
  })();
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
      await accepting.catch(() => {});
    },
  };
}

const readRequest = async (conn: Deno.Conn) => void await conn.read(new Uint8Array(4096));

Deno.test("a good response: status, latency, bytes; a status outside expect_status is an http_ error", async () => {
  const target = countingServer({ body: "hello" });
  const inflight = new InflightRequests();
  try {
    const ok = await sendWithFetch(plan(target.url), inflight);
    assertEquals([ok.status, ok.error], [200, undefined]);
    assertGreater(ok.latency_us, 0);
    assertGreater(ok.bytes_received, "hello".length);
    assertEquals(ok.bytes_sent, plan(target.url).request_bytes);
    const strict = await sendWithFetch(plan(target.url, { path: "/", expect_status: 201 }), inflight);
    assertEquals([strict.status, strict.error], [200, "http_200"]);
    assertEquals(inflight.size, 0);
  } finally {
    inflight.close();
    await target.close();
  }
});

Deno.test("refused, reset and garbage answers are counted kinds, not exceptions", async () => {
  const inflight = new InflightRequests();
  const reset = rawServer(async (conn) => {
    await readRequest(conn);
    conn.close();
  });
  const garbage = rawServer(async (conn) => {
    await readRequest(conn);
    await conn.write(new TextEncoder().encode("this is not http\r\n\r\n"));
  });
  try {
    const refused = await sendWithFetch(plan(`http://127.0.0.1:${await closedPort()}`), inflight);
    assertEquals([refused.status, refused.error], [0, "refused"]);
    const closed = await sendWithFetch(plan(reset.url), inflight);
    assertEquals([closed.status, closed.error], [0, "reset"]);
    const junk = await sendWithFetch(plan(garbage.url), inflight);
    assertEquals(junk.status, 0);
    assert(junk.error === "network" || junk.error === "reset", `garbage gave ${junk.error}`);
  } finally {
    inflight.close();
    await reset.close();
    await garbage.close();
  }
});

Deno.test("a server that never answers times out at the task's timeout", async () => {
  const inflight = new InflightRequests(10);
  const silent = rawServer(async (conn) => {
    await readRequest(conn);
    await new Promise((r) => setTimeout(r, 1500));
  });
  try {
    const started = performance.now();
    const outcome = await sendWithFetch(plan(silent.url, { path: "/" }, "200ms"), inflight);
    const elapsed = performance.now() - started;
    assertEquals([outcome.status, outcome.error], [0, "timeout"]);
    assert(elapsed >= 200, `gave up after ${elapsed} ms`);
    assertLess(elapsed, 600);
  } finally {
    inflight.close();
    await silent.close();
  }
});

Deno.test("interruptAll aborts requests in flight as 'interrupted'", async () => {
  const inflight = new InflightRequests();
  const silent = rawServer(async (conn) => {
    await readRequest(conn);
    await new Promise((r) => setTimeout(r, 1500));
  });
  try {
    const pending = sendWithFetch(plan(silent.url), inflight);
    await new Promise((r) => setTimeout(r, 100));
    assertEquals(inflight.size, 1);
    inflight.interruptAll();
    const outcome = await pending;
    assertEquals([outcome.status, outcome.error], [0, "interrupted"]);
    assertEquals(inflight.size, 0);
  } finally {
    inflight.close();
    await silent.close();
  }
});
