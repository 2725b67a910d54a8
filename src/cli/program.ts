/**
 * The command line (commander): flags and exit codes as in the design. `runCli` takes its arguments and
 * I/O as parameters and returns the exit code; only main.ts touches Deno.args, signals and exit.
 */
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isTooLong, parseDuration } from "../model/duration.ts";
import { ENGINE_NAMES } from "../model/config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { compareCommand, DEFAULT_TOLERANCE } from "./compare_command.ts";
import { dataGenerateCommand } from "./data_command.ts";
import { demoCommand } from "./demo_command.ts";
import { initCommand } from "./init_command.ts";
import type { CliIo } from "./io.ts";
import { reportCommand } from "./report_command.ts";
import { mergeCommand } from "./merge_command.ts";
import { k8sCommand } from "./k8s_command.ts";
import { alertTestCommand } from "./alert_command.ts";
import { runCommand } from "./run_command.ts";
import { SCHEMA_NAMES, schemaCommand } from "./schema_command.ts";
import { validateCommand } from "./validate_command.ts";
import { versionCommand } from "./version_command.ts";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}"`);
  }
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return n;
}

function duration(value: string): number {
  const ms = parseDuration(value);
  if (isTooLong(value)) throw new InvalidArgumentError(`"${value}" is too long: at most 24 days (24d)`);
  if (ms === undefined || ms <= 0) {
    throw new InvalidArgumentError(`expected a duration such as 30s, 5m or 1h30m, got "${value}"`);
  }
  return ms;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface Outcome {
  code: number;
}

function buildProgram(io: CliIo, outcome: Outcome): Command {
  const program = new Command("perf")
    .description("HTTP load testing: load, stress and endurance tests with honest numbers")
    .version(VERSION, "-V, --version")
    .option("--verbose", "print stack traces of internal errors")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run perf --help for usage)");
  addRunCommand(program, io, outcome);
  addResultCommands(program, io, outcome);
  addK8sCommand(program, io, outcome);
  addSetupCommands(program, io, outcome);
  addDataCommands(program, io, outcome);
  return program;
}

/** `perf run`, the command people use most, with every flag of the seed and its own. */
function addRunCommand(program: Command, io: CliIo, outcome: Outcome): void {
  program.command("run")
    .description(
      "run scenarios from a config file or a built-in preset (smoke, load, stress, endurance, spike, breakpoint)",
    )
    .option("-c, --config <file>", "YAML config file")
    .option("-s, --scenario <name>", "scenario of the config, else a built-in preset")
    .option("-u, --users <n>", "number of concurrent users", positiveInt)
    .option("-r, --spawn-rate <n>", "users started per second", positiveNumber)
    .option("-t, --run-time <duration>", "how long to run, e.g. 30s, 5m, 1h30m", duration)
    .option(
      "--rate <n>",
      "open model: iterations started per second (latency counted from the schedule)",
      positiveNumber,
    )
    .option("-H, --host <url>", "base URL of the system under test")
    .addOption(new Option("--base-url <url>", "alias of --host").hideHelp())
    .option("-o, --out <dir>", "results directory (default reports/performance)")
    .addOption(new Option("--results-dir <dir>", "alias of --out"))
    .option("--json <file>", "also write the result JSON to FILE (- for stdout)")
    .option("--junit <file>", "also write the thresholds as JUnit XML to FILE (for CI test reports)")
    .option("--lock <file>", "refuse to start while another run holds FILE (overlapping cron runs)")
    .option(
      "--segment <i/n>",
      "run the i-th of n shares of the load (distributed runs; merge with perf merge)",
    )
    .option(
      "--start-at <time>",
      "start at this UTC instant (2026-05-01T10:00:00Z) or +30s from now, the same for every segment",
    )
    .option("--workers <n>", "worker threads (default: one per core)", positiveInt)
    .addOption(
      new Option("--engine <name>", "http1 (default, fastest) or fetch (HTTP/2 and the rest)").choices(
        ENGINE_NAMES,
      ),
    )
    .option("--set <key=value>", "override a scenario setting, e.g. --set timeout=5s (repeatable)", collect)
    .option("--seed <n>", "seed for task choice and wait times", positiveInt)
    .option("-q, --quiet", "no progress output")
    .action(async (opts) => {
      outcome.code = await runCommand({
        ...opts,
        host: opts.host ?? opts.baseUrl,
        out: opts.out ?? opts.resultsDir,
      }, io);
    });
}

/** Commands that read results: compare, merge, report. */
function addResultCommands(program: Command, io: CliIo, outcome: Outcome): void {
  program.command("compare")
    .description("regression diff of two results (result.json or run directory); exit 99 past tolerance")
    .argument("<base>", "the baseline result")
    .argument("<new>", "the result to check against it")
    .option("--tolerance <value>", "relative change allowed, e.g. 10% or 0.1", DEFAULT_TOLERANCE)
    .addOption(
      new Option("--format <format>", "text or markdown (for pull requests)").choices(["text", "markdown"]),
    )
    .action(async (base: string, next: string, opts) => {
      outcome.code = await compareCommand(base, next, opts, io);
    });

  program.command("merge")
    .description(
      "merge the results of a run's segments (perf run --segment i/n) exactly; exit code of the merged verdict",
    )
    .argument("<files...>", "result.json files or run directories, one per segment")
    .option(
      "-o, --out <dir>",
      "directory for the merged result.json and report (default reports/performance/merged-<stamp>-<scenario>)",
    )
    .action(async (files: string[], opts: { out?: string }) => {
      outcome.code = await mergeCommand(files, opts, io);
    });

  program.command("report")
    .description(
      "re-render report.html and plots from result.json; a results directory also gets the trend page " +
        "reports/performance_report.html",
    )
    .argument("<paths...>", "result.json files, run directories or results directories")
    .action(async (paths: string[]) => {
      outcome.code = await reportCommand(paths, io);
    });
}

/** `perf k8s`: the manifests of a distributed run. */
function addK8sCommand(program: Command, io: CliIo, outcome: Outcome): void {
  program.command("k8s")
    .description(
      "write the Kubernetes manifests of a distributed run: a ConfigMap and an Indexed Job, one pod per segment",
    )
    .requiredOption("-c, --config <file>", "YAML config file")
    .requiredOption("-s, --scenario <name>", "scenario of the config, else a built-in preset")
    .requiredOption("--segments <n>", "pods, each running one segment (perf run --segment i/n)", positiveInt)
    .requiredOption("--image <image>", "container image with perf on PATH and /bin/sh (see the README)")
    .option("-n, --namespace <namespace>", "namespace of the ConfigMap and the Job")
    .option("--name <name>", "Job name (default perf-<scenario>)")
    .option("-o, --out <file>", "write the manifests to FILE (default: stdout)")
    .option(
      "--results-pvc <claim>",
      "ReadWriteMany PersistentVolumeClaim for the results (default: the pods' logs)",
    )
    .option("--start-at <time>", "every segment starts at this UTC instant, or +2m from now (resolved now)")
    .option("--env-secret <name>", "Secret whose keys become the pods' environment variables")
    .option("--service-account <name>", "service account of the pods")
    .option("--cpu <quantity>", "CPU request of each pod (default 1)")
    .option("--memory <quantity>", "memory request and limit of each pod (default 512Mi, limit 1Gi)")
    .option("--perf-command <command>", "how the image runs perf from /bin/sh (default perf)")
    .action(async (opts) => {
      outcome.code = await k8sCommand(opts, io);
    });
}

/** Commands around a run: validate, alert test, demo, init, schema, version. */
function addSetupCommands(program: Command, io: CliIo, outcome: Outcome): void {
  program.command("validate")
    .description("check a config file and list every problem with file:line:col")
    .argument("<file>", "YAML config file")
    .action(async (file: string) => {
      outcome.code = await validateCommand(file, io);
    });

  program.command("alert")
    .description("alert channels: `perf alert test` sends a test message on every enabled channel")
    .command("test")
    .description("send a test message on every enabled alert channel and report each outcome")
    .option("-c, --config <file>", "YAML config file with an alerting section (default perf.yaml)")
    .action(async (opts) => {
      outcome.code = await alertTestCommand(opts, io);
    });

  program.command("demo")
    .description("start the embedded demo API and run a short test against it")
    .option("-u, --users <n>", "number of concurrent users", positiveInt)
    .option("-t, --run-time <duration>", "how long to run (default 10s)", duration)
    .option("-o, --out <dir>", "results directory (default reports/performance)")
    .option("--workers <n>", "worker threads (default: one per core)", positiveInt)
    .option("-q, --quiet", "no progress output")
    .option("--serve", "only serve the demo API until Ctrl-C (to run your own config against it)")
    .option("--port <n>", "port for --serve (default: a free one)", positiveInt)
    .action(async (opts) => {
      outcome.code = await demoCommand(opts, io);
    });

  program.command("init")
    .description("scaffold a config, a YAML flow with test data and a TypeScript user")
    .argument("[dir]", "where to write them", ".")
    .action(async (dir: string) => {
      outcome.code = await initCommand(dir, io);
    });

  program.command("schema")
    .description(
      "print the JSON Schema of result.json or of the config file (perf validate stays the authority)",
    )
    .addArgument(new Argument("<name>", "which schema").choices(SCHEMA_NAMES))
    .action((name: string) => {
      outcome.code = schemaCommand(name, io);
    });

  program.command("version")
    .description("print the versions of perf, Deno, V8 and TypeScript, the OS and the build")
    .action(() => {
      outcome.code = versionCommand(io);
    });
}

/** `perf data generate`. */
function addDataCommands(program: Command, io: CliIo, outcome: Outcome): void {
  const data = program.command("data").description("test data tools");
  data.command("generate")
    .description("write CSV or JSON test data from field generators")
    .requiredOption("--fields <spec>", 'e.g. "id:int(1,100000),email:email,name:name,plan:pick(free,pro)"')
    .requiredOption("--count <n>", "number of rows", positiveInt)
    .option("-o, --out <file>", "output file (default: stdout); .json writes JSON")
    .addOption(new Option("--format <format>", "csv or json").choices(["csv", "json"]))
    .option("--seed <n>", "seed, for the same data again", positiveInt)
    .action(async (opts) => {
      outcome.code = await dataGenerateCommand(opts, io);
    });
}

function commanderExit(error: CommanderError): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
  if (error.code === "commander.help" || error.exitCode === 0) return ExitCode.ok;
  return ExitCode.usage;
}

/** The command definitions, built but not run: `deno task docs` reads the CLI reference from them. */
export function programDefinition(io: CliIo): Command {
  return buildProgram(io, { code: ExitCode.ok });
}

/** Runs the CLI with `args` (without the program name) and returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const outcome: Outcome = { code: ExitCode.ok };
  const program = buildProgram(io, outcome);
  if (args.length === 0) {
    io.stdout(program.helpInformation());
    return ExitCode.usage;
  }
  try {
    await program.parseAsync(args, { from: "user" });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    if (error instanceof PerfError) {
      io.stderr(`${error.exitCode === ExitCode.invalidConfig ? "" : "perf: "}${error.message}\n`);
      if (error.hint) io.stderr(`hint: ${error.hint}\n`);
      return error.exitCode;
    }
    const verbose = args.includes("--verbose");
    io.stderr(`perf: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr("This is a bug in perf; run again with --verbose for the stack trace.\n");
    return ExitCode.internal;
  }
}
