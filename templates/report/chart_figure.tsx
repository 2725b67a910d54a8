/**
 * A chart on the page: a visible caption (the SVG's <title> is for assistive technology and tooltips)
 * above the drawing; without a spec, a sentence saying why there is no chart.
 */
import type { ChartSpec } from "../../src/report/html/run_charts.ts";
import { ChartView } from "./chart_view.tsx";

export interface ChartFigureProps {
  spec: ChartSpec | undefined;
  /** Shown instead of the chart when there is none. */
  missing?: string;
  /** A few words after the caption, e.g. how to read the chart. */
  hint?: string;
}

export function ChartFigure(props: ChartFigureProps) {
  const { spec } = props;
  if (!spec) return props.missing ? <p class="empty-note">{props.missing}</p> : null;
  return (
    <figure class="chart" data-chart={spec.props.id}>
      <figcaption>
        {spec.props.title}
        {props.hint && <span class="muted">{` · ${props.hint}`}</span>}
      </figcaption>
      <ChartView spec={spec} />
    </figure>
  );
}
