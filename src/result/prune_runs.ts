/**
 * `reporting.keep_last: N`: after a run, the oldest run directories of the same scenario beyond the N
 * newest are removed, so cron-driven runs do not fill the disk. Only directories named as perf names
 * them (`<UTC stamp>-<scenario>[-n]`) and holding a result.json are ever touched.
 */
import { safeName } from "./write_result.ts";

const RUN_DIR = /^(\d{8}T\d{6}Z)-(.+?)(?:-(\d+))?$/;

/** The scenario part of a run directory's name, or undefined when perf did not name it. */
export function runDirScenario(name: string): string | undefined {
  return RUN_DIR.exec(name)?.[2];
}

/** Which of `names` to remove: those of `scenario` beyond the `keepLast` newest (names sort by time). */
export function runsToPrune(names: readonly string[], scenario: string, keepLast: number): string[] {
  const own = names.filter((name) => runDirScenario(name) === safeName(scenario)).sort((a, b) => {
    const [, stampA, , nA] = RUN_DIR.exec(a)!;
    const [, stampB, , nB] = RUN_DIR.exec(b)!;
    return stampA!.localeCompare(stampB!) || Number(nA ?? 1) - Number(nB ?? 1);
  });
  return own.slice(0, Math.max(0, own.length - keepLast));
}

async function holdsResult(dir: string): Promise<boolean> {
  return await Deno.stat(`${dir}/result.json`).then((info) => info.isFile, () => false);
}

/** Removes old runs of `scenario` under `outDir`; returns the directories removed. */
export async function pruneRuns(outDir: string, scenario: string, keepLast: number): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(outDir)) if (entry.isDirectory) names.push(entry.name);
  const removed: string[] = [];
  for (const name of runsToPrune(names, scenario, keepLast)) {
    const dir = `${outDir.replace(/\/+$/, "")}/${name}`;
    if (!(await holdsResult(dir))) continue;
    await Deno.remove(dir, { recursive: true });
    removed.push(dir);
  }
  return removed;
}
