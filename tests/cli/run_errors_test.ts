/**
 * Acceptance: bad input gets one line per problem with its location and the documented exit code, never
 * a stack trace; a target that is down gives counted errors, not a crash.
 */
import { assert, assertEquals, assertGreater, assertMatch } from "../helpers/assert.ts";
import { hasStackTrace, readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { closedPort } from "../helpers/targets.ts";

interface BadInputCase {
  name: string;
  config?: string;
  args: (configPath: string) => string[];
  code: number;
  /** Every pattern must match a line of stderr. */
  lines: RegExp[];
}

const CASES: BadInputCase[] = [
  {
    name: "malformed YAML",
    config: "base_url: [1, 2\nscenarios: :\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/perf\.yaml:2:1: invalid YAML: /],
  },
  {
    name: "unknown key with a hint",
    config: "scenarios:\n  smoke:\n    usrs: 3\n",
    args: (c) => ["run", "-c", c, "-s", "smoke"],
    code: 104,
    lines: [/perf\.yaml:3:5: unknown key "usrs" in scenarios\.smoke \(did you mean "users"\?\)/],
  },
  {
    name: "wrong type",
    config: "scenarios:\n  smoke:\n    users: ten\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/perf\.yaml:3:12: scenarios\.smoke\.users: expected a number, got "ten"/],
  },
  {
    name: "negative user count in the file",
    config: "scenarios:\n  smoke:\n    users: -5\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/perf\.yaml:3:12: scenarios\.smoke\.users: .*-5/],
  },
  {
    name: "several problems at once",
    config: "base_url: nope\nscenarios:\n  a:\n    users: 0\n    run_time: soon\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [
      /perf\.yaml:1:11: base_url: /,
      /perf\.yaml:4:12: scenarios\.a\.users/,
      /perf\.yaml:5:15: .*"soon"/,
    ],
  },
  {
    name: "negative user count on the command line",
    args: () => ["run", "-s", "smoke", "-H", "http://127.0.0.1:9", "-u", "-5"],
    code: 2,
    lines: [/-u, --users.*"-5"/],
  },
  {
    name: "unknown scenario",
    config: "base_url: http://127.0.0.1:9\nscenarios:\n  smoke: {}\n",
    args: (c) => ["run", "-c", c, "-s", "smokey"],
    code: 2,
    lines: [/Unknown scenario "smokey"/, /did you mean "smoke"/],
  },
  {
    name: "bad URL on the command line",
    args: () => ["run", "-s", "smoke", "-H", "ftp:/nowhere"],
    code: 2,
    lines: [/Invalid base URL "ftp:\/nowhere"/],
  },
  {
    name: "bad URL in the file",
    config: "base_url: localhost:8000\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/perf\.yaml:1:11: base_url: must be an absolute http:\/\/ or https:\/\/ URL/],
  },
  {
    name: "missing file",
    args: (c) => ["run", "-c", `${c}.missing`],
    code: 104,
    lines: [/Cannot read config ".*perf\.yaml\.missing": file not found/],
  },
  {
    name: "a directory instead of a file",
    args: (c) => ["validate", c.slice(0, c.lastIndexOf("/"))],
    code: 104,
    lines: [/Cannot read config/],
  },
  {
    name: "malformed placeholder",
    config: "base_url: http://127.0.0.1:9\nscenarios:\n  s:\n    tasks:\n      - path: /items/{{ a b }}\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/Scenario "s": invalid placeholder \{\{ a b \}\}/],
  },
  {
    name: "unknown generator",
    config: "base_url: http://127.0.0.1:9\nscenarios:\n  s:\n    tasks:\n      - path: /items/{{ $uuidd }}\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/Scenario "s": unknown generator \$uuidd/],
  },
  {
    name: "request settings on a task with steps",
    config: "scenarios:\n  s:\n    tasks:\n      - headers: { x: y }\n        steps:\n          - path: /a\n",
    args: (c) => ["validate", c],
    code: 104,
    lines: [/perf\.yaml:4:\d+: .*move `headers` into a step/],
  },
  {
    name: "unknown flag",
    args: () => ["run", "--userz", "3"],
    code: 2,
    lines: [/unknown option '--userz'/],
  },
];

for (const c of CASES) {
  Deno.test(`bad input: ${c.name} -> exit ${c.code}, located message, no stack trace`, async () => {
    const path = await writeConfig(c.config ?? "scenarios: {}\n");
    const run = await runPerf(c.args(path));
    assertEquals(run.code, c.code, run.stderr);
    for (const line of c.lines) assertMatch(run.stderr, line);
    assert(!hasStackTrace(run.stderr), `stack trace in:\n${run.stderr}`);
  });
}

Deno.test("a target that is down gives counted 'refused' errors, not a crash", async () => {
  const port = await closedPort();
  const out = await Deno.makeTempDir();
  const run = await runPerf([
    "run",
    "-s",
    "smoke",
    "-H",
    `http://127.0.0.1:${port}`,
    "-t",
    "2s",
    "-o",
    out,
    "--quiet",
  ]);
  // The smoke preset's thresholds cannot pass with every request refused.
  assertEquals(run.code, 99, run.stderr);
  const { result } = await readOnlyResult(out);
  assertGreater(result.summary.requests, 0);
  assertEquals(result.summary.failures, result.summary.requests);
  assertEquals(result.summary.errors, { refused: result.summary.requests });
  assertEquals(result.exit_code, 99);
  assertMatch(run.stdout, /FAIL: \d+ of \d+ thresholds failed/);
});
