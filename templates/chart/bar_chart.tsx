/** Horizontal bars for categories (status codes, error kinds): label, bar, count. */
import type { BarChartDrawing, BarView } from "../../src/model/chart_view.ts";
import { round1 as r } from "../../src/format/format.ts";
import { ChartFrame, EmptyState, XAxis } from "./parts.tsx";

function Bar(props: { bar: BarView; labelX: number }) {
  const b = props.bar;
  return (
    <g class="bar-row">
      <text class="tick-label" x={r(props.labelX)} y={r(b.center + 3.5)} text-anchor="end">
        {b.shownLabel}
      </text>
      <rect class={`bar tone-${b.tone}`} x={r(b.x)} y={r(b.y)} width={r(b.width)} height={r(b.height)}>
        <title>{`${b.label}: ${b.value}`}</title>
      </rect>
      <text class="bar-value" x={r(b.valueX)} y={r(b.center + 3.5)}>{b.valueLabel}</text>
    </g>
  );
}

/** Draws a `BarChartDrawing` (see `barChartDrawing`). */
export function BarChart(props: { drawing: BarChartDrawing }) {
  const { prefix, title, desc, geometry: g } = props.drawing;
  return (
    <ChartFrame prefix={prefix} title={title} desc={desc} width={g.width} height={g.height}>
      <XAxis axis={g.x} plot={g.plot} />
      <line class="axis-line" x1={r(g.plot.x)} x2={r(g.plot.x)} y1={r(g.plot.y)} y2={r(g.plot.bottom)} />
      {g.empty
        ? <EmptyState plot={g.plot} />
        : g.bars.map((bar) => <Bar key={bar.label} bar={bar} labelX={g.plot.x - 6} />)}
    </ChartFrame>
  );
}
