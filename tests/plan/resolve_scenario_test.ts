import { scenarioSchema } from "../../src/model/config.ts";
import { ExitCode, PerfError } from "../../src/errors.ts";
import { resolveScenario, validateBaseUrl } from "../../src/plan/resolve_scenario.ts";
import { assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";

const CONFIG_URL = "http://config.test";

Deno.test("resolveScenario: takes the scenario's values when nothing is overridden", () => {
  const scenario = scenarioSchema.parse({
    description: "steady",
    users: 5,
    spawn_rate: 2,
    run_time: "2m",
    wait_time: "between(1, 2)",
    graceful_stop: "3s",
    workers: 2,
    thresholds: { response_time_p95: 500 },
  });
  const resolved = resolveScenario("steady", scenario, CONFIG_URL, {});
  assertEquals(resolved, {
    name: "steady",
    description: "steady",
    test_type: "custom",
    base_url: CONFIG_URL,
    users: 5,
    spawn_rate: 2,
    run_time_ms: 120_000,
    wait_time: { kind: "between", min_ms: 1000, max_ms: 2000 },
    requests: resolved.requests,
    thresholds: { response_time_p95: 500 },
    live_thresholds: [],
    monitors: [],
    endpoint_thresholds: [],
    graceful_stop_ms: 3000,
    engine: "http1",
    workload: { model: "closed" },
    flows: resolved.flows,
    workers: 2,
  });
  assertEquals(resolved.requests.map((r) => `${r.method} ${r.url}`), ["GET http://config.test/"]);
});

Deno.test("resolveScenario: CLI overrides beat the config", () => {
  const scenario = scenarioSchema.parse({ users: 5, spawn_rate: 2, run_time: "2m", workers: 2 });
  const resolved = resolveScenario("s", scenario, CONFIG_URL, {
    users: 50,
    spawn_rate: 10,
    run_time_ms: 15_000,
    workers: 4,
  });
  assertEquals(
    [resolved.users, resolved.spawn_rate, resolved.run_time_ms, resolved.workers],
    [50, 10, 15_000, 4],
  );
});

Deno.test("resolveScenario: base URL precedence is -H, then scenario, then config", () => {
  const withUrl = scenarioSchema.parse({ base_url: "http://scenario.test" });
  const withoutUrl = scenarioSchema.parse({});
  const cases: [
    name: string,
    scenario: typeof withUrl,
    config: string | undefined,
    cli: string | undefined,
    expected: string,
  ][] = [
    ["all three", withUrl, CONFIG_URL, "http://cli.test", "http://cli.test"],
    ["-H over config", withoutUrl, CONFIG_URL, "http://cli.test", "http://cli.test"],
    ["scenario over config", withUrl, CONFIG_URL, undefined, "http://scenario.test"],
    ["config alone", withoutUrl, CONFIG_URL, undefined, CONFIG_URL],
    ["scenario alone", withUrl, undefined, undefined, "http://scenario.test"],
  ];
  for (const [name, scenario, config, cli, expected] of cases) {
    const resolved = resolveScenario("s", scenario, config, { base_url: cli });
    assertEquals(resolved.base_url, expected, name);
    assertEquals(resolved.requests[0]!.url, `${expected}/`, name);
  }
});

Deno.test("resolveScenario: no base URL anywhere is a usage error with a hint", () => {
  const err = assertThrows(
    () => resolveScenario("smoke", scenarioSchema.parse({}), undefined, {}),
    PerfError,
    'Scenario "smoke" has no base URL',
  );
  assertEquals(err.exitCode, ExitCode.usage);
  assertMatch(err.hint ?? "", /-H/);
});

Deno.test("resolveScenario: an invalid base URL is a usage error naming its origin", () => {
  const cases: [config: string | undefined, cli: string | undefined, origin: string][] = [
    [undefined, "localhost:8080", "-H/--host"],
    [undefined, "ftp://files.test", "-H/--host"],
    [CONFIG_URL, "not a url", "-H/--host"],
    ["ftp://files.test", undefined, "base_url"],
    ["/relative/path", undefined, "base_url"],
  ];
  for (const [config, cli, origin] of cases) {
    const bad = cli ?? config!;
    const err = assertThrows(
      () => resolveScenario("s", scenarioSchema.parse({}), config, { base_url: cli }),
      PerfError,
      `Invalid base URL ${JSON.stringify(bad)} (${origin})`,
    );
    assertEquals(err.exitCode, 2, bad);
  }
});

// Regression (fixed): `-H ""` (an empty --host) is blamed on the config: the origin is chosen by truthiness
// (`overrides.base_url ? ...`) while the value is chosen by `??`, so an empty -H is used and reported as
// "(base_url)". Input: resolveScenario("s", {}, "http://config.test", { base_url: "" }).
// Expected message to name "-H/--host"; actual: `Invalid base URL "" (base_url): ...`.
Deno.test({
  name: "resolveScenario: an empty -H is reported as coming from -H/--host",
  fn() {
    assertThrows(
      () => resolveScenario("s", scenarioSchema.parse({}), CONFIG_URL, { base_url: "" }),
      PerfError,
      'Invalid base URL "" (-H/--host)',
    );
  },
});

Deno.test("validateBaseUrl: http and https pass through unchanged, anything else throws exit 2", () => {
  for (const ok of ["http://a.test", "https://a.test:8443/base/", "http://127.0.0.1:1"]) {
    assertEquals(validateBaseUrl(ok, "x"), ok);
  }
  for (const bad of ["", "a.test", "ws://a.test", "file:///etc/passwd", "mailto:a@b.test"]) {
    const err = assertThrows(() => validateBaseUrl(bad, "origin"), PerfError, "(origin)");
    assertEquals(err.exitCode, 2, bad);
  }
});

Deno.test("resolveScenario: spawn_rate defaults to users (after the users override)", () => {
  const scenario = scenarioSchema.parse({ users: 7 });
  assertEquals(resolveScenario("s", scenario, CONFIG_URL, {}).spawn_rate, 7);
  assertEquals(resolveScenario("s", scenario, CONFIG_URL, { users: 20 }).spawn_rate, 20);
  assertEquals(resolveScenario("s", scenario, CONFIG_URL, { users: 20, spawn_rate: 3 }).spawn_rate, 3);
  const withRate = scenarioSchema.parse({ users: 7, spawn_rate: 0.5 });
  assertEquals(resolveScenario("s", withRate, CONFIG_URL, { users: 20 }).spawn_rate, 0.5);
});

Deno.test("resolveScenario: all-zero weights are an invalid config (exit 104)", () => {
  const scenario = scenarioSchema.parse({ tasks: [{ path: "/a", weight: 0 }, { path: "/b", weight: 0 }] });
  const err = assertThrows(() => resolveScenario("zero", scenario, CONFIG_URL, {}), PerfError, "weight 0");
  assertEquals(err.exitCode, ExitCode.invalidConfig);
  assertEquals(err.exitCode, 104);
  // One positive weight is enough.
  const some = scenarioSchema.parse({ tasks: [{ path: "/a", weight: 0 }, { path: "/b", weight: 1 }] });
  assertEquals(resolveScenario("some", some, CONFIG_URL, {}).requests.map((r) => r.weight), [0, 1]);
});

Deno.test("resolveScenario: endpoint thresholds are keyed by METHOD and name", () => {
  const scenario = scenarioSchema.parse({
    tasks: [
      { path: "/items", method: "post", thresholds: { response_time_p95: 200 } },
      { path: "/health" },
      { name: "list", path: "/items?page=1", thresholds: { error_rate: 0.01, response_time_p99: 900 } },
      { url: "http://other.test/ping", thresholds: { throughput: 5 } },
    ],
  });
  const resolved = resolveScenario("s", scenario, CONFIG_URL, {});
  assertEquals(resolved.endpoint_thresholds, [
    { endpoint: "POST /items", thresholds: { response_time_p95: 200 } },
    { endpoint: "GET list", thresholds: { error_rate: 0.01, response_time_p99: 900 } },
    { endpoint: "GET /ping", thresholds: { throughput: 5 } },
  ]);
});

Deno.test("resolveScenario: test type from the scenario, else from a preset name, else custom", () => {
  const cases: [name: string, testType: string | undefined, expected: string][] = [
    ["stress", undefined, "stress"],
    ["smoke", undefined, "smoke"],
    ["endurance", undefined, "endurance"],
    ["checkout", undefined, "custom"],
    ["checkout", "load", "load"],
    ["stress", "spike", "spike"],
  ];
  for (const [name, testType, expected] of cases) {
    const scenario = scenarioSchema.parse(testType ? { test_type: testType } : {});
    assertEquals(resolveScenario(name, scenario, CONFIG_URL, {}).test_type, expected, `${name}/${testType}`);
  }
});

Deno.test("resolveScenario: settings the chosen model does not use are reported, not silently dropped", () => {
  const staged = scenarioSchema.parse({ stages: [{ duration: "2s", users: 3 }] });
  const closed = resolveScenario("s", staged, "http://h.test", {
    users: 9,
    run_time_ms: 1000,
    spawn_rate: 4,
  });
  assertEquals(closed.ignored, [
    "-t/--run-time (the stages set the length)",
    "-u/--users (the stages set the users)",
    "-r/--spawn-rate (only the plain closed model ramps at a spawn rate)",
  ]);
  const open = resolveScenario("s", staged, "http://h.test", { rate: 50, users: 7 });
  assertEquals([open.workload.model, open.users, open.ignored], ["open", 7, [
    "the scenario's stages (--rate replaces them)",
  ]]);
  assertEquals(
    resolveScenario("s", scenarioSchema.parse({}), "http://h.test", { users: 2 }).ignored,
    undefined,
  );
});

Deno.test("resolveScenario: live thresholds split from the limits; monitors merged by name", () => {
  const scenario = scenarioSchema.parse({
    thresholds: {
      response_time_p95: 500,
      error_rate: { limit: 0.01, window: "30s", abort_on_fail: true, delay: "10s" },
      throughput: { limit: 5 },
    },
    monitor: [{ name: "api", process: { pid: 42 } }],
  });
  const top = [
    { kind: "process" as const, name: "api", interval: 1000, process: { pid: 1 } },
    { kind: "process" as const, name: "db", interval: 1000, process: { pid: 2 } },
  ];
  const resolved = resolveScenario("s", scenario, CONFIG_URL, {}, top);
  assertEquals(resolved.thresholds, { response_time_p95: 500, error_rate: 0.01, throughput: 5 });
  assertEquals(resolved.live_thresholds, [
    { key: "error_rate", limit: 0.01, window_s: 30, abort_on_fail: true, delay_s: 10 },
    { key: "throughput", limit: 5, window_s: 0, abort_on_fail: false, delay_s: 0 },
  ]);
  assertEquals(resolved.monitors.map((m) => [m.name, m.kind === "process" ? m.process.pid : 0]), [["db", 2], [
    "api",
    42,
  ]]);
});

Deno.test("resolveScenario: stress steps become the workload and the stage marks' source", () => {
  const users = resolveScenario(
    "s",
    scenarioSchema.parse({
      stress: { start: 10, step: 10, max: 30, step_duration: "10s", recovery_limit: "20s" },
    }),
    CONFIG_URL,
    {},
  );
  assertEquals(users.stress!.stages.map((s) => [s.kind, s.target, s.start_s, s.end_s]), [
    ["step", 10, 0, 10],
    ["step", 20, 10, 20],
    ["step", 30, 20, 30],
    ["recovery", 10, 30, 50],
  ]);
  assertEquals(users.workload.model, "closed");
  assertEquals([users.users, users.run_time_ms], [30, 50_000]);
  const rate = resolveScenario(
    "s",
    scenarioSchema.parse({ stress: { unit: "rate", start: 100, step: 100, max: 200, step_duration: "5s" } }),
    CONFIG_URL,
    { run_time_ms: 1000 },
  );
  assertEquals([rate.workload.model, rate.run_time_ms], ["open", 70_000]);
  assertEquals(rate.ignored, ["-t/--run-time (the stress steps set the length)"]);
});
