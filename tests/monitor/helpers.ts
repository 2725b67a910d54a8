/** A child process to monitor: `deno eval` idling, with a marker in its command line to find it by. */
export interface Child {
  process: Deno.ChildProcess;
  pid: number;
  marker: string;
  /** Kills it (if still running) and reaps it; safe to call twice. */
  kill(): Promise<void>;
}

export function spawnChild(marker = `perf-monitor-test-${crypto.randomUUID()}`): Child {
  const code = `/* ${marker} */ setInterval(() => {}, 1000);`;
  const process = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  let reaped: Promise<void> | undefined;
  return {
    process,
    pid: process.pid,
    marker,
    kill: () => {
      reaped ??= (async () => {
        try {
          process.kill("SIGKILL");
        } catch {
          // already gone
        }
        await process.status;
      })();
      return reaped;
    },
  };
}

/** Calls `probe` every 50 ms until it returns something, for at most `limitMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, limitMs = 3000): Promise<T> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`gave up waiting after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
