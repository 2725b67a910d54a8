/**
 * Chart specs turned into drawings: the geometry, ids and descriptions the components draw, computed
 * here so `templates/` only turns them into SVG elements.
 */
import type { ChartDrawing } from "../../model/chart_view.ts";
import type { DrawnRunCharts, DrawnScenarioCharts, RunChartSet } from "../../model/report_view.ts";
import { barChartDrawing } from "../chart/bar_chart.ts";
import { lineChartDrawing } from "../chart/line_chart.ts";
import { loadChartDrawing } from "../chart/load_chart.ts";
import { spectrumChartDrawing } from "../chart/spectrum_chart.ts";
import type { ChartSpec, RunCharts } from "./run_charts.ts";
import type { ScenarioCharts } from "./trend_charts.ts";

export function chartDrawing(spec: ChartSpec): ChartDrawing {
  switch (spec.kind) {
    case "line":
      return lineChartDrawing(spec.props);
    case "spectrum":
      return spectrumChartDrawing(spec.props);
    case "bar":
      return barChartDrawing(spec.props);
    case "load":
      return loadChartDrawing(spec.props);
  }
}

type SingleCharts<C> = Omit<RunChartSet<C>, "monitors" | "endpoints">;

/** Every chart of the set drawn, under the same names; monitors and endpoints keep their order. */
export function drawRunCharts(charts: RunCharts): DrawnRunCharts {
  const { monitors, endpoints, ...single } = charts;
  const drawn = Object.fromEntries(
    Object.entries(single).map(([name, spec]) => [name, spec && chartDrawing(spec)]),
  ) as SingleCharts<ChartDrawing>;
  return {
    ...drawn,
    monitors: monitors.map((m) => ({ ...m, charts: m.charts.map(chartDrawing) })),
    endpoints: endpoints.map((spec) => spec && chartDrawing(spec)),
  };
}

export function drawScenarioCharts(charts: ScenarioCharts): DrawnScenarioCharts {
  return {
    p95: chartDrawing(charts.p95),
    rps: chartDrawing(charts.rps),
    errors: chartDrawing(charts.errors),
  };
}
