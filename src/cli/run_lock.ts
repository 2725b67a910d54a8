/**
 * `perf run --lock FILE`: one run at a time for cron. The lock file is created exclusively and holds
 * the owner's pid; a second run finds it and refuses to start (exit 2), unless its owner is gone (a
 * crash or kill -9 left it behind), in which case the stale lock is taken over with a note.
 */
import { ExitCode, PerfError } from "../errors.ts";

export interface LockOwner {
  pid: number;
  started_at: string;
  command: string;
}

export interface RunLock {
  path: string;
  /** Removes the file if it is still ours. */
  release(): Promise<void>;
}

/** Whether a process with this pid exists (Linux: /proc; elsewhere assume it does, the safe answer). */
export async function processAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (Deno.build.os !== "linux") return true;
  try {
    await Deno.stat(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** The owner written in a lock file, or undefined when it cannot be read as one. */
export function parseLockOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value?.pid === "number" ? value as LockOwner : undefined;
  } catch {
    return undefined;
  }
}

async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  try {
    const file = await Deno.open(path, { write: true, createNew: true });
    try {
      await file.write(new TextEncoder().encode(JSON.stringify(owner) + "\n"));
    } finally {
      file.close();
    }
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw new PerfError(
      `Cannot create the lock file "${path}": ${error instanceof Error ? error.message : error}`,
      ExitCode.usage,
    );
  }
}

/** Takes the lock or throws a PerfError naming the run that holds it; `note` hears about stale locks. */
export async function acquireRunLock(
  path: string,
  note: (line: string) => void,
  owner: LockOwner = { pid: Deno.pid, started_at: new Date().toISOString(), command: "perf run" },
): Promise<RunLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createExclusive(path, owner)) {
      return { path, release: () => releaseIfOurs(path, owner.pid) };
    }
    const holder = parseLockOwner(await Deno.readTextFile(path).catch(() => ""));
    if (holder && holder.pid !== owner.pid && await processAlive(holder.pid)) {
      throw new PerfError(
        `Another run holds the lock "${path}" (pid ${holder.pid}, started ${holder.started_at}); not starting`,
        ExitCode.usage,
        "overlapping cron runs are refused; remove the file only if that process is not perf",
      );
    }
    note(`perf: taking over a stale lock "${path}"${holder ? ` (pid ${holder.pid} is gone)` : ""}`);
    await Deno.remove(path).catch(() => {});
  }
  throw new PerfError(`Cannot take the lock "${path}": another run keeps creating it`, ExitCode.usage);
}

async function releaseIfOurs(path: string, pid: number): Promise<void> {
  const holder = parseLockOwner(await Deno.readTextFile(path).catch(() => ""));
  if (holder?.pid === pid) await Deno.remove(path).catch(() => {});
}
