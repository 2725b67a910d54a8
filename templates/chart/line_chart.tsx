/**
 * A chart over the run's time (x = seconds since start): several named series, a left axis and an
 * optional right one with another unit, optional stage markers, optional area under the first series.
 */
import { type DescribedSeries, describeTimeChart } from "../../src/report/chart/describe.ts";
import type { ValueKind } from "../../src/report/chart/format.ts";
import { safeId } from "../../src/report/chart/layout.ts";
import type { Marker } from "../../src/report/chart/markers.ts";
import type { Interval } from "../../src/report/chart/scales.ts";
import { dateChartGeometry, type SeriesInput, timeChartGeometry } from "../../src/report/chart/xy_chart.ts";
import { XyChart } from "./xy_plot.tsx";

export interface LineChartProps {
  /** Prefix of every id in the SVG; unique on the page. */
  id: string;
  title: string;
  /** Overrides the generated description (which says where each series starts, ends and peaks). */
  desc?: string;
  series: readonly SeriesInput[];
  /** The left axis: how values read (default ms) and the unit shown above it (default "ms" for ms). */
  yKind?: ValueKind;
  yLabel?: string;
  /** A ceiling for the left axis: larger values run off the top of the plot. */
  yMax?: number;
  /** A right axis for series with `axis: "right"`, e.g. users beside latency. */
  right?: { kind: ValueKind; label?: string };
  markers?: readonly Marker[];
  /** Fill under the first series. */
  area?: boolean;
  /** Show the legend for a single series too. */
  legend?: boolean;
  /** x extent in seconds (default: 0 to the last point). */
  xDomain?: Interval;
  /** `elapsed` (default): x is seconds since the run started; `date`: x is epoch seconds (trend pages). */
  xAxis?: "elapsed" | "date";
  width?: number;
  height?: number;
  maxPoints?: number;
}

function leftAxis(props: LineChartProps): { kind: ValueKind; label?: string; max?: number } {
  const kind = props.yKind ?? "ms";
  return { kind, label: props.yLabel ?? (kind === "ms" ? "ms" : undefined), max: props.yMax };
}

/** Each series with the kind and unit of the axis it is read against, for the description. */
function describedSeries(props: LineChartProps): DescribedSeries[] {
  const left = leftAxis(props);
  return props.series.map((s) => {
    const axis = s.axis === "right" && props.right ? props.right : left;
    return { name: s.name, points: s.points, kind: axis.kind, unit: axis.label };
  });
}

export function LineChart(props: LineChartProps) {
  const prefix = safeId(props.id);
  const input = {
    width: props.width ?? 720,
    height: props.height ?? 260,
    series: props.series,
    left: leftAxis(props),
    right: props.right,
    markers: props.markers,
    area: props.area,
    legend: props.legend,
    maxPoints: props.maxPoints,
  };
  const geometry = props.xAxis === "date"
    ? dateChartGeometry(input)
    : timeChartGeometry({ ...input, xDomain: props.xDomain });
  const [start, end] = geometry.x.scale.domain;
  const desc = props.desc ?? describeTimeChart(describedSeries(props), end - start);
  return <XyChart geometry={geometry} prefix={prefix} title={props.title} desc={desc} />;
}
