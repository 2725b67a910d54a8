/**
 * perf's entry point: the only place that reads Deno.args, listens for signals and sets the exit code.
 * First Ctrl-C (or SIGTERM) stops gracefully and writes partial results; a second interrupts in-flight
 * requests at once.
 */
import { runCli } from "./src/cli/program.ts";

const stop = new AbortController();
const kill = new AbortController();
const onSignal = () => {
  if (stop.signal.aborted) kill.abort();
  else {
    stop.abort();
    console.error("\nperf: stopping (Ctrl-C again to interrupt in-flight requests)…");
  }
};
const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
for (const signal of signals) Deno.addSignalListener(signal, onSignal);

const encoder = new TextEncoder();
/** writeSync may write part of a large buffer to a pipe; loop until all of it is out. */
/** A closed pipe (`perf run | head`) ends output quietly; the run and its result files are unaffected. */
function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  try {
    while (bytes.length > 0) bytes = bytes.subarray(file.writeSync(bytes));
  } catch (error) {
    if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
  }
}
const code = await runCli(Deno.args, {
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
  isTTY: Deno.stderr.isTerminal(),
  env: Deno.env.toObject(),
  stopSignal: stop.signal,
  killSignal: kill.signal,
});
Deno.exit(code);
