/**
 * A chart against the offered load (a stress run's steps): lines through one dot per step, failed
 * steps ringed, the range from the breaking point shaded and labelled.
 */
import { safeId } from "../../src/report/chart/layout.ts";
import {
  describeLoadChart,
  loadChartGeometry,
  type LoadChartInput,
  type LoadDot,
  type LoadZone,
} from "../../src/report/chart/load_chart.ts";
import { round1 as r } from "../../src/format/format.ts";
import { ChartFrame, seriesClass } from "./parts.tsx";
import { XyPlot } from "./xy_plot.tsx";

export interface LoadChartProps extends Omit<LoadChartInput, "width" | "height"> {
  /** Prefix of every id in the SVG; unique on the page. */
  id: string;
  title: string;
  /** Overrides the generated description (each series' value at each load). */
  desc?: string;
  width?: number;
  height?: number;
}

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

export function LoadChart(props: LoadChartProps) {
  const prefix = safeId(props.id);
  const input: LoadChartInput = { ...props, width: props.width ?? 720, height: props.height ?? 260 };
  const g = loadChartGeometry(input);
  return (
    <ChartFrame
      prefix={prefix}
      title={props.title}
      desc={props.desc ?? describeLoadChart(input)}
      width={g.width}
      height={g.height}
    >
      {g.zone && <Zone zone={g.zone} />}
      <XyPlot geometry={g} prefix={prefix} />
      <Dots dots={g.dots} />
    </ChartFrame>
  );
}
