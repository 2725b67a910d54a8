import { scenarioSchema } from "../../src/model/config.ts";
import { type StatusRange } from "../../src/model/task_config.ts";
import {
  buildRequestPlans,
  joinUrl,
  requestBytes,
  type RequestPlan,
  sameOrigin,
  statusAccepted,
} from "../../src/plan/request_plan.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("joinUrl: joins like Locust, keeping the base's path prefix", () => {
  const cases: [base: string, path: string, expected: string][] = [
    ["http://127.0.0.1:8080", "/items", "http://127.0.0.1:8080/items"],
    ["http://127.0.0.1:8080/", "/items", "http://127.0.0.1:8080/items"],
    ["http://127.0.0.1:8080//", "/items", "http://127.0.0.1:8080/items"],
    ["http://api.test/v1", "/items", "http://api.test/v1/items"],
    ["http://api.test/v1/", "/items", "http://api.test/v1/items"],
    ["http://api.test/v1", "items", "http://api.test/v1/items"],
    ["http://api.test", "items", "http://api.test/items"],
    ["http://api.test", "/", "http://api.test/"],
    ["http://api.test/v1/", "/", "http://api.test/v1/"],
    ["https://api.test", "/search?q=a&n=2", "https://api.test/search?q=a&n=2"],
  ];
  for (const [base, path, expected] of cases) {
    assertEquals(joinUrl(base, path), expected, `${base} + ${path}`);
  }
});

Deno.test("buildRequestPlans: a scenario without tasks sends GET / to the base URL", () => {
  const scenario = scenarioSchema.parse({});
  const expected: RequestPlan = {
    name: "/",
    method: "GET",
    url: "http://example.com:8080/api/",
    headers: {},
    body: undefined,
    weight: 1,
    expect: undefined,
    timeout_ms: 30_000,
    // "GET /api/ HTTP/1.1" (18) CRLF "host: example.com:8080" (22) CRLF CRLF = 18 + 2 + 22 + 4
    request_bytes: 46,
  };
  assertEquals(buildRequestPlans(scenario, "http://example.com:8080/api/"), [expected]);
});

Deno.test("buildRequestPlans: json body is serialised and content-type set", () => {
  const scenario = scenarioSchema.parse({
    tasks: [{ name: "create", method: "post", path: "/items", json: { a: 1, b: [true, null] } }],
  });
  const [plan] = buildRequestPlans(scenario, "http://127.0.0.1:8080");
  assertEquals(plan, {
    name: "create",
    method: "POST",
    url: "http://127.0.0.1:8080/items",
    headers: { "content-type": "application/json" },
    body: '{"a":1,"b":[true,null]}',
    weight: 1,
    expect: undefined,
    timeout_ms: 30_000,
    // "POST /items HTTP/1.1" (20) + "host: 127.0.0.1:8080" (20) + "content-type: application/json" (30)
    // + "content-length: 23" (18), joined by 3 CRLFs (6), then CRLF CRLF (4), then the 23-byte body.
    request_bytes: 20 + 20 + 30 + 18 + 6 + 4 + 23,
  });
});

Deno.test("buildRequestPlans: a given content-type is kept for a json body (task or scenario level)", () => {
  const scenario = scenarioSchema.parse({
    headers: { "Content-Type": "text/plain" },
    tasks: [
      { path: "/a", method: "POST", json: [1], headers: { "CONTENT-TYPE": "application/vnd.api+json" } },
      { path: "/b", method: "POST", json: [2] },
    ],
  });
  const plans = buildRequestPlans(scenario, "http://h.test");
  assertEquals(plans.map((p) => p.headers), [
    { "content-type": "application/vnd.api+json" },
    { "content-type": "text/plain" },
  ]);
  assertEquals(plans.map((p) => p.body), ["[1]", "[2]"]);
});

Deno.test("buildRequestPlans: a raw body is sent as is, without a content-type", () => {
  const scenario = scenarioSchema.parse({ tasks: [{ path: "/raw", method: "PUT", body: "a=1&b=2" }] });
  const [plan] = buildRequestPlans(scenario, "http://h.test");
  assertEquals(plan!.body, "a=1&b=2");
  assertEquals(plan!.headers, {});
});

Deno.test("buildRequestPlans: headers merge scenario < task, names lower-cased, values as strings", () => {
  const scenario = scenarioSchema.parse({
    headers: { "X-Api-Key": "k1", Accept: "text/plain", "X-Num": 5 },
    tasks: [
      { path: "/a", headers: { accept: "application/json", "X-Trace": "t" } },
      { path: "/b" },
    ],
  });
  const plans = buildRequestPlans(scenario, "http://h.test");
  assertEquals(plans[0]!.headers, {
    "x-api-key": "k1",
    accept: "application/json",
    "x-num": "5",
    "x-trace": "t",
  });
  assertEquals(plans[1]!.headers, { "x-api-key": "k1", accept: "text/plain", "x-num": "5" });
});

Deno.test("buildRequestPlans: name defaults to the path (with its query), else the given name", () => {
  const scenario = scenarioSchema.parse({
    tasks: [
      { path: "/items?page=2" },
      { path: "users" },
      { name: "list items", path: "/items" },
    ],
  });
  const plans = buildRequestPlans(scenario, "http://h.test/v1");
  assertEquals(plans.map((p) => [p.name, p.url]), [
    ["/items?page=2", "http://h.test/v1/items?page=2"],
    ["users", "http://h.test/v1/users"],
    ["list items", "http://h.test/v1/items"],
  ]);
});

Deno.test("buildRequestPlans: url tasks ignore the base URL and are named by their pathname", () => {
  const scenario = scenarioSchema.parse({
    tasks: [{ url: "http://other.test:9000/health?full=1" }, { name: "ext", url: "https://x.test/" }],
  });
  const plans = buildRequestPlans(scenario, "http://base.test/api");
  assertEquals(plans.map((p) => [p.name, p.url]), [
    ["/health", "http://other.test:9000/health?full=1"],
    ["ext", "https://x.test/"],
  ]);
});

Deno.test("buildRequestPlans: weight, expected statuses and timeouts come through", () => {
  const scenario = scenarioSchema.parse({
    timeout: "10s",
    tasks: [
      { path: "/a", weight: 3, expect_status: [200, "3xx"], timeout: "5s" },
      { path: "/b", weight: 0 },
    ],
  });
  const plans = buildRequestPlans(scenario, "http://h.test");
  assertEquals(plans.map((p) => [p.weight, p.expect, p.timeout_ms]), [
    [3, [{ min: 200, max: 200 }, { min: 300, max: 399 }], 5000],
    [0, undefined, 10_000],
  ]);
});

Deno.test("requestBytes: exact HTTP/1.1 sizes computed by hand", () => {
  const cases: [
    plan: Pick<RequestPlan, "method" | "url" | "headers" | "body">,
    expected: number,
    why: string,
  ][] = [
    [
      { method: "GET", url: "http://h/", headers: {} },
      14 + 2 + 7 + 4,
      '"GET / HTTP/1.1" (14) CRLF "host: h" (7) CRLF CRLF',
    ],
    [
      { method: "GET", url: "http://h/a#fragment", headers: {} },
      15 + 2 + 7 + 4,
      "the fragment is never sent",
    ],
    [
      {
        method: "POST",
        url: "http://127.0.0.1:8080/items?x=1",
        headers: { "content-type": "application/json" },
        body: '{"a":1}',
      },
      // "POST /items?x=1 HTTP/1.1" (24) "host: 127.0.0.1:8080" (20) "content-type: application/json" (30)
      // "content-length: 7" (17), 3 CRLFs (6), CRLF CRLF (4), body (7)
      24 + 20 + 30 + 17 + 6 + 4 + 7,
      "POST with a query and a json body",
    ],
    [
      { method: "PUT", url: "http://h/", headers: {}, body: "héllo" },
      // "PUT / HTTP/1.1" (14) "host: h" (7) "content-length: 6" (17), 2 CRLFs, CRLF CRLF, 6 UTF-8 bytes
      14 + 7 + 17 + 4 + 4 + 6,
      "body counted in UTF-8 bytes, not characters",
    ],
    [
      { method: "POST", url: "http://h/", headers: {}, body: "" },
      // "POST / HTTP/1.1" (15) "host: h" (7) "content-length: 0" (17), 2 CRLFs, CRLF CRLF
      15 + 7 + 17 + 4 + 4,
      "an empty body still sends content-length: 0",
    ],
    [
      { method: "GET", url: "http://example.com:80/", headers: { "x-k": "v" } },
      // "GET / HTTP/1.1" (14) "host: example.com" (17, default port dropped) "x-k: v" (6), 2 CRLFs, 4
      14 + 17 + 6 + 4 + 4,
      "default port is not in the host header",
    ],
  ];
  for (const [plan, expected, why] of cases) assertEquals(requestBytes(plan), expected, why);
});

Deno.test("statusAccepted: below 400 by default, else the given ranges (inclusive)", () => {
  const twoXX: StatusRange[] = [{ min: 200, max: 299 }];
  const okOr404: StatusRange[] = [{ min: 200, max: 200 }, { min: 404, max: 404 }];
  const cases: [status: number, expect: StatusRange[] | undefined, accepted: boolean][] = [
    [200, undefined, true],
    [204, undefined, true],
    [301, undefined, true],
    [399, undefined, true],
    [400, undefined, false],
    [404, undefined, false],
    [500, undefined, false],
    [0, undefined, false],
    [99, undefined, false],
    [100, undefined, true],
    [200, twoXX, true],
    [299, twoXX, true],
    [199, twoXX, false],
    [300, twoXX, false],
    [404, okOr404, true],
    [201, okOr404, false],
    [503, [{ min: 500, max: 599 }], true],
  ];
  for (const [status, expect, accepted] of cases) {
    assertEquals(statusAccepted(status, expect), accepted, `${status} against ${JSON.stringify(expect)}`);
  }
});

Deno.test("buildRequestPlans: the scenario's headers go only to its own origin; a task's own headers go along", () => {
  const scenario = scenarioSchema.parse({
    headers: { Authorization: "Bearer s3cr3t" },
    tasks: [
      { name: "own", path: "/a" },
      { name: "same origin, absolute", url: "http://127.0.0.1:8080/b" },
      { name: "elsewhere", url: "https://cdn.example.test/c.js" },
      { name: "elsewhere, own key", url: "https://cdn.example.test/d", headers: { "X-Key": "k" } },
    ],
  });
  const plans = buildRequestPlans(scenario, "http://127.0.0.1:8080");
  assertEquals(plans.map((p) => p.headers), [
    { authorization: "Bearer s3cr3t" },
    { authorization: "Bearer s3cr3t" },
    {},
    { "x-key": "k" },
  ]);
  assertEquals([sameOrigin("HTTP://Host:1/x", "http://host:1"), sameOrigin("http://h:1/", "http://h:2/")], [
    true,
    false,
  ]);
});
