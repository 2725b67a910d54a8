/**
 * Locust's closed model as data: `users` started at `spawn_rate` per second, spread over the workers.
 * Pure, so the schedule is tested without running anything.
 */

/** When user i starts, in ms after the run's start: user 0 at once, then one every 1/spawn_rate s. */
export function spawnOffsetsMs(users: number, spawnRate: number): number[] {
  const gap = 1000 / spawnRate;
  return Array.from({ length: users }, (_, i) => Math.round(i * gap));
}

/** Deals users to workers round-robin, so every worker ramps at the same pace. */
export function dealToWorkers<T>(items: readonly T[], workers: number): T[][] {
  const shares: T[][] = Array.from({ length: workers }, () => []);
  items.forEach((item, i) => shares[i % workers]!.push(item));
  return shares;
}

/** About one worker per core, never more workers than users. */
export function chooseWorkerCount(requested: number | undefined, users: number, cores: number): number {
  const wanted = requested ?? Math.max(1, cores);
  return Math.max(1, Math.min(wanted, users));
}

export interface UserStage {
  duration_ms: number;
  /** Users running at the end of the stage; the count ramps linearly from the previous stage's. */
  users: number;
}

/** When a user runs: from `start_ms` until `end_ms` (null: until the run stops). */
export interface UserInterval {
  start_ms: number;
  end_ms: number | null;
}

/**
 * Closed-model stages (Locust's LoadTestShape, k6's ramping VUs) as per-user active intervals. While
 * the target ramps from u0 up to u1 over D, user j (u0 <= j < u1) starts at (j - u0) / (u1 - u0) x D; on
 * the way down, the newest users stop first. The plain `users` + `spawn_rate` ramp is the one-stage case.
 */
export function userIntervals(stages: readonly UserStage[]): UserInterval[][] {
  const intervals: UserInterval[][] = [];
  let t = 0;
  let current = 0;
  for (const { duration_ms, users } of stages) {
    if (users > current) {
      for (let j = current; j < users; j++) {
        (intervals[j] ??= []).push({
          start_ms: t + ((j - current) / (users - current)) * duration_ms,
          end_ms: null,
        });
      }
    } else if (users < current) {
      for (let j = current - 1; j >= users; j--) {
        const open = intervals[j]![intervals[j]!.length - 1]!;
        open.end_ms = t + ((current - j) / (current - users)) * duration_ms;
      }
    }
    current = users;
    t += duration_ms;
  }
  const total = t;
  // Users still running at the end run to the end of the last stage.
  for (const list of intervals) for (const interval of list) interval.end_ms ??= total;
  return intervals;
}

export function stagesLengthMs(stages: readonly { duration_ms: number }[]): number {
  return stages.reduce((sum, s) => sum + s.duration_ms, 0);
}
