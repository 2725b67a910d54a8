/**
 * A chart over the run's time (x = seconds since start) or over dates (trend pages), ready to draw:
 * several named series, a left axis and an optional right one with another unit, optional stage
 * markers, optional area under the first series, and the description that says how each series went.
 */
import type { XyChartDrawing } from "../../model/chart_view.ts";
import { type DescribedSeries, describeTimeChart } from "./describe.ts";
import type { ValueKind } from "./format.ts";
import { chartText } from "./layout.ts";
import type { Marker } from "./markers.ts";
import type { Interval } from "./scales.ts";
import { dateChartGeometry, type SeriesInput, timeChartGeometry, type YAxisInput } from "./xy_chart.ts";

/** What a line chart is asked to show. */
export interface LineChartOptions {
  /** Prefix of every id in the SVG; unique on the page. */
  readonly id: string;
  readonly title: string;
  /** Overrides the generated description (which says where each series starts, ends and peaks). */
  readonly desc?: string;
  readonly series: readonly SeriesInput[];
  /** The left axis: how values read (default ms) and the unit shown above it (default "ms" for ms). */
  readonly yKind?: ValueKind;
  readonly yLabel?: string;
  /** A ceiling for the left axis: larger values run off the top of the plot. */
  readonly yMax?: number;
  /** A right axis for series with `axis: "right"`, e.g. users beside latency. */
  readonly right?: { readonly kind: ValueKind; readonly label?: string };
  readonly markers?: readonly Marker[];
  /** Fill under the first series. */
  readonly area?: boolean;
  /** Show the legend for a single series too. */
  readonly legend?: boolean;
  /** x extent in seconds (default: 0 to the last point). */
  readonly xDomain?: Interval;
  /** `elapsed` (default): x is seconds since the run started; `date`: x is epoch seconds (trend pages). */
  readonly xAxis?: "elapsed" | "date";
  readonly width?: number;
  readonly height?: number;
  readonly maxPoints?: number;
}

function leftAxis(options: LineChartOptions): YAxisInput {
  const kind = options.yKind ?? "ms";
  return { kind, label: options.yLabel ?? (kind === "ms" ? "ms" : undefined), max: options.yMax };
}

/** Each series with the kind and unit of the axis it is read against, for the description. */
function describedSeries(options: LineChartOptions): DescribedSeries[] {
  const left = leftAxis(options);
  return options.series.map((s) => {
    const axis = s.axis === "right" && options.right ? options.right : left;
    return { name: s.name, points: s.points, kind: axis.kind, unit: axis.label };
  });
}

/** The line chart ready to draw (720 × 260 px by default). */
export function lineChartDrawing(options: LineChartOptions): XyChartDrawing {
  const input = {
    width: options.width ?? 720,
    height: options.height ?? 260,
    series: options.series,
    left: leftAxis(options),
    right: options.right,
    markers: options.markers,
    area: options.area,
    legend: options.legend,
    maxPoints: options.maxPoints,
  };
  const geometry = options.xAxis === "date"
    ? dateChartGeometry(input)
    : timeChartGeometry({ ...input, xDomain: options.xDomain });
  const [start, end] = geometry.x.scale.domain;
  const desc = options.desc ?? describeTimeChart(describedSeries(options), end - start);
  return { kind: "xy", ...chartText(options.id, options.title, desc), geometry };
}
