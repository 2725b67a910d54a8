/** Draws one chart of the report from its spec, inline on the page or (via standaloneSvg) as a file. */
import type { ChartSpec } from "../../src/report/html/run_charts.ts";
import { BarChart } from "../chart/bar_chart.tsx";
import { LineChart } from "../chart/line_chart.tsx";
import { LoadChart } from "../chart/load_chart.tsx";
import { SpectrumChart } from "../chart/spectrum_chart.tsx";

export function ChartView(props: { spec: ChartSpec }) {
  const { spec } = props;
  switch (spec.kind) {
    case "line":
      return <LineChart {...spec.props} />;
    case "spectrum":
      return <SpectrumChart {...spec.props} />;
    case "bar":
      return <BarChart {...spec.props} />;
    case "load":
      return <LoadChart {...spec.props} />;
  }
}
