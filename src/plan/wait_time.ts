import type { WaitTime } from "../model/config.ts";

/**
 * How long a user waits after a task, as Locust does: `constant` and `between` wait after each task;
 * `constant_pacing` waits so that tasks start every `ms` (no wait when the task took longer).
 */
export function waitAfterTaskMs(wait: WaitTime, taskElapsedMs: number, random: number): number {
  switch (wait.kind) {
    case "constant":
      return wait.ms;
    case "between":
      return wait.min_ms + random * (wait.max_ms - wait.min_ms);
    case "constant_pacing":
      return Math.max(0, wait.ms - taskElapsedMs);
  }
}
