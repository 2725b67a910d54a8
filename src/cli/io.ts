/** Everything the CLI needs from the outside world, passed in so tests drive it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: redraw progress in place. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** First Ctrl-C / SIGTERM: stop gracefully and write partial results. */
  stopSignal: AbortSignal;
  /** Second Ctrl-C: interrupt in-flight requests now. */
  killSignal: AbortSignal;
  cores?: number;
}

/** Colour only on a TTY and without NO_COLOR (design §4). */
export function useColor(io: CliIo): boolean {
  return io.isTTY && (io.env.NO_COLOR ?? "") === "";
}

/**
 * The one channel for warnings: `perf: warning: ...` on stderr. Every command and every stage's
 * `onWarning` goes through it, so a warning always looks the same and can be found in one place.
 */
export function warn(io: Pick<CliIo, "stderr">, message: string): void {
  io.stderr(`perf: warning: ${message}\n`);
}
