/**
 * Reading a local process from Linux's /proc: pure parsers for `stat` and `status`, and thin reads around
 * them. Every read returns undefined (or throws Deno.errors.NotFound) when the process is gone, so the
 * caller can report it and keep sampling.
 *
 * @module
 */
import { commandMatcher } from "../model/command_pattern.ts";

/**
 * Clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. It is 100 on every Linux
 * architecture Deno ships for (USER_HZ is fixed by the kernel ABI), so no `getconf CLK_TCK` subprocess.
 */
const CLOCK_TICKS_PER_S = 100;
/** Page size for the stat `rss` fallback when `status` has no VmRSS (4 KiB on x86-64 and most arm64). */
const PAGE_BYTES = 4096;

/** The fields of /proc/<pid>/stat a monitor needs. */
export interface ProcStat {
  pid: number;
  comm: string;
  /** R, S, D, Z (zombie), X (dead), ... */
  state: string;
  ppid: number;
  /** CPU time in user and kernel mode, in clock ticks. */
  utime: number;
  stime: number;
  num_threads: number;
  /** Start time after boot in clock ticks: with the pid, it identifies one process across pid reuse. */
  starttime: number;
  rss_pages: number;
}

/**
 * Parses /proc/<pid>/stat. The comm field is in parentheses and may itself hold spaces and parentheses
 * (`1 (my (weird) comm) S ...`), so the fields are split after the *last* `)`.
 */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // rest[0] is field 3 (state): field n of proc(5) is rest[n - 3].
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  const stat: ProcStat = {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? "",
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    num_threads: field(20),
    starttime: field(22),
    rss_pages: field(24),
  };
  const numbers = [pid, stat.ppid, stat.utime, stat.stime, stat.num_threads, stat.starttime, stat.rss_pages];
  return numbers.every(Number.isFinite) ? stat : undefined;
}

/** VmRSS from /proc/<pid>/status, in kB; undefined when absent (kernel threads, zombies). */
export function parseStatusRssKb(text: string): number | undefined {
  const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** /proc/<pid>/cmdline holds the arguments separated (and ended) by NUL: read as one spaced line. */
export function parseCmdline(raw: string): string {
  return raw.split("\0").filter((part) => part !== "").join(" ");
}

/** CPU use between two readings of the same process: 100 = one core busy for the whole span. */
export function cpuPercent(before: ProcStat, after: ProcStat, wallMs: number): number | undefined {
  if (wallMs <= 0 || before.starttime !== after.starttime) return undefined;
  const ticks = after.utime + after.stime - (before.utime + before.stime);
  return Math.round((ticks / CLOCK_TICKS_PER_S / (wallMs / 1000)) * 1000) / 10;
}

/** /proc/<tid>/schedstat: nanoseconds on a core and waiting on a run queue for one (then a slice count). */
export interface SchedStat {
  run_ns: number;
  wait_ns: number;
}

export function parseSchedstat(text: string): SchedStat | undefined {
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  return Number.isFinite(run) && Number.isFinite(wait) ? { run_ns: run!, wait_ns: wait! } : undefined;
}

/**
 * How busy the calling thread was since the previous sample: the share of the span it was running or
 * ready to run and waiting for a core (100 = it never idled). CPU alone misses a thread that wanted more
 * than the machine gave it (other processes on the cores, a busy host): it can sit at 60% CPU and still
 * be unable to keep up. From /proc/thread-self/schedstat, read synchronously: a worker's isolate runs on
 * one OS thread, so a read from inside the worker sees that worker alone. Falls back to the thread's CPU
 * (stat) on a kernel without schedstat, and to undefined where there is no /proc.
 */
export class ThreadBusyMeter {
  #last = threadBusyNs();
  #lastAt = performance.now();

  sample(): number | undefined {
    const now = performance.now();
    const busy = threadBusyNs();
    const before = this.#last;
    const wallMs = now - this.#lastAt;
    this.#last = busy;
    this.#lastAt = now;
    return before !== undefined && busy !== undefined ? busyPercent(before, busy, wallMs) : undefined;
  }
}

/** Nanoseconds the calling thread has been busy: running plus waiting for a core, else its CPU time. */
function threadBusyNs(): number | undefined {
  const sched = readSyncOrUndefined("/proc/thread-self/schedstat");
  const busy = sched === undefined ? undefined : parseSchedstat(sched);
  if (busy) return busy.run_ns + busy.wait_ns;
  const text = readSyncOrUndefined("/proc/thread-self/stat");
  const stat = text === undefined ? undefined : parseStat(text);
  return stat && ((stat.utime + stat.stime) / CLOCK_TICKS_PER_S) * 1e9;
}

/** Busy nanoseconds between two readings over the wall time between them: 100 = busy throughout. */
export function busyPercent(beforeNs: number, afterNs: number, wallMs: number): number | undefined {
  if (wallMs <= 0) return undefined;
  return Math.round(((afterNs - beforeNs) / 1e6 / wallMs) * 1000) / 10;
}

/** Reads /proc/<pid>/stat; undefined when there is no such process or it has exited (zombie). */
export async function readStat(pid: number): Promise<ProcStat | undefined> {
  const text = await readOrUndefined(`/proc/${pid}/stat`);
  const stat = text === undefined ? undefined : parseStat(text);
  return stat && stat.state !== "Z" && stat.state !== "X" ? stat : undefined;
}

/** Resident memory in MB, from status (exact) or from stat's page count. */
export async function readRssMb(pid: number, stat: ProcStat): Promise<number> {
  const status = await readOrUndefined(`/proc/${pid}/status`);
  const kb = status === undefined ? undefined : parseStatusRssKb(status);
  const bytes = kb !== undefined ? kb * 1024 : stat.rss_pages * PAGE_BYTES;
  return Math.round((bytes / 1_048_576) * 100) / 100;
}

/**
 * Open file descriptors (files, sockets, pipes). Undefined when /proc/<pid>/fd is unreadable: another
 * user's process needs root for it, and that is not worth an error every sample.
 */
export async function countOpenFiles(pid: number): Promise<number | undefined> {
  try {
    let count = 0;
    for await (const _ of Deno.readDir(`/proc/${pid}/fd`)) count++;
    return count;
  } catch {
    return undefined;
  }
}

/** The pid written in a pid file (first token); a message when the file is missing or holds no pid. */
export async function readPidFile(path: string): Promise<number | string> {
  const text = await readOrUndefined(path);
  if (text === undefined) return `pid_file ${JSON.stringify(path)} not found`;
  const pid = Number(text.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : `pid_file ${JSON.stringify(path)} holds no pid`;
}

/**
 * The pid of the process whose command line matches, the oldest when several do (the parent of a
 * pre-forking server). perf itself and its ancestors (the shell that started it, whose command line may
 * repeat the pattern) are never chosen, nor kernel threads (empty command line).
 */
export async function findByCommand(pattern: string, selfPid = Deno.pid): Promise<number | undefined> {
  const matches = commandMatcher(pattern);
  const excluded = await ancestors(selfPid);
  let best: ProcStat | undefined;
  for await (const entry of Deno.readDir("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || excluded.has(pid)) continue;
    const raw = await readOrUndefined(`/proc/${pid}/cmdline`);
    if (!raw || !matches(parseCmdline(raw))) continue;
    const stat = await readStat(pid);
    if (stat && (!best || stat.starttime < best.starttime)) best = stat;
  }
  return best?.pid;
}

/** `pid` and every process above it, up to init. */
async function ancestors(pid: number): Promise<Set<number>> {
  const chain = new Set<number>();
  let current: number | undefined = pid;
  while (current !== undefined && current > 0 && !chain.has(current)) {
    chain.add(current);
    current = (await readStat(current))?.ppid;
  }
  return chain;
}

function readSyncOrUndefined(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}
