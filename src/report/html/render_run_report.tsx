/**
 * The run report as text: the HTML page (server-rendered Preact, no client-side JavaScript, every style
 * inline) and each of its charts as a standalone SVG file. Pure: the same result gives the same bytes.
 */
import { renderToString } from "preact-render-to-string";
import type { RunResult } from "../../model/result.ts";
import { standaloneSvg } from "../../../templates/chart/standalone.tsx";
import { ChartView } from "../../../templates/report/chart_view.tsx";
import { RunReport } from "../../../templates/report/run_report.tsx";
import { chartDrawing, drawRunCharts } from "./chart_drawing.ts";
import { allCharts, type RunCharts, runCharts } from "./run_charts.ts";
import { runReportView } from "./run_report_view.ts";

export interface Plot {
  /** File name under `plots/`, e.g. `latency.svg`. */
  name: string;
  svg: string;
}

/** The full HTML document, from `<!doctype html>` on; pass `charts` to reuse ones already computed. */
export function renderRunReport(result: RunResult, charts: RunCharts = runCharts(result)): string {
  const page = <RunReport view={runReportView(result)} charts={drawRunCharts(charts)} />;
  return `<!doctype html>\n${renderToString(page)}\n`;
}

/** Every chart of the report as a standalone SVG file (light palette, fixed size). */
export function renderPlots(result: RunResult, charts: RunCharts = runCharts(result)): Plot[] {
  return allCharts(charts).map((spec) => ({
    name: spec.file,
    svg: standaloneSvg(<ChartView chart={chartDrawing(spec)} />),
  }));
}
