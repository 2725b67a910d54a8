/** Horizontal bars for categories (status codes, error kinds): label, bar, count. */
import { barChartGeometry, type BarGeometry, type BarInput } from "../../src/report/chart/bar_chart.ts";
import { describeCategories } from "../../src/report/chart/describe.ts";
import type { ValueKind } from "../../src/report/chart/format.ts";
import { safeId } from "../../src/report/chart/layout.ts";
import { round1 as r } from "../../src/format/format.ts";
import { ChartFrame, EmptyState, XAxis } from "./parts.tsx";

export interface BarChartProps {
  /** Prefix of every id in the SVG; unique on the page. */
  id: string;
  title: string;
  /** Overrides the generated description (each category with its count, and the total). */
  desc?: string;
  /** From `statusCodeBars`, `errorKindBars`, or built by hand. */
  bars: readonly BarInput[];
  kind?: ValueKind;
  /** Unit words for the description's total, e.g. "responses". */
  unit?: string;
  width?: number;
  rowHeight?: number;
}

function Bar(props: { bar: BarGeometry; labelX: number }) {
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

export function BarChart(props: BarChartProps) {
  const prefix = safeId(props.id);
  const g = barChartGeometry({
    width: props.width ?? 720,
    bars: props.bars,
    kind: props.kind,
    rowHeight: props.rowHeight,
  });
  const desc = props.desc ?? describeCategories(props.bars, props.unit);
  return (
    <ChartFrame prefix={prefix} title={props.title} desc={desc} width={g.width} height={g.height}>
      <XAxis axis={g.x} plot={g.plot} />
      <line class="axis-line" x1={r(g.plot.x)} x2={r(g.plot.x)} y1={r(g.plot.y)} y2={r(g.plot.bottom)} />
      {g.empty
        ? <EmptyState plot={g.plot} />
        : g.bars.map((bar) => <Bar key={bar.label} bar={bar} labelX={g.plot.x - 6} />)}
    </ChartFrame>
  );
}
