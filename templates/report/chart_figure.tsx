/**
 * A chart on the page: a visible caption (the SVG's <title> is for assistive technology and tooltips)
 * above the drawing; without a chart, a sentence saying why there is none.
 */
import type { ChartDrawing } from "../../src/model/chart_view.ts";
import { ChartView } from "./chart_view.tsx";

export interface ChartFigureProps {
  chart: ChartDrawing | undefined;
  /** Shown instead of the chart when there is none. */
  missing?: string;
  /** A few words after the caption, e.g. how to read the chart. */
  hint?: string;
}

export function ChartFigure(props: ChartFigureProps) {
  const { chart } = props;
  if (!chart) return props.missing ? <p class="empty-note">{props.missing}</p> : null;
  return (
    <figure class="chart" data-chart={chart.id}>
      <figcaption>
        {chart.title}
        {props.hint && <span class="muted">{` · ${props.hint}`}</span>}
      </figcaption>
      <ChartView chart={chart} />
    </figure>
  );
}
