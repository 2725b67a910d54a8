/**
 * A chart against the offered load (a stress run's steps): lines through one dot per step, failed
 * steps ringed, the range from the breaking point shaded and labelled.
 */
import type { LoadChartDrawing, LoadDot, LoadZone } from "../../src/model/chart_view.ts";
import { round1 as r } from "../../src/format/format.ts";
import { ChartFrame, seriesClass } from "./parts.tsx";
import { XyPlot } from "./xy_plot.tsx";

function Zone(props: { zone: LoadZone }) {
  const z = props.zone;
  return (
    <g class="zone">
      <rect class="zone-bad" x={r(z.x)} y={r(z.y)} width={r(z.width)} height={r(z.height)} />
      {z.label && (
        <text class="zone-label" x={r(z.labelX)} y={r(z.labelY)} text-anchor={z.anchor}>{z.label}</text>
      )}
    </g>
  );
}

function Dots(props: { dots: readonly LoadDot[] }) {
  return (
    <g class="dots">
      {props.dots.map((d, i) => (
        <circle
          key={i}
          class={`dot ${seriesClass(d.colour)}${d.failed ? " failed" : ""}`}
          cx={r(d.x)}
          cy={r(d.y)}
          r={d.failed ? 4.5 : 3.5}
        >
          <title>{d.title}</title>
        </circle>
      ))}
    </g>
  );
}

/** Draws a `LoadChartDrawing` (see `loadChartDrawing`). */
export function LoadChart(props: { drawing: LoadChartDrawing }) {
  const { prefix, title, desc, geometry: g } = props.drawing;
  return (
    <ChartFrame prefix={prefix} title={title} desc={desc} width={g.width} height={g.height}>
      {g.zone && <Zone zone={g.zone} />}
      <XyPlot geometry={g} prefix={prefix} />
      <Dots dots={g.dots} />
    </ChartFrame>
  );
}
