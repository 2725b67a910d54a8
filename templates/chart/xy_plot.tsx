/** The inside of a line or spectrum chart: axes, gridlines, legend, series paths, markers. */
import type { SeriesGeometry, XyChartDrawing, XyPlotView } from "../../src/model/chart_view.ts";
import { ChartFrame, EmptyState, Legend, Markers, PlotClip, seriesClass, XAxis, YAxis } from "./parts.tsx";

function SeriesPaths(props: { series: readonly SeriesGeometry[]; clip: string }) {
  return (
    <g class="series" clip-path={`url(#${props.clip})`}>
      {props.series.map((s) =>
        s.area && <path key={s.index} class={`area ${seriesClass(s.colour)}`} d={s.area} />
      )}
      {props.series.map((s) => (
        <path key={s.index} class={`line ${seriesClass(s.colour)}${s.dashed ? " dashed" : ""}`} d={s.d} />
      ))}
    </g>
  );
}

/** Draws an `XyPlotView`; `prefix` (already safe) names the clip path. */
export function XyPlot(props: { geometry: XyPlotView; prefix: string }) {
  const g = props.geometry;
  const clip = `${props.prefix}-clip`;
  return (
    <>
      <defs>
        <PlotClip id={clip} plot={g.plot} />
      </defs>
      <Legend items={g.legend} />
      <YAxis axis={g.left} plot={g.plot} side="left" />
      {g.right && <YAxis axis={g.right} plot={g.plot} side="right" />}
      <XAxis axis={g.x} plot={g.plot} />
      {g.empty ? <EmptyState plot={g.plot} /> : <SeriesPaths series={g.series} clip={clip} />}
      <Markers lines={g.markers} />
    </>
  );
}

/** A whole line or spectrum chart: the accessible frame around the plot of its geometry. */
export function XyChart(props: { drawing: XyChartDrawing }) {
  const { prefix, title, desc, geometry } = props.drawing;
  return (
    <ChartFrame prefix={prefix} title={title} desc={desc} width={geometry.width} height={geometry.height}>
      <XyPlot geometry={geometry} prefix={prefix} />
    </ChartFrame>
  );
}
