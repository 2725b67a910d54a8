/**
 * Loads a config file or a built-in scenario preset: YAML -> `${ENV}` interpolation -> `locust:` mapping
 * -> zod. Every problem (YAML syntax or schema) is collected into one ConfigError (exit 104), each as
 * `file:line:col: message`, so a user fixes a file in one pass instead of one error per run.
 *
 * @module
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import type { z } from "zod";
import { ConfigError, type ConfigIssue, ExitCode, formatConfigIssue, PerfError } from "../errors.ts";
import { configSchema, type PerfConfig, type ScenarioConfig, scenarioSchema } from "../model/config.ts";
import { type DocPath, type Env, interpolateDocument } from "./interpolate.ts";
import { literalSecrets, secretValues } from "./secrets.ts";
import { applyLocustSection, type LocustMapping } from "./locust_section.ts";
import { applyRenamedKeys } from "./renamed_keys.ts";
import { describeIssues, describeValue, formatPath } from "./issue_messages.ts";
import { locateKey, locatePath, offsetPosition } from "./yaml_locations.ts";
import { suggest } from "./suggest.ts";
import { PRESETS } from "../assets/embedded.ts";

/** A validated config, with what the run records about it. */
export interface LoadedConfig {
  config: PerfConfig;
  /** The file name as given (used in every message). */
  file: string;
  /** Non-fatal notes, `file:line:col: message` (ignored `locust:` keys, YAML warnings). */
  warnings: string[];
  /** SHA-256 (hex) of the file text, so a result records exactly which config produced it. */
  digest: string;
  /** Secret values (alert passwords, webhook URLs): redacted from every output. */
  secrets: string[];
}

/** One YAML source being validated. */
interface Source {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Validates config text. Throws ConfigError listing every YAML and schema problem at once.
 *
 * @example
 * ```ts
 * const { config } = await parseConfigText("base_url: http://localhost:8000\n", "perf.yaml", {});
 * config.base_url === "http://localhost:8000";
 * ```
 */
export async function parseConfigText(text: string, file: string, env: Env): Promise<LoadedConfig> {
  const source = parseYaml(text, file);
  if (source.doc.contents === null) {
    throw new ConfigError([{
      file,
      line: 1,
      col: 1,
      message: `the config file "${file}" is empty: it needs at least base_url: and scenarios: ` +
        "(perf init writes a starting point)",
    }]);
  }
  const { data, warnings, fromEnv } = validate(source, configSchema, env, {
    rootLabel: "the config",
    topLevel: "settings such as base_url: and scenarios:",
    mapLocust: true,
  });
  const literal = literalSecrets(data, fromEnv).map((path) => ({
    file,
    ...locatePath(source.doc, source.lines, path),
    message: `${formatPath(path)} is written in the file: use \${ENV_VAR} so the secret stays out of it`,
  }));
  return {
    config: data,
    file,
    warnings: [...warnings, ...literal.map(formatConfigIssue)],
    digest: await sha256Hex(text),
    secrets: secretValues(data),
  };
}

/** Reads and validates a config file; a missing or unreadable file is a PerfError (exit 104). */
export async function loadConfigFile(path: string, env: Env): Promise<LoadedConfig> {
  const text = await readText(path, `Cannot read config "${path}"`);
  return parseConfigText(text, path, env);
}

// The built-in presets are scenarios/*.yaml, embedded in src/assets/embedded.ts (PRESETS) by
// `deno task assets`, so the bundle and the compiled binary never read the source tree.
/** Listed by intensity rather than alphabetically, the order people reach for them. */
const PRESET_ORDER = ["smoke", "load", "stress", "endurance", "spike", "breakpoint"];
const PRESET_NAME = /^[A-Za-z0-9_-]+$/;

/** Names of the built-in presets (`scenarios/<name>.yaml`), the usual four first. */
export function listPresets(): Promise<string[]> {
  const names = Object.keys(PRESETS).filter((name) => PRESET_NAME.test(name));
  const rank = (name: string) =>
    PRESET_ORDER.includes(name) ? PRESET_ORDER.indexOf(name) : PRESET_ORDER.length;
  return Promise.resolve(names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)));
}

/**
 * Loads the built-in preset `name`, validated like `scenarios.<name>` of a config. An unknown name is a
 * usage error (exit 2) listing the presets; a preset that does not validate is a ConfigError (exit 104).
 * `file` is the preset's display path, `scenarios/<name>.yaml`.
 */
export async function loadPreset(
  name: string,
  env: Env,
): Promise<{ scenario: ScenarioConfig; file: string }> {
  const presets = await listPresets();
  if (!PRESET_NAME.test(name) || !presets.includes(name)) throw unknownScenarioError(name, [], presets);
  const file = `scenarios/${name}.yaml`;
  const text = PRESETS[name] ?? "";
  return { scenario: parseScenarioText(text, file, env), file };
}

/**
 * Validates the text of a scenario file (one scenario: the keys of `scenarios.<name>` in a config).
 * Throws ConfigError listing every problem, located like a config's.
 */
export function parseScenarioText(text: string, file: string, env: Env): ScenarioConfig {
  return validate(parseYaml(text, file), scenarioSchema, env, {
    rootLabel: `the scenario`,
    topLevel: "scenario settings such as users: and run_time:",
    mapLocust: false,
  }).data;
}

/**
 * The error for a `-s NAME` that is neither a scenario of the config nor a built-in preset (exit 2),
 * with a "did you mean" hint drawn from both.
 */
export function unknownScenarioError(name: string, configNames: string[], presetNames: string[]): PerfError {
  const inConfig = configNames.length > 0
    ? `not in the config (${configNames.join(", ")})`
    : "not in the config";
  const presets = presetNames.length > 0 ? presetNames.join(", ") : "none found";
  const match = suggest(name, [...configNames, ...presetNames]);
  return new PerfError(
    `Unknown scenario "${name}": ${inConfig} and not a built-in preset (${presets})`,
    ExitCode.usage,
    match === undefined ? undefined : `did you mean "${match}"?`,
  );
}

async function readText(path: string | URL, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    const hint = error instanceof Deno.errors.NotFound
      ? "check the path, or run a built-in preset without a config: perf run -s smoke -H URL"
      : undefined;
    throw new PerfError(`${what}: ${describeReadError(error)}`, ExitCode.invalidConfig, hint);
  }
}

/** Why a file could not be read, in words: `file not found`, `permission denied`. */
export function describeReadError(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "file not found";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.NotCapable) return "permission denied (perf needs --allow-read)";
  if (error instanceof Deno.errors.IsADirectory) return "it is a directory, not a file";
  if (error instanceof Deno.errors.InvalidData) return "it is not text (UTF-8)";
  return error instanceof Error ? error.message : String(error);
}

/** Parses YAML; throws every syntax error at once, since validating a broken document only adds noise. */
function parseYaml(text: string, file: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const issues = doc.errors.map((error) => syntaxIssue(error, text, file, lines));
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc)) return;
      const { line, col } = offsetPosition(lines, node.range?.[0] ?? 0);
      issues.push({
        file,
        line,
        col,
        message: `invalid YAML: alias "*${node.source}" has no matching anchor`,
      });
    },
  });
  if (issues.length > 0) throw new ConfigError(sortIssues(issues));
  return { file, doc, lines };
}

function syntaxIssue(error: YAMLError, text: string, file: string, lines: LineCounter): ConfigIssue {
  const { line, col } = offsetPosition(lines, error.pos[0]);
  let message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  if (error.code === "DUPLICATE_KEY") {
    message = `duplicate key "${text.slice(error.pos[0]).match(/^[^:\n]*/)![0].trim()}"`;
  } else if (error.code === "MULTIPLE_DOCS") {
    message = "the file holds several YAML documents (---): a config is exactly one";
  }
  return { file, line, col, message: `invalid YAML: ${message}` };
}

interface ValidateOptions {
  rootLabel: string;
  /** What the top level must hold, for the error when it is not a mapping. */
  topLevel: string;
  mapLocust: boolean;
}

/** Interpolates, maps `locust:`, validates; throws every problem at once as a ConfigError. */
function validate<S extends z.ZodType>(
  source: Source,
  schema: S,
  env: Env,
  options: ValidateOptions,
): { data: z.output<S>; warnings: string[]; fromEnv: DocPath[] } {
  const topIssue = topLevelIssue(source, options.topLevel);
  if (topIssue) throw new ConfigError([topIssue]);
  const interpolated = interpolateDocument(source.doc, env);
  const issues: ConfigIssue[] = interpolated.issues.map((issue) => ({
    file: source.file,
    ...offsetPosition(source.lines, issue.offset),
    message: `${formatPath(issue.path)}: ${issue.message}`,
  }));
  const raw = interpolated.doc.contents === null ? {} : toPlain(interpolated.doc, source);
  const mapped: LocustMapping = options.mapLocust
    ? applyLocustSection(raw)
    : { value: raw, warnings: [], origins: new Map() };
  mapped.warnings.push(...applyRenamedKeys(mapped.value, options.mapLocust ? "config" : "scenario"));
  const parsed = schema.safeParse(mapped.value);
  if (!parsed.success) {
    const broken = new Set(interpolated.issues.map((issue) => JSON.stringify(issue.path)));
    const secretPaths = new Set(interpolated.fromEnv.map((path) => JSON.stringify(path)));
    const described = describeIssues(parsed.error.issues, {
      input: mapped.value,
      schema,
      rootLabel: options.rootLabel,
      secretPaths,
    });
    for (const issue of described) {
      // A value whose variable is unset already has its error; its later schema errors are just noise.
      if (!broken.has(JSON.stringify(issue.path))) issues.push(locateIssue(source, issue, mapped));
    }
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(sortIssues(issues));
  return { data: parsed.data, warnings: collectWarnings(source, mapped), fromEnv: interpolated.fromEnv };
}

function topLevelIssue(source: Source, expected: string): ConfigIssue | undefined {
  const contents = source.doc.contents;
  if (contents === null || isMap(contents)) return undefined;
  const got = isSeq(contents) ? "a list" : describeValue(isScalar(contents) ? contents.value : contents);
  const { line, col } = offsetPosition(source.lines, contents.range?.[0] ?? 0);
  return {
    file: source.file,
    line,
    col,
    message: `the top level must be a mapping of ${expected}, got ${got}`,
  };
}

function toPlain(doc: Document, source: Source): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    // Only a resource-exhaustion guard (too many aliases) can end up here: the aliases were checked.
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ file: source.file, line: 1, col: 1, message: `invalid YAML: ${message}` }]);
  }
}

function locateIssue(
  source: Source,
  issue: { path: PropertyKey[]; key?: string; message: string },
  mapped: LocustMapping,
): ConfigIssue {
  const origin = issue.key === undefined ? mapped.origins.get(JSON.stringify(issue.path)) : undefined;
  const position = issue.key !== undefined
    ? locateKey(source.doc, source.lines, issue.path, issue.key)
    : locatePath(source.doc, source.lines, origin ?? issue.path);
  const message = origin ? `${issue.message} (from ${formatPath(origin)})` : issue.message;
  return { file: source.file, ...position, message };
}

function collectWarnings(source: Source, mapped: LocustMapping): string[] {
  const yamlWarnings = source.doc.warnings.map((warning) => ({
    file: source.file,
    ...offsetPosition(source.lines, warning.pos[0]),
    message: warning.message.charAt(0).toLowerCase() + warning.message.slice(1),
  }));
  const locustWarnings = mapped.warnings.map((warning) => ({
    file: source.file,
    // The warning is about the key itself, whatever its value.
    ...locateKey(source.doc, source.lines, warning.path.slice(0, -1), String(warning.path.at(-1))),
    message: `${formatPath(warning.path)}: ${warning.message}`,
  }));
  return sortIssues([...yamlWarnings, ...locustWarnings]).map(formatConfigIssue);
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
}

async function sha256Hex(text: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
