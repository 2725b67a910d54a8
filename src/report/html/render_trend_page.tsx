/** The trend page and its plots as text (see templates/trend/trend_page.tsx); pure. */
import { renderToString } from "preact-render-to-string";
import type { ScenarioTrend, TrendScenarioView } from "../../model/trend.ts";
import { standaloneSvg } from "../../../templates/chart/standalone.tsx";
import { ChartView } from "../../../templates/report/chart_view.tsx";
import { TrendPage } from "../../../templates/trend/trend_page.tsx";
import { latestChange } from "../trend.ts";
import { chartDrawing, drawScenarioCharts } from "./chart_drawing.ts";
import type { Plot } from "./render_run_report.tsx";
import { type ScenarioCharts, trendCharts } from "./trend_charts.ts";

/** Each scenario with its charts drawn and the latest run's change. */
function scenarioViews(
  trends: readonly ScenarioTrend[],
  charts: readonly ScenarioCharts[],
): TrendScenarioView[] {
  return trends.map((trend, i) => ({
    trend,
    charts: drawScenarioCharts(charts[i]!),
    latest: latestChange(trend),
  }));
}

export function renderTrendPage(
  trends: readonly ScenarioTrend[],
  source: string,
  charts: readonly ScenarioCharts[] = trendCharts(trends),
): string {
  const page = <TrendPage scenarios={scenarioViews(trends, charts)} source={source} />;
  return `<!doctype html>\n${renderToString(page)}\n`;
}

/** Each trend chart as a standalone SVG file, for `reports/plots/`. */
export function renderTrendPlots(charts: readonly ScenarioCharts[]): Plot[] {
  return charts.flatMap((c) => [c.p95, c.rps, c.errors]).map((spec) => ({
    name: spec.file,
    svg: standaloneSvg(<ChartView chart={chartDrawing(spec)} />),
  }));
}
