/**
 * `perf run`: loads the config, picks the scenarios (-s: the config's, then a built-in preset; none: every
 * scenario of the config in turn), applies the CLI overrides and runs each.
 */
import {
  listPresets,
  loadConfigFile,
  type LoadedConfig,
  loadPreset,
  unknownScenarioError,
} from "../config/load_config.ts";
import { type ScenarioConfig, scenarioSchema } from "../model/config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import type { ScenarioOverrides } from "../plan/resolve_scenario.ts";
import { compilePlan, type RunPlan } from "../plan/compile_plan.ts";
import type { RunResult } from "../model/result.ts";
import { DEFAULT_OUT_DIR, resultJson, writeFileAtomic } from "../result/write_result.ts";
import { pruneRuns } from "../result/prune_runs.ts";
import { renderJUnit } from "../report/junit.ts";
import { acquireRunLock } from "./run_lock.ts";
import { parseSegment, parseStartAt } from "../plan/segment.ts";
import { alertDispatcherFor, redactingIo, redactorFor } from "./alerting.ts";
import { resolveTestData } from "../data/resolve_data.ts";
import { loadUserModule } from "../user/load_user_module.ts";
import { executeScenario } from "./execute.ts";
import { type CliIo, warn } from "./io.ts";
import type { EngineName } from "../model/config.ts";

export interface RunFlags {
  config?: string;
  scenario?: string;
  users?: number;
  spawnRate?: number;
  runTime?: number;
  host?: string;
  out?: string;
  json?: string;
  junit?: string;
  /** Refuse to start while another run holds this lock file (cron). */
  lock?: string;
  /** `i/n`: run the i-th of n shares of the load (distributed runs, merged with `perf merge`). */
  segment?: string;
  /** When to start (UTC instant or `+30s`): the same for every segment. */
  startAt?: string;
  quiet?: boolean;
  workers?: number;
  engine?: EngineName;
  rate?: number;
  set?: string[];
  seed?: number;
}

interface NamedScenario {
  name: string;
  scenario: ScenarioConfig;
}

async function pickScenarios(
  flags: RunFlags,
  loaded: LoadedConfig | undefined,
  io: CliIo,
): Promise<NamedScenario[]> {
  const configured = loaded?.config.scenarios ?? {};
  if (flags.scenario !== undefined && isModulePath(flags.scenario)) {
    // `-s users/shop.ts`: a TypeScript user with the scenario defaults and the command line's settings.
    const name = flags.scenario.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
    return [{ name, scenario: scenarioSchema.parse({ user: flags.scenario }) }];
  }
  if (flags.scenario !== undefined) {
    const fromConfig = configured[flags.scenario];
    if (fromConfig) return [{ name: flags.scenario, scenario: fromConfig }];
    const presets = await listPresets();
    if (!presets.includes(flags.scenario)) {
      throw unknownScenarioError(flags.scenario, Object.keys(configured), presets);
    }
    return [{ name: flags.scenario, scenario: (await loadPreset(flags.scenario, io.env)).scenario }];
  }
  const all = Object.entries(configured).map(([name, scenario]) => ({ name, scenario }));
  if (all.length === 0) {
    throw new PerfError(
      loaded ? `Config "${loaded.file}" defines no scenarios` : "Nothing to run",
      ExitCode.usage,
      "pass -s NAME (a built-in preset: smoke, load, stress, endurance, spike, breakpoint) or -c FILE with scenarios",
    );
  }
  return all;
}

function overridesFrom(flags: RunFlags): ScenarioOverrides {
  return {
    users: flags.users,
    spawn_rate: flags.spawnRate,
    run_time_ms: flags.runTime,
    base_url: flags.host,
    workers: flags.workers,
    engine: flags.engine,
    rate: flags.rate,
  };
}

function warnAboutConfig(loaded: LoadedConfig | undefined, io: CliIo): void {
  for (const warning of loaded?.warnings ?? []) warn(io, warning);
}

/** Severity order of run outcomes; any other code (an error) outranks them all. */
const OUTCOME_RANK: readonly number[] = [
  ExitCode.ok,
  ExitCode.thresholdsFailed,
  ExitCode.thresholdAbort,
  ExitCode.aborted,
];

/** The worst exit code wins: an error, then a user abort, a threshold abort, failed thresholds, success. */
export function combineExitCodes(codes: readonly number[]): number {
  const rank = (code: number) => {
    const i = OUTCOME_RANK.indexOf(code);
    return i === -1 ? OUTCOME_RANK.length : i;
  };
  return codes.reduce((worst, code) => (rank(code) > rank(worst) ? code : worst), ExitCode.ok);
}

/**
 * Loads each TypeScript user (a broken module fails before any load) and says what will be ignored; then,
 * once every module has loaded, warns of an open-file limit too low for a scenario.
 */
async function prepareScenarios(scenarios: RunPlan["scenarios"], io: CliIo): Promise<void> {
  for (const scenario of scenarios) {
    if (scenario.user_module) await loadUserModule(scenario.user_module);
    for (const setting of scenario.ignored ?? []) {
      warn(io, `scenario "${scenario.name}": ignoring ${setting}`);
    }
  }
  const fileLimit = readOpenFilesLimit();
  for (const scenario of scenarios) warnAboutOpenFiles(scenario, fileLimit, io);
}

export async function runCommand(flags: RunFlags, rawIo: CliIo): Promise<number> {
  const loaded = flags.config ? await loadConfigFile(flags.config, rawIo.env) : undefined;
  // From here on nothing perf prints can carry a secret of the config.
  const io = redactingIo(rawIo, redactorFor(loaded));
  warnAboutConfig(loaded, io);
  // Checked before anything else runs: a typo here must not cost a config load or a ramp-up.
  const segment = flags.segment === undefined ? undefined : parseSegment(flags.segment);
  const startAt = flags.startAt === undefined ? undefined : parseStartAt(flags.startAt);
  const chosen = await pickScenarios(flags, loaded, io);
  // Test data is read once, before any load, relative to the config file.
  const baseDir = loaded ? loaded.file.replace(/[^/]*$/, "") || "." : ".";
  const data = await resolveTestData(loaded?.config.test_data, baseDir);
  for (const warning of data.warnings) warn(io, warning);
  // Every scenario is compiled before anything is sent, so a bad one fails the whole command up front.
  const plan = compilePlan(chosen, loaded?.config, {
    overrides: overridesFrom(flags),
    sets: flags.set ?? [],
    segment,
    data: data.sources,
    // A module path from `-s file.ts` is relative to the current directory, one from a config to the config.
    moduleDir: isModulePath(flags.scenario) ? "." : baseDir,
  });
  const resolved = plan.scenarios;
  await prepareScenarios(resolved, io);
  const reporting = loaded?.config.reporting;
  const outDir = flags.out ?? reporting?.output_dir ?? reporting?.results_dir ?? DEFAULT_OUT_DIR;
  // Taken after every check above (a bad config never holds the lock), before any load is sent.
  const alerts = await alertDispatcherFor(loaded, io);
  const lock = flags.lock ? await acquireRunLock(flags.lock, (line) => io.stderr(`${line}\n`)) : undefined;
  const results: RunResult[] = [];
  try {
    for (const scenario of resolved) {
      const { result } = await executeScenario(scenario, {
        outDir,
        quiet: flags.quiet ?? false,
        summaryToStderr: flags.json === "-",
        configFile: loaded?.file,
        configDigest: loaded?.digest,
        seed: flags.seed,
        alerts,
        startAt,
      }, io);
      results.push(result);
      if (reporting?.keep_last) await pruneOldRuns(outDir, scenario.name, reporting.keep_last, io);
      // Ctrl-C, or a live threshold that aborted (exit 108), ends the whole command, as in k6.
      if (result.run.status === "interrupted" || result.exit_code === ExitCode.thresholdAbort) break;
    }
  } finally {
    await lock?.release();
  }
  await writeOutputs(flags, results, io);
  const codes = results.map((r) => r.exit_code);
  // Ctrl-C after the load ended (while the report or alerts were written): the results are complete, but
  // the command was still stopped by the user.
  if (io.stopSignal.aborted) codes.push(ExitCode.aborted);
  return combineExitCodes(codes);
}

/** The soft limit on open files of this process (`ulimit -n`), or undefined where it cannot be read. */
export function openFilesLimit(limitsText: string): number | undefined {
  const line = limitsText.split("\n").find((l) => l.startsWith("Max open files"));
  const soft = line?.slice("Max open files".length).trim().split(/\s+/)[0];
  return soft === undefined || soft === "unlimited" ? undefined : Number(soft) || undefined;
}

function readOpenFilesLimit(): number | undefined {
  try {
    return openFilesLimit(Deno.readTextFileSync("/proc/self/limits"));
  } catch {
    return undefined; // not Linux, or not readable: nothing to say
  }
}

/** Each user keeps a connection open: more users than the open-files limit allows fail as open_files_limit. */
function warnAboutOpenFiles(
  scenario: { name: string; users: number },
  limit: number | undefined,
  io: CliIo,
): void {
  // perf itself needs some descriptors (workers, files, the terminal).
  if (limit === undefined || scenario.users + 64 <= limit) return;
  warn(
    io,
    `scenario "${scenario.name}" runs up to ${scenario.users} users, each with its own ` +
      `connection, but this process may open only ${limit} files (ulimit -n); raise it (ulimit -n ` +
      `${scenario.users + 256}) or expect open_files_limit errors`,
  );
}

/** An output file named on the command line; failing to write it is a usage error, not a crash. */
async function writeOutputFile(flag: string, path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new PerfError(
      `Cannot write ${flag} file "${path}": ${error instanceof Error ? error.message : error}`,
      ExitCode.usage,
      "the results directory holds the full result.json",
    );
  }
}

/** `--json` and `--junit` files, once every scenario has run. */
async function writeOutputs(flags: RunFlags, results: RunResult[], io: CliIo): Promise<void> {
  if (flags.json) {
    const json = results.length === 1 ? resultJson(results[0]!) : JSON.stringify(results, null, 2) + "\n";
    if (flags.json === "-") io.stdout(json);
    else await writeOutputFile("--json", flags.json, json);
  }
  if (flags.junit) await writeOutputFile("--junit", flags.junit, renderJUnit(results));
}

/** reporting.keep_last: older runs of the scenario go; a failure to prune is a warning, never fatal. */
async function pruneOldRuns(outDir: string, scenario: string, keepLast: number, io: CliIo): Promise<void> {
  try {
    const removed = await pruneRuns(outDir, scenario, keepLast);
    if (removed.length > 0) {
      io.stderr(`perf: keep_last ${keepLast}: removed ${removed.length} older run(s) of "${scenario}"\n`);
    }
  } catch (error) {
    warn(
      io,
      `could not prune old runs in "${outDir}": ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** `-s` names a module file rather than a scenario. */
export function isModulePath(scenario: string | undefined): boolean {
  return scenario !== undefined && /\.(ts|js|mjs|mts)$/.test(scenario);
}
