import { escapeXml, junitTimestamp, renderJUnit } from "../../src/report/junit.ts";
import type { RunInfo, RunResult, ThresholdResult } from "../../src/model/result.ts";
import { assert, assertEquals, AssertionError, assertMatch, assertThrows } from "../helpers/assert.ts";

const FIXTURE = new URL("../fixtures/results/demo_short.json", import.meta.url);
const demo: RunResult = JSON.parse(await Deno.readTextFile(FIXTURE));

// ---- a strict little XML reader (Deno has no DOMParser): enough to prove the output well-formed ----

interface XmlNode {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescape(text: string): string {
  assert(!/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text), `bare & in ${JSON.stringify(text)}`);
  assert(!text.includes("<"), `raw < in ${JSON.stringify(text)}`);
  return text.replace(
    /&(#\d+|\w+);/g,
    (_, e: string) => e.startsWith("#") ? String.fromCharCode(Number(e.slice(1))) : ENTITY[e]!,
  );
}

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rest = source.replace(/\s+([\w:.-]+)="([^"]*)"/g, (_, name: string, value: string) => {
    assert(!(name in attrs), `duplicate attribute ${name}`);
    attrs[name] = unescape(value);
    return "";
  });
  assertEquals(rest.trim(), "", `junk in a tag: ${source}`);
  return attrs;
}

/** Parses the document; throws on anything not well-formed (unbalanced tags, bad escapes). */
function parseXml(xml: string): XmlNode {
  assertMatch(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
  const root: XmlNode = { tag: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  const body = xml.replace(/^<\?xml[^>]*\?>/, "");
  let consumed = 0;
  for (const m of body.matchAll(token)) {
    assertEquals(m.index, consumed, `unparsable XML at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed += m[0].length;
    const top = stack.at(-1)!;
    if (m[5] !== undefined) top.text += unescape(m[5]);
    else if (m[1]) assertEquals(stack.pop()!.tag, m[2], "mismatched closing tag");
    else {
      const node: XmlNode = { tag: m[2]!, attrs: parseAttrs(m[3] ?? ""), children: [], text: "" };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    }
  }
  assertEquals(consumed, body.length, "trailing junk");
  assertEquals(stack.length, 1, "unclosed tags");
  assertEquals(root.children.length, 1, "one root element");
  return root.children[0]!;
}

const kids = (node: XmlNode, tag: string) => node.children.filter((c) => c.tag === tag);

// ---- fixtures ----

/** The demo result with some top-level fields and some run fields replaced. */
function variant(
  changes: Partial<Pick<RunResult, "thresholds" | "exit_code">>,
  run: Partial<RunInfo> = {},
): RunResult {
  return { ...demo, ...changes, run: { ...demo.run, ...run } };
}

const failing: ThresholdResult = {
  name: "GET /a?b=<1>&c: response_time_p95",
  key: "response_time_p95",
  endpoint: "GET /a?b=<1>&c",
  unit: "ms",
  threshold: "<= 100 ms",
  limit: 100,
  value: 312.4,
  ok: false,
};

interface SuiteCase {
  name: string;
  result: RunResult;
  tests: number;
  failures: number;
  errors: number;
  /** testcase name -> "ok" | "failure" | "error" */
  cases: Record<string, string>;
}

const SUITE_CASES: SuiteCase[] = [
  {
    name: "all thresholds pass",
    result: demo,
    tests: 3,
    failures: 0,
    errors: 0,
    cases: { response_time_p95: "ok", error_rate: "ok", throughput: "ok" },
  },
  {
    name: "a failed endpoint threshold with markup in its name",
    result: variant({ thresholds: [...demo.thresholds, failing], exit_code: 99 }),
    tests: 4,
    failures: 1,
    errors: 0,
    cases: { response_time_p95: "ok", error_rate: "ok", throughput: "ok", [failing.name]: "failure" },
  },
  {
    name: "interrupted run",
    result: variant({ exit_code: 105 }, { status: "interrupted" }),
    tests: 4,
    failures: 0,
    errors: 1,
    cases: { response_time_p95: "ok", error_rate: "ok", throughput: "ok", run: "error" },
  },
  {
    name: "no thresholds, completed",
    result: variant({ thresholds: [] }),
    tests: 1,
    failures: 0,
    errors: 0,
    cases: { run: "ok" },
  },
  {
    name: "no thresholds, internal error",
    result: variant({ thresholds: [], exit_code: 1 }),
    tests: 1,
    failures: 0,
    errors: 1,
    cases: { run: "error" },
  },
];

function outcome(testcase: XmlNode): string {
  if (kids(testcase, "failure").length > 0) return "failure";
  return kids(testcase, "error").length > 0 ? "error" : "ok";
}

for (const c of SUITE_CASES) {
  Deno.test(`renderJUnit: ${c.name}`, () => {
    const root = parseXml(renderJUnit([c.result]));
    assertEquals(root.tag, "testsuites");
    const [suite] = kids(root, "testsuite");
    assert(suite);
    assertEquals(
      [suite.attrs.tests, suite.attrs.failures, suite.attrs.errors],
      [String(c.tests), String(c.failures), String(c.errors)],
    );
    const cases = kids(suite, "testcase");
    assertEquals(Object.fromEntries(cases.map((t) => [t.attrs.name, outcome(t)])), c.cases);
    assert(cases.every((t) => t.attrs.classname === "perf.demo"));
    assertEquals([root.attrs.tests, root.attrs.failures], [String(c.tests), String(c.failures)]);
  });
}

Deno.test("renderJUnit: suite attributes and properties come from the run", () => {
  const suite = kids(parseXml(renderJUnit([demo])), "testsuite")[0]!;
  assertEquals(suite.attrs.name, "demo");
  assertEquals(suite.attrs.timestamp, "2026-11-25T08:34:36");
  assertEquals(suite.attrs.time, "10.012");
  const props = Object.fromEntries(
    kids(kids(suite, "properties")[0]!, "property").map((p) => [p.attrs.name, p.attrs.value]),
  );
  assertEquals([props.base_url, props.engine, props.users], ["http://127.0.0.1:37687", "http1", "10"]);
});

Deno.test("renderJUnit: a failure says value and limit, escaped and read back intact", () => {
  const xml = renderJUnit([variant({ thresholds: [failing] })]);
  assert(xml.includes('name="GET /a?b=&lt;1&gt;&amp;c: response_time_p95"'), xml);
  const testcase = kids(kids(parseXml(xml), "testsuite")[0]!, "testcase")[0]!;
  assertEquals(testcase.attrs.name, failing.name);
  const failure = kids(testcase, "failure")[0]!;
  assertEquals(failure.attrs.message, "GET /a?b=<1>&c: response_time_p95 312 ms (limit <= 100 ms)");
  assertEquals(failure.text, failure.attrs.message);
});

Deno.test("renderJUnit: several runs give one suite each, totals summed", () => {
  const stress = variant({ thresholds: [failing] }, { scenario: 'stress "big" & <fast>' });
  const root = parseXml(renderJUnit([demo, stress]));
  const suites = kids(root, "testsuite");
  assertEquals(suites.map((s) => s.attrs.name), ["demo", 'stress "big" & <fast>']);
  assertEquals(kids(suites[1]!, "testcase")[0]!.attrs.classname, 'perf.stress "big" & <fast>');
  assertEquals([root.attrs.tests, root.attrs.failures, root.attrs.time], ["4", "1", "20.024"]);
});

Deno.test("the test's XML reader rejects what is not well-formed", () => {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  const bad = ["<a><b></a></b>", "<a>x & y</a>", '<a n="<"/>', "<a>", "<a/><b/>", '<a n="1" n="2"/>'];
  for (const body of bad) assertThrows(() => parseXml(head + body), AssertionError, undefined, body);
  assertEquals(parseXml(`${head}<a n="&lt;&#10;">t&amp;</a>`).attrs.n, "<\n");
});

const ESCAPES: [string, string][] = [
  [`GET /a?b=<1>&c`, "GET /a?b=&lt;1&gt;&amp;c"],
  [`say "hi" it's`, "say &quot;hi&quot; it&apos;s"],
  ["line\nbreak\ttab", "line&#10;break&#9;tab"],
  ["bell\x07 nul\x00", "bell\uFFFD nul\uFFFD"],
  ["emoji 🚀 ok, lone \uD800 not", "emoji 🚀 ok, lone \uFFFD not"],
];
for (const [input, expected] of ESCAPES) {
  Deno.test(`escapeXml(${JSON.stringify(input)})`, () => assertEquals(escapeXml(input), expected));
}

Deno.test("junitTimestamp: no fraction, no zone", () => {
  assertEquals(junitTimestamp("2026-11-25T08:34:36.405Z"), "2026-11-25T08:34:36");
  assertEquals(junitTimestamp("2026-11-25T08:34:36Z"), "2026-11-25T08:34:36");
});
