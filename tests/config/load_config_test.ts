import { assert, assertEquals, assertMatch, assertRejects } from "../helpers/assert.ts";
import { ConfigError, formatConfigIssue, PerfError } from "../../src/errors.ts";
import { describeReadError, loadConfigFile, parseConfigText } from "../../src/config/load_config.ts";

const FIXTURES = "tests/fixtures";

/** The messages of the ConfigError that `lines` (one YAML line each, so line numbers are easy) raise. */
async function configErrors(lines: string[], env: Record<string, string> = {}): Promise<string[]> {
  const error = await assertRejects(() => parseConfigText(lines.join("\n"), "perf.yaml", env), ConfigError);
  assertEquals(error.exitCode, 104);
  assertEquals(error.message, error.issues.map(formatConfigIssue).join("\n"));
  return error.issues.map(formatConfigIssue);
}

/** A config with one scenario `smoke` whose settings start on line 4 and are indented 4 spaces. */
function smoke(...settings: string[]): string[] {
  return ['base_url: "http://localhost:8000"', "scenarios:", "  smoke:", ...settings.map((s) => `    ${s}`)];
}

Deno.test("the seed's example config loads unchanged", async () => {
  const loaded = await loadConfigFile(`${FIXTURES}/seed_config.yaml`, {});
  // It loads; the one note is that the seed writes its SMTP password into the file.
  assertEquals(loaded.warnings, [
    `${FIXTURES}/seed_config.yaml:22:15: alerting.email.password is written in the file: use \${ENV_VAR} ` +
    "so the secret stays out of it",
  ]);
  assertEquals(loaded.secrets.includes("your-password"), true);
  assertEquals(loaded.file, `${FIXTURES}/seed_config.yaml`);
  assertEquals(loaded.config.base_url, "http://localhost:8000");
  const scenario = loaded.config.scenarios.smoke!;
  assertEquals([scenario.description, scenario.users, scenario.spawn_rate, scenario.run_time], [
    "Quick smoke test",
    1,
    1,
    30_000,
  ]);
  // The seed's plain numbers are limits judged at the end (not live).
  const limit = (n: number) => ({ limit: n, abort_on_fail: false, live: false });
  assertEquals(scenario.thresholds, {
    response_time_p95: limit(1000),
    error_rate: limit(0.01),
    throughput: limit(5),
  });
  assertEquals(loaded.config.alerting?.email?.to_addrs, ["team@example.com"]);
  assertEquals(loaded.config.alerting?.email?.smtp_port, 587);
  assertEquals(loaded.digest.length, 64);
});

Deno.test("a fuller seed config (load, stress, slack, locust) loads with secrets from the environment", async () => {
  const env = { SMTP_PASSWORD: "hunter2" };
  const loaded = await loadConfigFile(`${FIXTURES}/seed_config_full.yaml`, env);
  const { scenarios, alerting } = loaded.config;
  assertEquals(Object.keys(scenarios), ["smoke", "load", "stress"]);
  assertEquals(scenarios.load!.wait_time, { kind: "between", min_ms: 1000, max_ms: 3000 });
  assertEquals(scenarios.load!.tasks[1]!.method, "POST");
  assertEquals(scenarios.stress!.run_time, 600_000);
  assertEquals(scenarios.stress!.wait_time, { kind: "between", min_ms: 1000, max_ms: 3000 });
  assertEquals(alerting?.email?.password, "hunter2");
  assertEquals(alerting?.slack?.webhook_url, "https://hooks.slack.com/services/T000/B000/XXXX");
  assertEquals(alerting?.slack?.channel, "#alerts");
  // locust.users (5) fills only scenarios that set no users: every scenario here keeps its own.
  assertEquals([scenarios.smoke!.users, scenarios.load!.users], [1, 10]);
  // The webhook URL's default is written in the file (`${SLACK_WEBHOOK_URL:-https://...}`): pointed out.
  assertEquals(loaded.warnings, [
    `${FIXTURES}/seed_config_full.yaml:75:3: locust.headless: ignored, perf has no equivalent`,
    `${FIXTURES}/seed_config_full.yaml:64:18: alerting.slack.webhook_url is written in the file: use ` +
    "\${ENV_VAR} so the secret stays out of it",
  ]);
  assertEquals(loaded.secrets, ["hunter2", "https://hooks.slack.com/services/T000/B000/XXXX"]);
});

Deno.test("an empty or comment-only file is an invalid config that says it is empty, by name", async () => {
  for (const text of ["", "\n", "# nothing yet\n"]) {
    const error = await assertRejects(() => parseConfigText(text, "conf/perf.yaml", {}), ConfigError);
    assertEquals(error.exitCode, 104);
    assert(
      error.message.includes('conf/perf.yaml:1:1: the config file "conf/perf.yaml" is empty'),
      error.message,
    );
  }
});

Deno.test("stress.baseline still loads, as stress.recovery_load, with a warning at the old key", async () => {
  const text = [
    "base_url: http://127.0.0.1:1",
    "scenarios:",
    "  s:",
    "    stress: { start: 1, step: 1, step_duration: 1s, max: 3, baseline: 2 }",
    "",
  ].join("\n");
  const loaded = await parseConfigText(text, "perf.yaml", {});
  assertEquals(loaded.config.scenarios.s?.stress?.recovery_load, 2);
  assertEquals(loaded.warnings.length, 1);
  assert(loaded.warnings[0]!.startsWith("perf.yaml:4:"), loaded.warnings[0]);
  assert(
    loaded.warnings[0]!.includes("scenarios.s.stress.baseline: renamed to stress.recovery_load"),
    loaded.warnings[0],
  );
  const both = await parseConfigText(
    text.replace("baseline: 2", "baseline: 2, recovery_load: 1"),
    "perf.yaml",
    {},
  );
  assertEquals(both.config.scenarios.s?.stress?.recovery_load, 1);
});

Deno.test("each kind of schema error is located at file:line:col with its value", async () => {
  const cases: [string, string[], string][] = [
    [
      "unknown key",
      smoke("usrs: 5"),
      `perf.yaml:4:5: unknown key "usrs" in scenarios.smoke (did you mean "users"?)`,
    ],
    [
      "wrong type",
      smoke("users: ten"),
      `perf.yaml:4:12: scenarios.smoke.users: expected a number, got "ten"`,
    ],
    [
      "negative users",
      smoke("users: -5"),
      "perf.yaml:4:12: scenarios.smoke.users: must be at least 1, got -5",
    ],
    [
      "fractional users",
      smoke("users: 1.5"),
      "perf.yaml:4:12: scenarios.smoke.users: expected a whole number, got 1.5",
    ],
    [
      "bad duration",
      smoke('run_time: "5 minutes"'),
      `perf.yaml:4:15: scenarios.smoke.run_time: invalid duration "5 minutes": use e.g. "500ms", "30s", "5m", "1h30m"`,
    ],
    [
      "zero duration",
      smoke("run_time: 0s"),
      `perf.yaml:4:15: scenarios.smoke.run_time: must be longer than 0, got "0s"`,
    ],
    [
      "bad url",
      ['base_url: "localhost:8000"'],
      `perf.yaml:1:11: base_url: must be an absolute http:// or https:// URL, got "localhost:8000"`,
    ],
    [
      "unknown top-level key",
      ["scenarioz: {}"],
      `perf.yaml:1:1: unknown key "scenarioz" in the config (did you mean "scenarios"?)`,
    ],
    [
      "enum with a hint",
      smoke("test_type: stres"),
      `perf.yaml:4:16: scenarios.smoke.test_type: must be one of smoke, load, stress, endurance, spike, breakpoint, custom, ` +
      `got "stres" (did you mean "stress"?)`,
    ],
    [
      "empty section",
      ["scenarios:", "  smoke:"],
      "perf.yaml:2:3: scenarios.smoke: expected a mapping, got an empty value",
    ],
    [
      "union of types",
      smoke("timeout: true"),
      "perf.yaml:4:14: scenarios.smoke.timeout: expected a string or a number, got true",
    ],
    [
      "unknown key inside a union of shapes",
      smoke("wait_time: {betwen: [1, 3]}"),
      `perf.yaml:4:17: unknown key "betwen" in scenarios.smoke.wait_time (did you mean "between"?)`,
    ],
    [
      "task without a target",
      smoke("tasks:", "  - name: home"),
      "perf.yaml:5:9: scenarios.smoke.tasks[0]: a task needs a `path` (joined to base_url) or a `url`",
    ],
    [
      "unknown threshold",
      smoke("thresholds:", "  response_time_p95: 100", "  latency: 5"),
      `perf.yaml:6:16: scenarios.smoke.thresholds.latency: unknown threshold "latency": use one of ` +
      "response_time_p95, response_time_p99.9, response_time_avg, response_time_max, error_rate, throughput",
    ],
    [
      "unknown key without a close match lists the valid ones",
      ["alerting:", "  slack:", "    hook: x"],
      `perf.yaml:3:5: unknown key "hook" in alerting.slack (expected one of enabled, webhook_url, channel, on)`,
    ],
    [
      "missing required key points at the mapping that lacks it",
      smoke("wait_time: {}"),
      `perf.yaml:4:5: missing required key "constant" in scenarios.smoke.wait_time`,
    ],
    [
      "unset variable",
      ["alerting:", "  email:", "    password: ${DB_PASS}"],
      `perf.yaml:3:15: alerting.email.password: environment variable "DB_PASS" is not set`,
    ],
  ];
  for (const [name, lines, expected] of cases) assertEquals(await configErrors(lines), [expected], name);
});

Deno.test("several errors are all reported at once, in file order", async () => {
  const errors = await configErrors([
    'base_url: "ftp://example.com"', // 1
    "scenarios:", // 2
    "  smoke:", // 3
    "    users: -5", // 4
    "    usrs: 2", // 5
    '    run_time: "5 minutes"', // 6
    "  load:", // 7
    "    spawn_rate: fast", // 8
    "    tasks:", // 9
    "      - path: /", // 10
    "        method: fetch", // 11
    "reporting:", // 12
    "  formats: [html, pdf]", // 13
  ]);
  assertEquals(errors, [
    `perf.yaml:1:11: base_url: must be an absolute http:// or https:// URL, got "ftp://example.com"`,
    "perf.yaml:4:12: scenarios.smoke.users: must be at least 1, got -5",
    `perf.yaml:5:5: unknown key "usrs" in scenarios.smoke (did you mean "users"?)`,
    `perf.yaml:6:15: scenarios.smoke.run_time: invalid duration "5 minutes": use e.g. "500ms", "30s", "5m", "1h30m"`,
    `perf.yaml:8:17: scenarios.load.spawn_rate: expected a number, got "fast"`,
    `perf.yaml:11:17: scenarios.load.tasks[0].method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ` +
    `got "fetch" (did you mean "PATCH"?)`,
    `perf.yaml:13:19: reporting.formats[1]: must be one of html, json, plots, junit, got "pdf"`,
  ]);
});

Deno.test("a malformed YAML file reports every syntax error with the parser's line:col", async () => {
  const error = await assertRejects(() => loadConfigFile(`${FIXTURES}/malformed.yaml`, {}), ConfigError);
  assertEquals(error.exitCode, 104);
  assertEquals(error.issues.map(formatConfigIssue), [
    `${FIXTURES}/malformed.yaml:6:1: invalid YAML: all mapping items must start at the same column`,
    `${FIXTURES}/malformed.yaml:8:12: invalid YAML: plain value cannot start with reserved character @`,
    `${FIXTURES}/malformed.yaml:10:5: invalid YAML: duplicate key "run_time"`,
  ]);
});

Deno.test("YAML structure errors are located", async () => {
  const cases: [string, string[], string[]][] = [
    ["duplicate key", ["users: 1", "base_url: x", "users: 2"], [
      'perf.yaml:3:1: invalid YAML: duplicate key "users"',
    ]],
    ["unknown alias", ["base_url: *url"], [
      'perf.yaml:1:11: invalid YAML: alias "*url" has no matching anchor',
    ]],
    [
      "several documents",
      ["scenarios: {}", "---", "scenarios: {}"],
      ["perf.yaml:2:1: invalid YAML: the file holds several YAML documents (---): a config is exactly one"],
    ],
    [
      "top level is a list",
      ["- smoke", "- load"],
      ["perf.yaml:1:1: the top level must be a mapping of settings such as base_url: and scenarios:, got a list"],
    ],
    [
      "top level is a scalar",
      ["# a comment", "just text"],
      [`perf.yaml:2:1: the top level must be a mapping of settings such as base_url: and scenarios:, got "just text"`],
    ],
  ];
  for (const [name, lines, expected] of cases) assertEquals(await configErrors(lines), expected, name);
});

Deno.test("${VAR} interpolation: set, default, escape, typed numbers; secrets never echoed", async () => {
  const lines = [
    "base_url: ${BASE_URL:-http://localhost:8000}",
    "scenarios:",
    "  smoke:",
    "    users: ${USERS}",
    '    description: "costs $${PRICE}"',
  ];
  const loaded = await parseConfigText(lines.join("\n"), "perf.yaml", { USERS: "7" });
  assertEquals(loaded.config.base_url, "http://localhost:8000");
  assertEquals(loaded.config.scenarios.smoke!.users, 7);
  assertEquals(loaded.config.scenarios.smoke!.description, "costs ${PRICE}");
  const errors = await configErrors(lines, { USERS: "many", BASE_URL: "not a url" });
  assertEquals(errors, [
    "perf.yaml:1:11: base_url: must be an absolute http:// or https:// URL, got a value from the environment " +
    "(not shown)",
    "perf.yaml:4:12: scenarios.smoke.users: expected a number, got a value from the environment (not shown)",
  ]);
  assert(!errors.join("\n").includes("many"));
});

Deno.test("locust: host, users, spawn-rate and run-time are mapped; the rest warned about", async () => {
  const lines = [
    "locust:", // 1
    "  host: http://target:8080", // 2
    "  users: 25", // 3
    "  spawn-rate: 5", // 4
    "  run-time: 2m", // 5
    "  headless: true", // 6
    "  locustfile: locustfile.py", // 7
    "scenarios:", // 8
    "  own:", // 9
    "    users: 3", // 10
    "  bare: {}", // 11
  ];
  const loaded = await parseConfigText(lines.join("\n"), "perf.yaml", {});
  assertEquals(loaded.config.base_url, "http://target:8080");
  const { own, bare } = loaded.config.scenarios;
  assertEquals([own!.users, own!.spawn_rate, own!.run_time], [3, 5, 120_000]);
  assertEquals([bare!.users, bare!.spawn_rate, bare!.run_time], [25, 5, 120_000]);
  assertEquals(loaded.warnings, [
    "perf.yaml:6:3: locust.headless: ignored, perf has no equivalent",
    "perf.yaml:7:3: locust.locustfile: ignored, describe the requests under scenarios.<name>.tasks instead",
  ]);
});

Deno.test("locust: base_url wins over host, and a bad mapped value points at the locust key", async () => {
  const kept = await parseConfigText(
    ["base_url: http://a:1", "locust:", "  host: http://b:2", "scenarios:", "  s: {}"].join("\n"),
    "perf.yaml",
    {},
  );
  assertEquals(kept.config.base_url, "http://a:1");
  assertEquals(kept.warnings, ["perf.yaml:3:3: locust.host: ignored, base_url is set"]);
  const noScenarios = await parseConfigText("locust:\n  users: 5\n", "perf.yaml", {});
  assertEquals(noScenarios.warnings, [
    "perf.yaml:2:3: locust.users: ignored, the config has no scenarios to apply it to",
  ]);
  const errors = await configErrors(["locust:", "  run_time: forever", "scenarios:", "  s: {}"]);
  assertEquals(errors, [
    `perf.yaml:2:13: scenarios.s.run_time: invalid duration "forever": use e.g. "500ms", "30s", "5m", "1h30m" ` +
    "(from locust.run_time)",
  ]);
});

Deno.test("a missing or unreadable config file is a PerfError (exit 104), never a stack trace", async () => {
  const missing = await assertRejects(() => loadConfigFile("no/such/perf.yaml", {}), PerfError);
  assertEquals(missing.message, 'Cannot read config "no/such/perf.yaml": file not found');
  assertEquals(missing.exitCode, 104);
  assert(!(missing instanceof ConfigError));
  const directory = await assertRejects(() => loadConfigFile(FIXTURES, {}), PerfError);
  assertEquals(directory.message, `Cannot read config "${FIXTURES}": it is a directory, not a file`);
  assertEquals(directory.exitCode, 104);
});

Deno.test("read failures are described in words", () => {
  const cases: [unknown, string][] = [
    [new Deno.errors.NotFound("x"), "file not found"],
    [new Deno.errors.PermissionDenied("x"), "permission denied"],
    [new Deno.errors.NotCapable("x"), "permission denied (perf needs --allow-read)"],
    [new Deno.errors.IsADirectory("x"), "it is a directory, not a file"],
    [new Deno.errors.InvalidData("x"), "it is not text (UTF-8)"],
    [new Error("disk on fire"), "disk on fire"],
  ];
  for (const [error, expected] of cases) assertEquals(describeReadError(error), expected);
});

Deno.test("stress.search: defaults filled in; fixed-step keys beside it, or neither, are located errors", async () => {
  const config = (stress: string) =>
    ["base_url: http://127.0.0.1:1", "scenarios:", "  s:", `    stress: ${stress}`, ""].join("\n");
  const loaded = await parseConfigText(config("{ search: {} }"), "perf.yaml", {});
  assertEquals(loaded.config.scenarios.s?.stress?.search, {
    start_rate: 10,
    factor: 2,
    precision: 0.05,
    max_duration: 600_000,
    min_samples: 400,
    min_step: 10_000,
    max_step: 40_000,
  });
  const both = await parseConfigText(config("{ search: {}, start: 10, step: 10 }"), "perf.yaml", {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert(both instanceof PerfError, String(both));
  assertMatch(both.message, /perf\.yaml:4:.*`start` sets fixed steps; a `search` chooses its own/);
  assertMatch(both.message, /`step` sets fixed steps/);
  const neither = await parseConfigText(config("{ unit: rate, start: 10 }"), "perf.yaml", {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert(neither instanceof PerfError, String(neither));
  assertMatch(neither.message, /fixed steps need step, step_duration, max \(or give `search`\)/);
  const users = await parseConfigText(config("{ unit: users, search: {} }"), "perf.yaml", {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  assertMatch(String((users as Error).message), /a `search` steps the arrival rate: use `unit: rate`/);
});
