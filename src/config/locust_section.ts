/**
 * The seed's `locust:` section, accepted so an existing config loads unchanged. Before validation, the
 * keys perf understands become the settings they stand for; every other key is reported as a warning,
 * never an error, so migrating is never blocked on a setting perf does not need. Pure.
 *
 * @module
 */

/** Where a mapped value came from, keyed by the JSON of its new path, so errors point at the source. */
export type Origins = Map<string, (string | number)[]>;

/** The config after mapping, and what the user should know about it. */
export interface LocustMapping {
  value: unknown;
  /** `key path: message`, e.g. `locust.headless: ignored, perf has no equivalent`. */
  warnings: { path: (string | number)[]; message: string }[];
  origins: Origins;
}

/** Locust spellings (config file, CLI) of the settings that become scenario defaults. */
const SCENARIO_DEFAULTS: Record<string, string> = {
  users: "users",
  "spawn_rate": "spawn_rate",
  "spawn-rate": "spawn_rate",
  "run_time": "run_time",
  "run-time": "run_time",
};

/** Why some common Locust settings need nothing: said once, instead of a bare "no equivalent". */
const KNOWN_IGNORED: Record<string, string> = {
  locustfile: "ignored, describe the requests under scenarios.<name>.tasks instead",
  html: "ignored, perf writes report.html for every run",
  json: "ignored, perf writes result.json for every run",
};

type Mapping = Record<string, unknown>;

/**
 * Applies `locust:` to a parsed config: `host` becomes `base_url` when that is absent; `users`,
 * `spawn_rate` and `run_time` (with Locust's dashed spellings too) become the values of every scenario
 * that does not set its own. Returns the input unchanged when there is no `locust:` mapping.
 */
export function applyLocustSection(config: unknown): LocustMapping {
  const result: LocustMapping = { value: config, warnings: [], origins: new Map() };
  if (!isMapping(config) || !isMapping(config.locust)) return result;
  const locust = config.locust;
  const mapped: Mapping = { ...config };
  const defaults: Record<string, DefaultValue> = {};
  const warn = (key: string, message: string) => result.warnings.push({ path: ["locust", key], message });
  for (const [key, value] of Object.entries(locust)) {
    if (key === "host") {
      if (mapped.base_url === undefined) {
        mapped.base_url = value;
        result.origins.set(JSON.stringify(["base_url"]), ["locust", key]);
      } else if (mapped.base_url !== value) warn(key, "ignored, base_url is set");
    } else if (key in SCENARIO_DEFAULTS) {
      defaults[SCENARIO_DEFAULTS[key]!] = { key, value };
    } else {
      warn(key, KNOWN_IGNORED[key] ?? "ignored, perf has no equivalent");
    }
  }
  mapped.scenarios = withDefaults(mapped.scenarios, defaults, result, warn);
  result.value = mapped;
  return result;
}

interface DefaultValue {
  key: string;
  value: unknown;
}

function withDefaults(
  scenarios: unknown,
  defaults: Record<string, DefaultValue>,
  result: LocustMapping,
  warn: (key: string, message: string) => void,
): unknown {
  const entries = Object.entries(defaults);
  if (entries.length === 0) return scenarios;
  if (!isMapping(scenarios) || Object.keys(scenarios).length === 0) {
    for (const [, { key }] of entries) warn(key, "ignored, the config has no scenarios to apply it to");
    return scenarios;
  }
  const out: Mapping = {};
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (!isMapping(scenario)) {
      out[name] = scenario;
      continue;
    }
    const filled: Mapping = { ...scenario };
    for (const [setting, { key, value }] of entries) {
      if (filled[setting] !== undefined) continue;
      filled[setting] = value;
      result.origins.set(JSON.stringify(["scenarios", name, setting]), ["locust", key]);
    }
    out[name] = filled;
  }
  return out;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
