/** `perf validate FILE`: every config problem at once (exit 104), or a short description (exit 0). */
import { loadConfigFile } from "../config/load_config.ts";
import { formatDuration } from "../model/duration.ts";
import type { ScenarioConfig } from "../model/config.ts";
import { compileFlows } from "../plan/resolve_scenario.ts";
import { type CliIo, warn } from "./io.ts";

/** What a scenario will do, in a few words (its model decides which keys matter). */
export function describeModel(s: ScenarioConfig): string {
  const search = s.stress?.search;
  if (search) {
    return `stress capacity search from ${search.start_rate}/s (×${search.factor}, to ${
      search.precision * 100
    }%), ` +
      `at most ${formatDuration(search.max_duration)}, then recovery`;
  }
  if (s.stress) {
    const unit = s.stress.unit === "rate" ? "/s" : " users";
    return `stress steps ${s.stress.start}${unit} to ${s.stress.max}${unit} by ${s.stress.step}, ` +
      `${formatDuration(s.stress.step_duration!)} each, then recovery`;
  }
  const stages = s.stages ?? [];
  const total = formatDuration(stages.reduce((sum, stage) => sum + stage.duration, 0));
  if (stages.some((stage) => stage.rate !== undefined)) {
    return `open model, ${stages.length} rate stages over ${total}`;
  }
  if (s.rate !== undefined) return `open model, ${s.rate} iterations/s for ${formatDuration(s.run_time)}`;
  if (stages.length > 0) return `closed model, ${stages.length} user stages over ${total}`;
  return `${s.users} user${s.users === 1 ? "" : "s"}, ${formatDuration(s.run_time)}`;
}

export async function validateCommand(file: string, io: CliIo): Promise<number> {
  const loaded = await loadConfigFile(file, io.env);
  for (const warning of loaded.warnings) warn(io, warning);
  const scenarios = Object.entries(loaded.config.scenarios);
  io.stdout(`${loaded.file}: OK (${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"})\n`);
  for (const [name, s] of scenarios) {
    // Placeholders are compiled as a run would compile them, so a malformed one fails here too.
    compileFlows(name, s, s.base_url ?? loaded.config.base_url ?? "http://localhost");
    const tasks = s.tasks.length === 0 ? "GET /" : `${s.tasks.length} task${s.tasks.length === 1 ? "" : "s"}`;
    io.stdout(`  ${name}: ${describeModel(s)}, ${tasks}\n`);
  }
  return 0;
}
