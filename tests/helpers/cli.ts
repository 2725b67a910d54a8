/** Drives the CLI in-process (design §4) and captures what it prints. */
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/program.ts";
import type { RunResult } from "../../src/model/result.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Simulates Ctrl-C (the first signal) this many ms after the start. */
  interruptAfterMs?: number;
  cores?: number;
}

export async function runPerf(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const stop = new AbortController();
  const kill = new AbortController();
  const timer = options.interruptAfterMs === undefined
    ? undefined
    : setTimeout(() => stop.abort(), options.interruptAfterMs);
  try {
    const code = await runCli(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTTY: false,
      env: options.env ?? {},
      stopSignal: stop.signal,
      killSignal: kill.signal,
      cores: options.cores,
    });
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** A CliIo for driving one command directly: no TTY, no env, signals never fired; `out`/`err` collect what it prints. */
export interface FakeIo extends CliIo {
  out: string;
  err: string;
}

export function fakeIo(): FakeIo {
  const io = {
    out: "",
    err: "",
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    isTTY: false,
    env: {},
    stopSignal: new AbortController().signal,
    killSignal: new AbortController().signal,
  };
  return io;
}

/** The single run directory perf wrote under `outDir`, and its parsed result.json. */
export async function readOnlyResult(outDir: string): Promise<{ dir: string; result: RunResult }> {
  const dirs: string[] = [];
  for await (const entry of Deno.readDir(outDir)) if (entry.isDirectory) dirs.push(entry.name);
  if (dirs.length !== 1) throw new Error(`expected one run directory in ${outDir}, found ${dirs.join(", ")}`);
  const dir = `${outDir}/${dirs[0]}`;
  return { dir, result: JSON.parse(await Deno.readTextFile(`${dir}/result.json`)) };
}

/** Writes a config file into a fresh temp dir and returns its path. */
export async function writeConfig(text: string, name = "perf.yaml"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "perf-test-" });
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, text);
  return path;
}

/** No stack trace lines ("    at foo (file:...)") in user-facing output. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}
