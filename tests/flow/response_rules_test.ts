import { assertEquals } from "../helpers/assert.ts";
import { extract, ParsedBody, passes, valueAtPath } from "../../src/flow/response_rules.ts";
import { type CapturedResponse } from "../../src/model/response.ts";
import { parseJsonPath } from "../../src/model/json_path.ts";

const response = (body: string, headers: Record<string, string> = {}, latency_ms = 5): CapturedResponse => ({
  status: 200,
  headers,
  body,
  latency_ms,
});

Deno.test("parseJsonPath: the forms a user writes", () => {
  const cases: [string, (string | number)[] | undefined][] = [
    ["$.id", ["id"]],
    ["id", ["id"]],
    ["$.items[0].id", ["items", 0, "id"]],
    ["items.0.id", ["items", 0, "id"]],
    ["$['odd key'].x", ["odd key", "x"]],
    ["$", []],
    ["$.a..b", undefined],
    ["$.a[x]", undefined],
  ];
  for (const [text, expected] of cases) assertEquals(parseJsonPath(text), expected, text);
  assertEquals(valueAtPath({ items: [{ id: 3 }] }, ["items", 0, "id"]), 3);
  assertEquals(valueAtPath({ items: [] }, ["items", 0, "id"]), undefined);
});

Deno.test("extract: JSON path, regex group and header; undefined when absent", () => {
  const r = response('{"id":7,"tags":["a"],"user":{"name":"Ann"}}', { "x-token": "abc" });
  const body = new ParsedBody(r.body);
  assertEquals(extract({ kind: "json", path: ["id"], source: "$.id" }, r, body), "7");
  assertEquals(extract({ kind: "json", path: ["user"], source: "$.user" }, r, body), '{"name":"Ann"}');
  assertEquals(extract({ kind: "json", path: ["nope"], source: "$.nope" }, r, body), undefined);
  assertEquals(extract({ kind: "regex", pattern: /"name":"(\w+)"/, group: 1 }, r, body), "Ann");
  assertEquals(extract({ kind: "regex", pattern: /missing(\d)/, group: 1 }, r, body), undefined);
  assertEquals(extract({ kind: "header", name: "x-token" }, r, body), "abc");
  const notJson = response("<html>");
  assertEquals(
    extract({ kind: "json", path: ["id"], source: "$.id" }, notJson, new ParsedBody(notJson.body)),
    undefined,
  );
});

Deno.test("checks: body_contains and json_equals (deep)", () => {
  const r = response('{"id":7,"tags":["a","b"]}', {}, 120);
  const body = new ParsedBody(r.body);
  assertEquals(passes({ kind: "body_contains", text: '"id":7' }, r, body), true);
  assertEquals(passes({ kind: "body_contains", text: "nope" }, r, body), false);
  assertEquals(
    passes({ kind: "json_equals", path: ["tags"], source: "$.tags", expected: ["a", "b"] }, r, body),
    true,
  );
  assertEquals(passes({ kind: "json_equals", path: ["id"], source: "$.id", expected: "7" }, r, body), false);
});
