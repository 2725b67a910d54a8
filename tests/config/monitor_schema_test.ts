import { assertEquals } from "../helpers/assert.ts";
import { monitorsSchema } from "../../src/model/monitor_config.ts";
import { describeIssues } from "../../src/config/issue_messages.ts";

/** The messages a `monitor:` list raises, as the config loader would word them (without file:line). */
function problems(input: unknown): string[] {
  const parsed = monitorsSchema.safeParse(input);
  if (parsed.success) return [];
  return describeIssues(parsed.error.issues, { input, schema: monitorsSchema, rootLabel: "monitor" })
    .map((issue) => issue.message);
}

Deno.test("monitor entries parse with defaults, kinds and default names", () => {
  const parsed = monitorsSchema.parse([
    { process: { pid: 4242 } },
    { process: { pid_file: "/run/orders.pid" }, interval: "2s" },
    { name: "api", process: { command: "/java .*orders\\.jar/" }, interval: 0.5 },
    {
      prometheus: {
        url: "http://127.0.0.1:8080/metrics",
        metrics: ["hikaricp_connections_active", {
          name: "hikaricp_connections",
          labels: { pool: "main" },
          as: "pool",
        }],
      },
    },
    {
      name: "actuator",
      prometheus: {
        url: "https://app:8443/actuator/prometheus",
        interval: "10s",
        timeout: "1s",
        metrics: ["up"],
      },
    },
  ]);
  assertEquals(parsed, [
    { kind: "process", name: "pid 4242", interval: 1000, process: { pid: 4242 } },
    { kind: "process", name: "orders", interval: 2000, process: { pid_file: "/run/orders.pid" } },
    { kind: "process", name: "api", interval: 500, process: { command: "/java .*orders\\.jar/" } },
    {
      kind: "prometheus",
      name: "127.0.0.1:8080",
      prometheus: {
        url: "http://127.0.0.1:8080/metrics",
        interval: 5000,
        timeout: 2000,
        metrics: [{ name: "hikaricp_connections_active" }, {
          name: "hikaricp_connections",
          labels: { pool: "main" },
          as: "pool",
        }],
      },
    },
    {
      kind: "prometheus",
      name: "actuator",
      prometheus: {
        url: "https://app:8443/actuator/prometheus",
        interval: 10_000,
        timeout: 1000,
        metrics: [{ name: "up" }],
      },
    },
  ]);
});

Deno.test("an empty list is valid", () => {
  assertEquals(monitorsSchema.parse([]), []);
});

const INVALID: [string, unknown, string[]][] = [
  ["no target", [{ process: {} }], [
    "[0].process: a process monitor needs one of `pid`, `pid_file` or `command`",
  ]],
  [
    "two targets",
    [{ process: { pid: 1, command: "x" } }],
    ["[0].process: give only one of `pid`, `pid_file` or `command`, not `pid` and `command`"],
  ],
  ["bad regex", [{ process: { command: "/a(/" } }], [
    '[0].process.command: invalid regex "/a(/": Invalid regular expression: /a(/: Unterminated group',
  ]],
  ["neither kind", [{ name: "x" }], [
    "[0]: a monitor needs `process` (a local process) or `prometheus` (an endpoint)",
  ]],
  [
    "both kinds",
    [{ process: { pid: 1 }, prometheus: { url: "http://a/metrics", metrics: ["up"] } }],
    ["[0]: give either `process` or `prometheus`, not both: one monitor watches one thing"],
  ],
  [
    "typo",
    [{ proces: { pid: 1 } }],
    [
      'unknown key "proces" in [0] (did you mean "process"?)',
      "[0]: a monitor needs `process` (a local process) or `prometheus` (an endpoint)",
    ],
  ],
  ["bad interval", [{ process: { pid: 1 }, interval: "soon" }], [
    '[0].interval: invalid duration "soon": use e.g. "500ms", "5s", "1m"',
  ]],
  ["too fast", [{ process: { pid: 1 }, interval: "10ms" }], [
    '[0].interval: must be at least 100ms, got "10ms"',
  ]],
  [
    "interval beside prometheus",
    [{ prometheus: { url: "http://a/metrics", metrics: ["up"] }, interval: "1s" }],
    ["[0].interval: a Prometheus monitor sets its interval inside `prometheus:` (prometheus.interval)"],
  ],
  ["ftp url", [{ prometheus: { url: "ftp://a/metrics", metrics: ["up"] } }], [
    '[0].prometheus.url: must be an absolute http:// or https:// URL, got "ftp://a/metrics"',
  ]],
  ["no metrics", [{ prometheus: { url: "http://a/metrics", metrics: [] } }], [
    "[0].prometheus.metrics: must have at least 1 item, got a list",
  ]],
  ["bad metric name", [{ prometheus: { url: "http://a/metrics", metrics: ["2xx-rate"] } }], [
    "[0].prometheus.metrics[0]: a Prometheus metric name, e.g. process_resident_memory_bytes",
  ]],
  [
    "duplicate names",
    [{ process: { pid: 1 } }, { process: { pid: 1 } }],
    ['[1].name: monitor name "pid 1" is used twice: give each monitor its own `name`'],
  ],
  [
    "reserved name",
    [{ name: "generator", process: { pid: 1 } }],
    ['[0].name: the name "generator" is reserved for perf\'s own monitor: choose another `name`'],
  ],
];

for (const [what, input, expected] of INVALID) {
  Deno.test(`monitor config error: ${what}`, () => {
    assertEquals(problems(input), expected);
  });
}
