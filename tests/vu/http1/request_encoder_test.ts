import { assertEquals } from "../../helpers/assert.ts";
import { encodeTarget, utf8Length } from "../../../src/vu/http1/request_encoder.ts";
import { prepareRequest, RenderedRequests } from "../../../src/vu/http1/http1_client.ts";
import type { RequestPlan } from "../../../src/plan/request_plan.ts";

const plan = (url: string, extra: Partial<RequestPlan> = {}): RequestPlan => ({
  name: "x",
  method: "GET",
  url,
  headers: {},
  weight: 1,
  timeout_ms: 1000,
  request_bytes: 0,
  ...extra,
});

const text = (wire: Uint8Array | string) => typeof wire === "string" ? wire : new TextDecoder().decode(wire);

Deno.test("encodeTarget percent-encodes what the URL parser would, and nothing else", () => {
  assertEquals(encodeTarget("/items/7?q=a&b=%20c"), "/items/7?q=a&b=%20c");
  assertEquals(encodeTarget("/items/a b"), "/items/a%20b");
  assertEquals(encodeTarget('/q/"x"<y>{z}`'), "/q/%22x%22%3Cy%3E%7Bz%7D%60");
  assertEquals(encodeTarget("/café"), "/caf%C3%A9");
});

Deno.test("rendered requests encode exactly like prepared ones, parsing each origin once", () => {
  const rendered = new RenderedRequests();
  const plans = [
    plan("http://127.0.0.1:8080/items/7?x=1"),
    plan("http://127.0.0.1:8080/items/a b"),
    plan("https://example.test/"),
    plan("http://[::1]:9000/v1", {
      method: "POST",
      body: '{"a":1}',
      headers: { "content-type": "application/json" },
    }),
    plan("http://h.test:81/p", { headers: { host: "override.test", accept: "text/plain" } }),
  ];
  for (const p of plans) {
    const fast = rendered.prepare(p, { url: p.url, headers: p.headers, body: p.body });
    const slow = prepareRequest(p);
    assertEquals(text(fast.wire), text(slow.wire), p.url);
    assertEquals([fast.origin, fast.hostname, fast.port, fast.tls], [
      slow.origin,
      slow.hostname,
      slow.port,
      slow.tls,
    ]);
  }
});

Deno.test("utf8Length counts what TextEncoder writes", () => {
  for (const sample of ["", "abc", "café", "€10", "😀 ok", "\ud800 lone", "x\udc00", '{"name":"Zoë"}']) {
    assertEquals(utf8Length(sample), new TextEncoder().encode(sample).length, JSON.stringify(sample));
  }
});

Deno.test("rendered requests reuse the base plan's header lines, and never a templated object's", () => {
  const rendered = new RenderedRequests();
  const base = plan("http://127.0.0.1:8080/", { headers: { "x-team": "a" } });
  const first = rendered.prepare(base, {
    url: "http://127.0.0.1:8080/1",
    headers: base.headers,
    body: undefined,
  });
  const again = rendered.prepare(base, {
    url: "http://127.0.0.1:8080/2",
    headers: base.headers,
    body: undefined,
  });
  const own = rendered.prepare(base, {
    url: "http://127.0.0.1:8080/3",
    headers: { "x-team": "b" },
    body: undefined,
  });
  assertEquals(text(first.wire).split("\r\n").slice(0, 2), ["GET /1 HTTP/1.1", "host: 127.0.0.1:8080"]);
  assertEquals(text(again.wire).split("\r\n")[0], "GET /2 HTTP/1.1");
  assertEquals(text(again.wire).includes("x-team: a\r\n"), true);
  assertEquals(text(own.wire).includes("x-team: b\r\n"), true);
  assertEquals(again.plan, base);
});
