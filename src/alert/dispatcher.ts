/**
 * When to alert: a live threshold breach goes to the channels that listen for `breach`, once per
 * threshold per cooldown; the end of a run goes to those listening for `failure` (failed thresholds, an
 * abort) or `always`. Deliveries run in the background during the run and are awaited, within their
 * bound, before the run's result is final. Outcomes are collected for result.json `alerts[]`; a failed
 * delivery is a warning, never an exception and never an exit code.
 */
import type { ALERT_WHEN } from "../model/alerting_config.ts";
import type { RunResult, ThresholdResult } from "../model/result.ts";
import { deliver, type DeliveryOptions } from "./delivery.ts";
import { breachAlertMessage, type BreachContext, runAlertMessage } from "./messages.ts";
import type { AlertChannel, AlertMessage, AlertOutcome } from "../model/alert.ts";

export type AlertWhen = (typeof ALERT_WHEN)[number];

export interface ConfiguredChannel {
  channel: AlertChannel;
  on: ReadonlySet<AlertWhen>;
}

export interface DispatcherOptions {
  cooldownMs: number;
  delivery: DeliveryOptions;
  /** A failed delivery, as one line (already redacted); the CLI adds its `perf: warning:` prefix. */
  warn: (message: string) => void;
  now?: () => number;
}

/** Which channels hear a message of this kind. */
export function channelsFor(channels: readonly ConfiguredChannel[], message: AlertMessage): AlertChannel[] {
  const wants = (c: ConfiguredChannel) => {
    if (message.kind === "breach") return c.on.has("breach");
    if (message.kind === "test") return true;
    if (message.kind === "failure" || message.kind === "aborted") {
      return c.on.has("failure") || c.on.has("always");
    }
    return c.on.has("always");
  };
  return channels.filter(wants).map((c) => c.channel);
}

export class AlertDispatcher {
  readonly #lastBreach = new Map<string, number>();
  readonly #pending = new Set<Promise<void>>();
  #outcomes: AlertOutcome[] = [];

  constructor(readonly channels: readonly ConfiguredChannel[], readonly options: DispatcherOptions) {}

  get enabled(): boolean {
    return this.channels.length > 0;
  }

  /** Live thresholds failing now: alerts those not alerted within the cooldown (in the background). */
  breach(failed: readonly ThresholdResult[], context: BreachContext): void {
    const now = (this.options.now ?? Date.now)();
    for (const threshold of failed) {
      const key = `${context.scenario}\u0000${threshold.name}`;
      const last = this.#lastBreach.get(key);
      if (last !== undefined && now - last < this.options.cooldownMs) continue;
      this.#lastBreach.set(key, now);
      this.#send(breachAlertMessage(threshold, context), threshold.name);
    }
  }

  /** The end of a run: alerts the channels that want it, then waits for every delivery of the run. */
  async end(result: RunResult, paths: { result?: string; report?: string }): Promise<AlertOutcome[]> {
    this.#send(runAlertMessage(result, paths));
    return await this.settle();
  }

  /** Waits for the deliveries under way (each bounded by its own time limit); returns and clears outcomes. */
  async settle(): Promise<AlertOutcome[]> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    const outcomes = this.#outcomes;
    this.#outcomes = [];
    return outcomes;
  }

  #send(message: AlertMessage, threshold?: string): void {
    const channels = channelsFor(this.channels, message);
    if (channels.length === 0) return;
    const sending = deliver(channels, message, this.options.delivery, threshold).then((outcomes) => {
      for (const outcome of outcomes) {
        this.#outcomes.push(outcome);
        if (!outcome.ok) {
          this.options.warn(
            `${message.kind} alert on ${outcome.channel} not delivered after ${outcome.attempts} ` +
              `attempt(s): ${outcome.error}`,
          );
        }
      }
    });
    const tracked = sending.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}
