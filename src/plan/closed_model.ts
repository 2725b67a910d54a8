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
