/**
 * `perf report DIR|FILE...`: re-renders report.html and plots/*.svg from result.json alone. A results
 * directory (runs in sub-directories, as `perf run -o DIR` writes them) also gets the trend page
 * `DIR/reports/performance_report.html` (the seed's path). In a results directory a run that cannot be
 * read is named and skipped; a file or run directory given by name must be readable.
 */
import { ExitCode, PerfError } from "../errors.ts";
import { writeRunReport } from "../report/html/write_run_report.ts";
import type { ScenarioTrend } from "../model/trend.ts";
import { buildTrends, type TrendInput } from "../report/trend.ts";
import { trendCharts } from "../report/html/trend_charts.ts";
import { readResultFile } from "../result/read_result.ts";
import type { RunResult } from "../model/result.ts";
import { writeFileAtomic } from "../result/write_result.ts";
import { renderTrendPage, renderTrendPlots } from "../report/html/render_trend_page.tsx";
import type { CliIo } from "./io.ts";

/** Where the trend page goes inside a results directory. */
const TREND_PAGE = "reports/performance_report.html";

/** What one command-line path stands for. */
export type ReportSource =
  | { kind: "result"; file: string }
  | { kind: "results-dir"; dir: string; runDirs: string[] };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** Sub-directories of `dir` holding a result.json, by name (run directories start with their UTC stamp). */
async function runDirectories(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory && await isFile(`${dir}/${entry.name}/result.json`)) names.push(entry.name);
  }
  return names.sort();
}

async function classifySource(path: string): Promise<ReportSource> {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(clean);
  } catch {
    throw new PerfError(`Cannot read "${path}": no such file or directory`, ExitCode.usage);
  }
  if (!info.isDirectory) return { kind: "result", file: clean };
  if (await isFile(`${clean}/result.json`)) return { kind: "result", file: `${clean}/result.json` };
  const runDirs = await runDirectories(clean);
  if (runDirs.length === 0) {
    throw new PerfError(
      `No results in "${path}": neither a result.json nor run directories holding one`,
      ExitCode.usage,
      "pass a result.json, a run directory, or the results directory of perf run (-o)",
    );
  }
  return { kind: "results-dir", dir: clean, runDirs };
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : slash === 0 ? "/" : file.slice(0, slash);
}

async function renderOne(file: string, result: RunResult, io: CliIo): Promise<void> {
  const written = await writeRunReport(dirOf(file), result);
  io.stdout(`Report: ${written.html} (${written.plots.length} plots)\n`);
}

/** Every run of a results directory, re-rendered; unreadable ones are named and skipped. */
async function renderResultsDir(source: Extract<ReportSource, { kind: "results-dir" }>, io: CliIo) {
  const inputs: TrendInput[] = [];
  for (const name of source.runDirs) {
    const file = `${source.dir}/${name}/result.json`;
    let result: RunResult;
    try {
      result = await readResultFile(file);
    } catch (error) {
      if (!(error instanceof PerfError)) throw error;
      io.stderr(`perf report: skipped: ${error.message}\n`);
      continue;
    }
    await renderOne(file, result, io);
    // Links are relative to the trend page, one level down in reports/.
    inputs.push({ result, href: `../${encodeURIComponent(name)}/report.html` });
  }
  const written = await writeTrendReport(source.dir, buildTrends(inputs));
  io.stdout(`Trends: ${written.html} (${inputs.length} runs, ${written.plots} plots, ${written.json})\n`);
}

/**
 * The seed's layout inside the results directory: reports/performance_report.html, its charts under
 * reports/plots/, and reports/performance_report.json (the trend figures, for scripts).
 */
async function writeTrendReport(dir: string, trends: ScenarioTrend[]) {
  const reports = `${dir}/${dirOf(TREND_PAGE)}`;
  const charts = trendCharts(trends);
  const plots = renderTrendPlots(charts);
  await Deno.mkdir(`${reports}/plots`, { recursive: true });
  await Promise.all(plots.map((plot) => writeFileAtomic(`${reports}/plots/${plot.name}`, plot.svg)));
  const json = `${reports}/performance_report.json`;
  await writeFileAtomic(json, JSON.stringify({ source: dir, scenarios: trends }, null, 2) + "\n");
  const html = `${dir}/${TREND_PAGE}`;
  await writeFileAtomic(html, renderTrendPage(trends, dir, charts));
  return { html, json, plots: plots.length };
}

export async function reportCommand(paths: readonly string[], io: CliIo): Promise<number> {
  // Every path is checked before anything is written.
  const sources = await Promise.all(paths.map(classifySource));
  for (const source of sources) {
    if (source.kind === "result") await renderOne(source.file, await readResultFile(source.file), io);
    else await renderResultsDir(source, io);
  }
  return ExitCode.ok;
}
