/**
 * Samples one local process of the system under test: CPU %, RSS, threads and open files. The process is
 * found by pid, pid file or command match, and found again whenever it is gone (a server restarted by
 * its supervisor mid-test gets a new pid), so a crash is a reported error and sampling continues.
 *
 * @module
 */
import type { ProcessTarget } from "../model/monitor_config.ts";
import {
  countOpenFiles,
  cpuPercent,
  findByCommand,
  type ProcStat,
  readPidFile,
  readRssMb,
  readStat,
} from "./proc.ts";

export interface ProcessSample {
  pid: number;
  /** 100 = one core; absent on the first sample of a process (CPU needs two readings). */
  cpu_pct?: number;
  rss_mb: number;
  threads: number;
  /** Absent when /proc/<pid>/fd is not readable (another user's process). */
  open_files?: number;
}

/** A sample, or why there is none this time. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export class ProcessSampler {
  #pid: number | undefined;
  #last: { stat: ProcStat; at: number } | undefined;

  constructor(
    readonly target: ProcessTarget,
    /** Milliseconds on a monotonic clock, for the CPU deltas. */
    readonly now: () => number = () => performance.now(),
    readonly selfPid: number = Deno.pid,
  ) {}

  async sample(): Promise<Outcome<ProcessSample>> {
    const resolved = await this.#resolve();
    if (typeof resolved === "string") return this.#fail(resolved);
    const stat = await readStat(resolved);
    if (!stat) return this.#fail(`process ${resolved}${this.#origin()} is not running`);
    const at = this.now();
    const previous = this.#last?.stat.pid === stat.pid ? this.#last : undefined;
    const cpu = previous ? cpuPercent(previous.stat, stat, at - previous.at) : undefined;
    this.#last = { stat, at };
    const [rss_mb, open_files] = await Promise.all([readRssMb(stat.pid, stat), countOpenFiles(stat.pid)]);
    return {
      ok: true,
      value: {
        pid: stat.pid,
        ...(cpu !== undefined ? { cpu_pct: cpu } : {}),
        rss_mb,
        threads: stat.num_threads,
        ...(open_files !== undefined ? { open_files } : {}),
      },
    };
  }

  /** The pid to read now, or why there is none. A command is searched for again only when its pid is gone. */
  async #resolve(): Promise<number | string> {
    const { pid, pid_file, command } = this.target;
    if (pid !== undefined) return pid;
    if (pid_file !== undefined) return await readPidFile(pid_file);
    if (this.#pid !== undefined && await readStat(this.#pid)) return this.#pid;
    this.#pid = await findByCommand(command!, this.selfPid);
    return this.#pid ?? `no running process matches command ${JSON.stringify(command)}`;
  }

  #origin(): string {
    return this.target.pid_file !== undefined
      ? ` (from pid_file ${JSON.stringify(this.target.pid_file)})`
      : "";
  }

  #fail(error: string): Outcome<ProcessSample> {
    this.#last = undefined;
    if (this.target.command !== undefined) this.#pid = undefined;
    return { ok: false, error };
  }
}
