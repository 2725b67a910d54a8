/** `perf validate FILE`: every config problem at once (exit 104), or a short description (exit 0). */
import { loadConfigFile } from "../config/load_config.ts";
import { formatDuration } from "../config/duration.ts";
import type { CliIo } from "./io.ts";

export async function validateCommand(file: string, io: CliIo): Promise<number> {
  const loaded = await loadConfigFile(file, io.env);
  for (const warning of loaded.warnings) io.stderr(`perf: warning: ${warning}\n`);
  const scenarios = Object.entries(loaded.config.scenarios);
  io.stdout(`${loaded.file}: OK (${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"})\n`);
  for (const [name, s] of scenarios) {
    const tasks = s.tasks.length === 0 ? "GET /" : `${s.tasks.length} task${s.tasks.length === 1 ? "" : "s"}`;
    io.stdout(
      `  ${name}: ${s.users} user${s.users === 1 ? "" : "s"}, ${formatDuration(s.run_time)}, ${tasks}\n`,
    );
  }
  return 0;
}
