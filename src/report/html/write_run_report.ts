/** Writes a run's `report.html` and `plots/*.svg` beside its `result.json`, each file atomically. */
import type { RunResult } from "../../model/result.ts";
import { writeFileAtomic } from "../../result/write_result.ts";
import { renderPlots, renderRunReport } from "./render_run_report.tsx";
import { runCharts } from "./run_charts.ts";

export interface WrittenReport {
  /** Path of `report.html`. */
  html: string;
  /** Paths of the SVG files, in page order. */
  plots: string[];
}

export async function writeRunReport(runDir: string, result: RunResult): Promise<WrittenReport> {
  const dir = runDir.replace(/\/+$/, "");
  const charts = runCharts(result);
  const html = renderRunReport(result, charts);
  const plots = renderPlots(result, charts);
  await Deno.mkdir(`${dir}/plots`, { recursive: true });
  const plotPaths = plots.map((plot) => `${dir}/plots/${plot.name}`);
  await Promise.all(plots.map((plot, i) => writeFileAtomic(plotPaths[i]!, plot.svg)));
  // The page last: once report.html exists, every plot it mentions is already in place.
  await writeFileAtomic(`${dir}/report.html`, html);
  return { html: `${dir}/report.html`, plots: plotPaths };
}
