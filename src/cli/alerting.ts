/**
 * The CLI side of alerting: the dispatcher for a config (none when alerting is off) and the I/O that
 * masks the config's secrets in everything perf prints.
 */
import { channelsFromConfig } from "../alert/channels.ts";
import { DEFAULT_DELIVERY } from "../alert/delivery.ts";
import { AlertDispatcher } from "../alert/dispatcher.ts";
import { makeRedactor } from "../alert/redact.ts";
import type { LoadedConfig } from "../config/load_config.ts";
import { type CliIo, warn } from "./io.ts";

/** Wraps stdout and stderr so no secret of the config is ever printed. */
export function redactingIo(io: CliIo, redact: (text: string) => string): CliIo {
  return { ...io, stdout: (text) => io.stdout(redact(text)), stderr: (text) => io.stderr(redact(text)) };
}

export function redactorFor(loaded: LoadedConfig | undefined): (text: string) => string {
  return makeRedactor(loaded?.secrets ?? []);
}

/** Undefined when alerting is off or no channel is enabled. */
export async function alertDispatcherFor(
  loaded: LoadedConfig | undefined,
  io: CliIo,
): Promise<AlertDispatcher | undefined> {
  const alerting = loaded?.config.alerting;
  const channels = await channelsFromConfig(alerting);
  if (!alerting || channels.length === 0) return undefined; // alerting off, or no channel enabled
  const attempts = alerting.retries + 1;
  return new AlertDispatcher(channels, {
    cooldownMs: alerting.cooldown,
    delivery: {
      ...DEFAULT_DELIVERY,
      timeoutMs: alerting.timeout,
      attempts,
      // Every attempt, the backoffs between them, and a little slack: an alert never holds a run longer.
      totalMs: attempts * alerting.timeout + DEFAULT_DELIVERY.backoffMs * (2 ** attempts - 1) + 1000,
      redact: redactorFor(loaded),
    },
    warn: (message) => warn(io, message),
  });
}
