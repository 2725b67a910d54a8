import { DEFAULT_SEARCH } from "../../src/plan/capacity_search.ts";
import { assert, assertEquals, assertRejects, assertThrows } from "../helpers/assert.ts";
import { ConfigError, formatConfigIssue, PerfError } from "../../src/errors.ts";
import {
  listPresets,
  loadPreset,
  parseScenarioText,
  unknownScenarioError,
} from "../../src/config/load_config.ts";
import { resolveScenario } from "../../src/plan/resolve_scenario.ts";

const BUILT_IN = ["smoke", "load", "stress", "endurance"];

Deno.test("listPresets lists the four built-in presets first, by intensity", async () => {
  assertEquals((await listPresets()).slice(0, 4), BUILT_IN);
});

Deno.test("each built-in preset resolves to its documented load, thresholds and no tasks", async () => {
  const between = { kind: "between", min_ms: 1000, max_ms: 3000 };
  // name, model, users (max_users for the open model), run time (ms), wait_time, threshold limits
  const cases: [string, string, number, number, unknown, Record<string, number>][] = [
    ["smoke", "closed", 1, 30_000, { kind: "constant", ms: 1000 }, {
      response_time_p95: 1000,
      error_rate: 0.01,
      throughput: 0.5,
    }],
    ["load", "closed", 10, 300_000, between, { response_time_p95: 1500, error_rate: 0.01 }],
    // A capacity search: planned is its first step (10/s for 40 s) and the tail; the search goes on.
    ["stress", "open", 1000, 45_000, { kind: "constant", ms: 0 }, {
      response_time_p95: 2000,
      error_rate: 0.05,
    }],
    ["endurance", "closed", 20, 3_600_000, between, { response_time_p95: 1500, error_rate: 0.01 }],
    ["spike", "closed", 100, 320_000, between, { response_time_p95: 2000, error_rate: 0.05 }],
    ["breakpoint", "open", 2000, 1_200_000, { kind: "constant", ms: 0 }, {
      response_time_p95: 2000,
      error_rate: 0.05,
    }],
  ];
  for (const [name, model, users, runTime, waitTime, thresholds] of cases) {
    const { scenario, file } = await loadPreset(name, {});
    assertEquals(file, `scenarios/${name}.yaml`);
    const resolved = resolveScenario(name, scenario, "http://127.0.0.1:1", {});
    assertEquals(resolved.test_type, name, name);
    assertEquals(
      [resolved.workload.model, resolved.users, resolved.run_time_ms],
      [model, users, runTime],
      name,
    );
    assertEquals(resolved.wait_time, waitTime, name);
    assertEquals(resolved.thresholds, thresholds, name);
    assertEquals(scenario.tasks, [], `${name}: no tasks, so it sends GET / to base_url`);
    assert(scenario.description && scenario.description.length > 0, name);
  }
});

Deno.test("the stress preset searches for the capacity; the breakpoint preset stops itself on live thresholds", async () => {
  const stress = resolveScenario(
    "stress",
    (await loadPreset("stress", {})).scenario,
    "http://127.0.0.1:1",
    {},
  );
  assertEquals(stress.stress, undefined);
  assertEquals(stress.search!.settings, DEFAULT_SEARCH);
  assertEquals(stress.search!.recovery_limit_s, 120);
  const breakpoint = resolveScenario(
    "breakpoint",
    (await loadPreset("breakpoint", {})).scenario,
    "http://127.0.0.1:1",
    {},
  );
  assertEquals(breakpoint.live_thresholds.map((t) => [t.key, t.window_s, t.abort_on_fail, t.delay_s]), [
    ["response_time_p95", 30, true, 30],
    ["error_rate", 30, true, 30],
  ]);
  const endurance = resolveScenario(
    "endurance",
    (await loadPreset("endurance", {})).scenario,
    "http://127.0.0.1:1",
    {},
  );
  assertEquals(endurance.endurance, { tolerance: 10 });
});

Deno.test("each preset file starts with a comment saying what it is for", async () => {
  for (const name of [...BUILT_IN, "spike", "breakpoint"]) {
    const text = await Deno.readTextFile(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
    assert(text.startsWith(`# Built-in preset "${name}"`), name);
  }
});

Deno.test("an unknown preset is a usage error (exit 2) with a did-you-mean hint", async () => {
  const cases: [string, string | undefined][] = [
    ["strss", 'did you mean "stress"?'],
    ["Smoke", 'did you mean "smoke"?'],
    ["bogus", undefined],
    ["../stress", 'did you mean "stress"?'], // never read as a path: only names from scenarios/
    ["", undefined],
  ];
  for (const [name, hint] of cases) {
    const error = await assertRejects(() => loadPreset(name, {}), PerfError);
    assertEquals(error.exitCode, 2, name);
    assertEquals(
      error.message,
      `Unknown scenario "${name}": not in the config and not a built-in preset (smoke, load, stress, endurance, spike, breakpoint)`,
    );
    assertEquals(error.hint, hint, name);
  }
});

Deno.test("unknownScenarioError names the config's scenarios and suggests from both lists", () => {
  const error = unknownScenarioError("checkuot", ["browse", "checkout"], BUILT_IN);
  assertEquals(
    error.message,
    'Unknown scenario "checkuot": not in the config (browse, checkout) and not a built-in preset ' +
      "(smoke, load, stress, endurance)",
  );
  assertEquals(error.hint, 'did you mean "checkout"?');
  assertEquals(error.exitCode, 2);
  const none = unknownScenarioError("x", [], []);
  assertEquals(
    none.message,
    'Unknown scenario "x": not in the config and not a built-in preset (none found)',
  );
});

Deno.test("a scenario file is validated like a config's scenario, errors located", () => {
  const text = [
    "# my preset", // 1
    "usrs: 5", // 2
    "run_time: 5 minutes", // 3
    "wait_time: between(1)", // 4
    "base_url: ${TARGET}", // 5
  ].join("\n");
  const error = assertThrows(() => parseScenarioText(text, "scenarios/mine.yaml", {}), ConfigError);
  assertEquals(error.exitCode, 104);
  assertEquals(error.issues.map(formatConfigIssue), [
    `scenarios/mine.yaml:2:1: unknown key "usrs" in the scenario (did you mean "users"?)`,
    `scenarios/mine.yaml:3:11: run_time: invalid duration "5 minutes": use e.g. "500ms", "30s", "5m", "1h30m"`,
    `scenarios/mine.yaml:4:12: wait_time: invalid wait_time "between(1)": use "constant(1)", "between(1, 3)" or ` +
    `"constant_pacing(2)" (seconds)`,
    `scenarios/mine.yaml:5:11: base_url: environment variable "TARGET" is not set`,
  ]);
  assertEquals(parseScenarioText("users: 3\n", "x.yaml", {}).users, 3);
  assertThrows(() => parseScenarioText("[1, 2]\n", "x.yaml", {}), ConfigError, "got a list");
});
