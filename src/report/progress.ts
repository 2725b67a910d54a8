/**
 * Live progress on stderr: on a TTY one line redrawn every second, otherwise (cron, CI) a plain line
 * every 10 s.
 */
import type { TickInfo } from "../runner/run_scenario.ts";
import { formatMs } from "./text_summary.ts";

export const PLAIN_PROGRESS_EVERY_S = 10;

export function formatProgressLine(scenario: string, tick: TickInfo): string {
  const elapsed = `${Math.round(tick.elapsed_s)}s/${Math.round(tick.run_time_s)}s`;
  return `[${scenario} ${elapsed}] users ${tick.users}/${tick.target_users} · ${tick.requests} req · ` +
    `${tick.interval_rps.toFixed(1)} req/s · p95 ${formatMs(tick.interval_p95_ms)} ms · ` +
    `${tick.failures} failed${tick.stopping ? " · stopping" : ""}`;
}

export class ProgressPrinter {
  #lastPlain = 0;
  #drawn = false;

  constructor(
    readonly write: (text: string) => void,
    readonly tty: boolean,
    readonly scenario: string,
  ) {}

  tick(info: TickInfo): void {
    const line = formatProgressLine(this.scenario, info);
    if (this.tty) {
      this.write(`\r\x1b[2K${line}`);
      this.#drawn = true;
    } else if (info.elapsed_s - this.#lastPlain >= PLAIN_PROGRESS_EVERY_S) {
      this.#lastPlain = info.elapsed_s;
      this.write(`${line}\n`);
    }
  }

  /** Ends the redrawn line so what follows starts on a clean one. */
  finish(): void {
    if (this.#drawn) this.write("\r\x1b[2K");
    this.#drawn = false;
  }
}
