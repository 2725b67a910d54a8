/**
 * `perf alert test [-c FILE]`: sends a test message on every enabled channel (whatever its `on:`) and
 * reports each outcome. Exit 0 when every channel delivered, 99 when one did not, 2 when none is enabled.
 */
import { deliver } from "../alert/delivery.ts";
import { testAlertMessage } from "../alert/messages.ts";
import { loadConfigFile } from "../config/load_config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { alertDispatcherFor, redactingIo, redactorFor } from "./alerting.ts";
import { type CliIo, warn } from "./io.ts";

export const DEFAULT_CONFIG = "perf.yaml";

export async function alertTestCommand(flags: { config?: string }, rawIo: CliIo): Promise<number> {
  const file = flags.config ?? DEFAULT_CONFIG;
  const loaded = await loadConfigFile(file, rawIo.env);
  const io = redactingIo(rawIo, redactorFor(loaded));
  for (const warning of loaded.warnings) warn(io, warning);
  const dispatcher = await alertDispatcherFor(loaded, io);
  if (!dispatcher) {
    throw new PerfError(
      `No alert channel is enabled in "${file}"`,
      ExitCode.usage,
      "set alerting.enabled: true and enabled: true on email, slack or webhook",
    );
  }
  const channels = dispatcher.channels.map((c) => c.channel);
  io.stdout(`perf alert test: sending a test message on ${channels.map((c) => c.name).join(", ")}\n`);
  const outcomes = await deliver(
    channels,
    testAlertMessage(loaded.config.base_url),
    dispatcher.options.delivery,
  );
  for (const o of outcomes) {
    const attempts = `${o.attempts} attempt${o.attempts === 1 ? "" : "s"}`;
    io.stdout(
      o.ok ? `  ✓ ${o.channel}: delivered (${attempts})\n` : `  ✗ ${o.channel}: ${o.error} (${attempts})\n`,
    );
  }
  return outcomes.every((o) => o.ok) ? ExitCode.ok : ExitCode.thresholdsFailed;
}
