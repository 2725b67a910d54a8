/**
 * Live progress on stderr: on a TTY one line redrawn every second, otherwise (cron, CI) a plain line
 * every 10 s.
 */
import type { IntervalSnapshot, MeasurementConsumer, TickInfo } from "../runner/stream.ts";
import { formatMs } from "../format/format.ts";

export const PLAIN_PROGRESS_EVERY_S = 10;

export function formatProgressLine(scenario: string, tick: TickInfo): string {
  const elapsed = `${Math.round(tick.elapsed_s)}s/${Math.round(tick.run_time_s)}s`;
  return `[${scenario} ${elapsed}] users ${tick.users}/${tick.target_users} · ${tick.requests} req · ` +
    `${tick.interval_rps.toFixed(1)} req/s · p95 ${formatMs(tick.interval_p95_ms)} ms · ` +
    `${tick.failures} failed${tick.stopping ? " · stopping" : ""}`;
}

/** The progress line on stderr: a consumer of the measurement stream. */
export class ProgressPrinter implements MeasurementConsumer {
  /** The last 10 s boundary a plain line was printed for. */
  #lastPlainBucket = 0;
  #drawn = false;

  constructor(
    readonly write: (text: string) => void,
    readonly tty: boolean,
    readonly scenario: string,
  ) {}

  interval(snapshot: IntervalSnapshot): void {
    this.tick(snapshot.totals);
  }

  tick(info: TickInfo): void {
    const line = formatProgressLine(this.scenario, info);
    if (this.tty) {
      this.write(`\r\x1b[2K${line}`);
      this.#drawn = true;
    } else if (Math.floor(info.elapsed_s / PLAIN_PROGRESS_EVERY_S) > this.#lastPlainBucket) {
      // Boundaries, not gaps: ticks land a little after each second and must not drift to 11 s.
      this.#lastPlainBucket = Math.floor(info.elapsed_s / PLAIN_PROGRESS_EVERY_S);
      this.write(`${line}\n`);
    }
  }

  /** Ends the redrawn line so what follows starts on a clean one. */
  finish(): void {
    if (this.#drawn) this.write("\r\x1b[2K");
    this.#drawn = false;
  }
}
