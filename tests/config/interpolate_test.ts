import { parseDocument } from "yaml";
import { assert, assertEquals } from "../helpers/assert.ts";
import { type Env, interpolateDocument, interpolateString } from "../../src/config/interpolate.ts";

const ENV: Env = { HOST: "api.example.com", PORT: "8443", EMPTY: "", DB_PASS: "s3cret" };

Deno.test("interpolateString replaces set variables, defaults and escapes", () => {
  const cases: [string, string][] = [
    ["plain text", "plain text"],
    ["${HOST}", "api.example.com"],
    ["https://${HOST}:${PORT}/api", "https://api.example.com:8443/api"],
    ["${UNSET:-localhost}", "localhost"],
    ["${HOST:-localhost}", "api.example.com"],
    ["${EMPTY:-fallback}", "fallback"], // `:-` also covers empty, as in the shell
    ["${EMPTY}", ""], // set but empty, no default: empty
    ["${UNSET:-}", ""],
    ["${UNSET:-a:-b}", "a:-b"], // the default is everything after the first `:-`
    ["${UNSET:-http://x:1/}", "http://x:1/"],
    ["$${HOST}", "${HOST}"], // escaped: a literal reference
    ["$$${HOST}", "$${HOST}"], // read left to right: `$`, then the escape `$${`
    ["cost: $5", "cost: $5"], // a lone `$` is text
    ["$HOST", "$HOST"], // only the braced form is a reference
    ["pa$$word", "pa$$word"],
  ];
  for (const [input, expected] of cases) {
    const result = interpolateString(input, ENV);
    assertEquals(result.value, expected, input);
    assertEquals(result.missing, [], input);
    assertEquals(result.invalid, [], input);
  }
});

Deno.test("interpolateString reports unset variables and malformed references", () => {
  const cases: [string, string[], string[]][] = [
    ["${DB_PASSWORD}", ["DB_PASSWORD"], []],
    ["${A}-${HOST}-${B}", ["A", "B"], []],
    ["${1X}", [], ["${1X}"]],
    ["${}", [], ["${}"]],
    ["${HOST", [], ["${HOST"]], // unclosed
    ["${BAD NAME}", [], ["${BAD NAME}"]],
    ["${HOST:default}", [], ["${HOST:default}"]], // only `:-` introduces a default
  ];
  for (const [input, missing, invalid] of cases) {
    const result = interpolateString(input, ENV);
    assertEquals(result.missing, missing, input);
    assertEquals(result.invalid, invalid, input);
  }
});

Deno.test("interpolateString says whether a value came from the environment", () => {
  assertEquals(interpolateString("${DB_PASS}", ENV).usedEnv, true);
  assertEquals(interpolateString("${UNSET:-x}", ENV).usedEnv, false);
  assertEquals(interpolateString("$${DB_PASS}", ENV).usedEnv, false);
  assertEquals(interpolateString("no refs", ENV).changed, false);
});

const DOC = [
  "base_url: https://${HOST}", // 1
  "users: ${USERS:-10}", // 2: plain and a whole reference: typed
  "quoted: '${PORT}'", // 3: quoted: stays a string
  "flag: ${ON:-true}", // 4
  "${HOST}: key", // 5: keys are never interpolated
  "alerting:", // 6
  "  password: ${DB_PASS}", // 7
  "  list:", // 8
  "    - ${MISSING}", // 9
  "    - $${LITERAL}", // 10
  "anchor: &a ${HOST}", // 11
  "alias: *a", // 12
].join("\n");

Deno.test("interpolateDocument rewrites string scalars of a copy and types whole plain references", () => {
  const doc = parseDocument(DOC);
  const result = interpolateDocument(doc, { ...ENV, MISSING: "m" });
  assertEquals(result.issues, []);
  assertEquals(result.doc.toJS(), {
    base_url: "https://api.example.com",
    users: 10,
    quoted: "8443",
    flag: true,
    "${HOST}": "key",
    alerting: { password: "s3cret", list: ["m", "${LITERAL}"] },
    anchor: "api.example.com",
    alias: "api.example.com",
  });
  assertEquals(doc.toJS().base_url, "https://${HOST}", "the input document is left untouched");
  assertEquals(result.fromEnv, [["base_url"], ["quoted"], ["alerting", "password"], ["alerting", "list", 0], [
    "anchor",
  ]]);
});

Deno.test("interpolateDocument locates unset variables at their scalar", () => {
  const result = interpolateDocument(parseDocument(DOC), ENV);
  assertEquals(result.issues, [{
    path: ["alerting", "list", 0],
    offset: DOC.indexOf("${MISSING}"),
    message: `environment variable "MISSING" is not set`,
  }]);
});

Deno.test("interpolateDocument reports malformed references and keeps their text", () => {
  const text = "a: x${1X}\nb: ok";
  const result = interpolateDocument(parseDocument(text), ENV);
  assertEquals(result.issues.length, 1);
  assertEquals(result.issues[0]!.path, ["a"]);
  assertEquals(result.issues[0]!.offset, 3);
  assert(result.issues[0]!.message.startsWith(`invalid reference "\${1X}"`), result.issues[0]!.message);
  assertEquals(result.doc.toJS(), { a: "x${1X}", b: "ok" });
});

Deno.test("interpolateDocument leaves an empty document alone", () => {
  const result = interpolateDocument(parseDocument(""), ENV);
  assertEquals(result.issues, []);
  assertEquals(result.doc.contents, null);
});
