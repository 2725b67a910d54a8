/** Draws one chart of the report, inline on the page or (via standaloneSvg) as a file. */
import type { ChartDrawing } from "../../src/model/chart_view.ts";
import { BarChart } from "../chart/bar_chart.tsx";
import { LoadChart } from "../chart/load_chart.tsx";
import { XyChart } from "../chart/xy_plot.tsx";

export function ChartView(props: { chart: ChartDrawing }) {
  const { chart } = props;
  switch (chart.kind) {
    case "xy":
      return <XyChart drawing={chart} />;
    case "bar":
      return <BarChart drawing={chart} />;
    case "load":
      return <LoadChart drawing={chart} />;
  }
}
