/** The trend page and its plots as text (see templates/trend/trend_page.tsx); pure. */
import { renderToString } from "preact-render-to-string";
import { standaloneSvg } from "../../../templates/chart/standalone.tsx";
import { ChartView } from "../../../templates/report/chart_view.tsx";
import { TrendPage } from "../../../templates/trend/trend_page.tsx";
import type { ScenarioTrend } from "../trend.ts";
import type { Plot } from "./render_run_report.tsx";
import { type ScenarioCharts, trendCharts } from "./trend_charts.ts";

export function renderTrendPage(
  trends: readonly ScenarioTrend[],
  source: string,
  charts: readonly ScenarioCharts[] = trendCharts(trends),
): string {
  return `<!doctype html>\n${
    renderToString(<TrendPage trends={trends} charts={charts} source={source} />)
  }\n`;
}

/** Each trend chart as a standalone SVG file, for `reports/plots/`. */
export function renderTrendPlots(charts: readonly ScenarioCharts[]): Plot[] {
  return charts.flatMap((c) => [c.p95, c.rps, c.errors]).map((spec) => ({
    name: spec.file,
    svg: standaloneSvg(<ChartView spec={spec} />),
  }));
}
