import { assert, assertEquals } from "../helpers/assert.ts";
import {
  familyOf,
  parsePrometheusText,
  parseSampleLine,
  parseValue,
  type PromSample,
} from "../../src/monitor/prometheus_text.ts";

const LINE_CASES: [string, string, PromSample | string][] = [
  ["plain", "up 1", { name: "up", labels: {}, value: 1 }],
  ["labels and timestamp", 'http_requests_total{method="post",code="200"} 1027 1395066363000', {
    name: "http_requests_total",
    labels: { method: "post", code: "200" },
    value: 1027,
    timestamp: 1395066363000,
  }],
  [
    "escaped quotes, backslashes and newlines",
    String
      .raw`msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9`,
    {
      name: "msdos_file_access_time_seconds",
      labels: { path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"' },
      value: 1.458255915e9,
    },
  ],
  ["a brace and a comma inside a value", 'm{a="x}y,z"} 2', { name: "m", labels: { a: "x}y,z" }, value: 2 }],
  ["trailing comma, spaces, tabs", 'm{ a = "1" ,\tb="2", }\t3  ', {
    name: "m",
    labels: { a: "1", b: "2" },
    value: 3,
  }],
  ["empty braces, colon name", "job:requests:rate5m{} -0.5", {
    name: "job:requests:rate5m",
    labels: {},
    value: -0.5,
  }],
  ["NaN", "gauge NaN", { name: "gauge", labels: {}, value: NaN }],
  ["+Inf bucket", 'h_bucket{le="+Inf"} +Inf', { name: "h_bucket", labels: { le: "+Inf" }, value: Infinity }],
  ["-Inf", "g -Inf", { name: "g", labels: {}, value: -Infinity }],
  ["quoted UTF-8 name", '{"my.metric.name", zone="eu"} 7', {
    name: "my.metric.name",
    labels: { zone: "eu" },
    value: 7,
  }],
  ["exemplar is ignored", 'h_bucket{le="0.5"} 129 # {trace_id="KOO5S4vxi0o"} 0.67', {
    name: "h_bucket",
    labels: { le: "0.5" },
    value: 129,
  }],
  ["leading spaces, no space after braces", '  m{a="1"}4', { name: "m", labels: { a: "1" }, value: 4 }],
  ["missing value", "up", "missing value for up"],
  ["bad value", "up one", 'invalid value "one" for up'],
  ["bad timestamp", "up 1 yesterday", 'invalid timestamp "yesterday"'],
  ["trailing junk", "up 1 2 3", 'unexpected "3"'],
  ["unterminated value", 'm{a="1} 2', "label a: unterminated value"],
  ["unquoted value", "m{a=1} 2", "label a: expected a quoted value"],
  ["missing comma", 'm{a="1" b="2"} 2', 'expected "," or "}" after label a'],
  ["not a name", "<html>", 'expected a metric name at "<html>"'],
  ["name glued to junk", "up-1 1", 'expected a space after "up-"'],
];

for (const [what, line, expected] of LINE_CASES) {
  Deno.test(`parseSampleLine: ${what}`, () => {
    assertEquals(parseSampleLine(line), expected);
  });
}

Deno.test("parseValue: Go float spellings", () => {
  const cases: [string, number | undefined][] = [
    ["1", 1],
    ["-1.5e-3", -0.0015],
    [".5", 0.5],
    ["3.", 3],
    ["1E6", 1e6],
    ["Inf", Infinity],
    ["+inf", Infinity],
    ["-Inf", -Infinity],
    ["nan", NaN],
    ["", undefined],
    ["0x10", undefined],
    ["1_000", undefined],
    ["one", undefined],
  ];
  for (const [token, value] of cases) assertEquals(parseValue(token), value, token);
});

const PAGE = [
  "# HELP hikaricp_connections_active Active connections",
  "# TYPE hikaricp_connections_active gauge",
  'hikaricp_connections_active{pool="main"} 7',
  'hikaricp_connections_active{pool="reports"} 1',
  "# A plain comment, then a blank line",
  "",
  "# HELP http_request_duration_seconds Request latency.\\nIn seconds, with a \\\\ backslash.",
  "# TYPE http_request_duration_seconds histogram",
  'http_request_duration_seconds_bucket{le="0.1"} 90',
  'http_request_duration_seconds_bucket{le="+Inf"} 100',
  "http_request_duration_seconds_sum 8.5",
  "http_request_duration_seconds_count 100\r",
  "# TYPE rpc_duration_seconds summary",
  'rpc_duration_seconds{quantile="0.99"} NaN',
  "rpc_duration_seconds_sum 1.7e3",
  "rpc_duration_seconds_count 2693",
  "this line is broken",
  "process_resident_memory_bytes 5.24288e+07 1700000000000",
  "# EOF",
].join("\n");

Deno.test("parsePrometheusText: a whole page with every feature", () => {
  const parsed = parsePrometheusText(PAGE);
  assertEquals(parsed.samples.length, 10);
  assertEquals(parsed.errors, [{ line: 17, message: 'invalid value "line" for this' }]);
  assertEquals(parsed.types, {
    hikaricp_connections_active: "gauge",
    http_request_duration_seconds: "histogram",
    rpc_duration_seconds: "summary",
  });
  assertEquals(
    parsed.help.http_request_duration_seconds,
    "Request latency.\nIn seconds, with a \\ backslash.",
  );
  assertEquals(parsed.samples.find((s) => s.name === "http_request_duration_seconds_count")?.value, 100);
  const memory = parsed.samples.at(-1)!;
  assertEquals(memory, {
    name: "process_resident_memory_bytes",
    labels: {},
    value: 52428800,
    timestamp: 1700000000000,
  });
  assert(Number.isNaN(parsed.samples.find((s) => s.name === "rpc_duration_seconds")!.value));
});

Deno.test("familyOf maps _bucket/_sum/_count to their histogram or summary", () => {
  const { types } = parsePrometheusText(PAGE);
  assertEquals(familyOf("http_request_duration_seconds_bucket", types), "http_request_duration_seconds");
  assertEquals(familyOf("rpc_duration_seconds_count", types), "rpc_duration_seconds");
  assertEquals(familyOf("rpc_duration_seconds", types), "rpc_duration_seconds");
  assertEquals(familyOf("unknown_total", types), "unknown_total");
});
