import { assertEquals } from "../../helpers/assert.ts";
import { encodeTarget } from "../../../src/vu/http1/request_encoder.ts";
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

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

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
    const fast = rendered.prepare(p);
    const slow = prepareRequest(p);
    assertEquals(text(fast.bytes), text(slow.bytes), p.url);
    assertEquals([fast.origin, fast.hostname, fast.port, fast.tls], [
      slow.origin,
      slow.hostname,
      slow.port,
      slow.tls,
    ]);
  }
});
