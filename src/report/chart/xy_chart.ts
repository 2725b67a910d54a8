/**
 * Everything a line chart draws, computed here so the component only turns it into SVG elements:
 * the plot rectangle, axes with placed ticks, one path per series (downsampled to the plot's width),
 * the legend and the marker lines. Time charts and the percentile spectrum share it; only their
 * x axis differs.
 */
import type { SeriesGeometry } from "../../model/chart_view.ts";
import { type Axis, dateAxis, spectrumAxis, tickCount, timeAxis, valueAxis } from "./axes.ts";
import { downsample } from "./downsample.ts";
import type { ValueKind } from "./format.ts";
import { type LegendItem, legendLayout, plotRect, type Rect } from "./layout.ts";
import { type Marker, type MarkerLine, markerLines } from "./markers.ts";
import { areaPath, isDefined, linePath, type Point, project, stepPath } from "./paths.ts";
import { extent, type Interval } from "./scales.ts";
import { MAX_SPECTRUM_PERCENTILE, type SpectrumPoint } from "./spectrum.ts";

export interface SeriesInput {
  readonly name: string;
  readonly points: readonly Point[];
  /** Which y axis the series is read against (default left). */
  readonly axis?: "left" | "right";
  /**
   * Draw as steps (see `stepPath`): `after` for a level sampled at each x (users: it holds from its
   * sample until the next one), `before` for a value that covers the interval ending at its x.
   */
  readonly step?: "after" | "before";
  /** A dashed line: a fitted trend or a reference level rather than measurements. */
  readonly dashed?: boolean;
  /** Palette index of the colour (default: the series' position), e.g. a trend drawn like its data. */
  readonly colour?: number;
  /** `false` leaves the series out of the legend (a trend line beside the series it fits). */
  readonly legend?: boolean;
}

export interface YAxisInput {
  readonly kind: ValueKind;
  /** Unit shown above the axis, e.g. "ms", "req/s". */
  readonly label?: string;
  /** A ceiling for the axis: larger values run off the top of the plot (clipped) instead of flattening the rest. */
  readonly max?: number;
}

export interface XyChartInput {
  readonly width: number;
  readonly height: number;
  readonly series: readonly SeriesInput[];
  readonly left: YAxisInput;
  readonly right?: YAxisInput;
  readonly markers?: readonly Marker[];
  /** Fill the area under the first series. */
  readonly area?: boolean;
  /** Show the legend even for one series (it is shown for two and more). */
  readonly legend?: boolean;
  /** Points per series after downsampling (default: one per plot pixel). */
  readonly maxPoints?: number;
}

export interface XyChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: Rect;
  /** No series has a single defined point: draw the frame and "no data". */
  readonly empty: boolean;
  readonly x: Axis;
  readonly left: Axis & { readonly label?: string };
  readonly right?: Axis & { readonly label?: string };
  readonly series: readonly SeriesGeometry[];
  readonly legend: readonly (LegendItem & { readonly index: number })[];
  readonly markers: readonly MarkerLine[];
}

export type { SeriesGeometry };

const LEGEND_ROW = 16;
const LEGEND_TOP = 12;

const colourOf = (s: SeriesInput, index: number) => s.colour ?? index;

/** Legend items; `index` is the palette index of the colour. */
function legendFor(input: XyChartInput, marginLeft: number): (LegendItem & { index: number })[] {
  const shown = input.series.map((s, i) => ({ s, colour: colourOf(s, i) })).filter((e) =>
    e.s.legend !== false
  );
  if (shown.length < 2 && !input.legend) return [];
  const labels = shown.map((e) => e.s.name);
  const items = legendLayout(labels, marginLeft, LEGEND_TOP, input.width - marginLeft - 16, {
    rowHeight: LEGEND_ROW,
  });
  return items.map((item, i) => ({ ...item, index: shown[i]!.colour }));
}

function yValues(series: readonly SeriesInput[], axis: "left" | "right", max = Infinity): number[] {
  return series.filter((s) => (s.axis ?? "left") === axis).flatMap((s) =>
    s.points.filter(isDefined).map((p) => Math.min(p.y, max))
  );
}

function seriesPaths(input: XyChartInput, x: Axis, left: Axis, right: Axis | undefined, plot: Rect) {
  const maxPoints = input.maxPoints ?? Math.max(50, Math.round(plot.width));
  return input.series.map((s, index): SeriesGeometry => {
    const y = s.axis === "right" && right ? right : left;
    const pixels = project(downsample(s.points, maxPoints), x.scale, y.scale);
    const d = s.step ? stepPath(pixels, s.step) : linePath(pixels);
    const baseline = Math.min(plot.bottom, y.scale.map(0));
    const area = input.area && index === 0 ? areaPath(pixels, baseline) : undefined;
    return { name: s.name, index, colour: colourOf(s, index), dashed: s.dashed, d, area };
  });
}

/** An axis without ticks: an empty chart shows its frame and "no data", not a made-up scale. */
const withoutTicks = <A extends Axis>(axis: A): A => ({ ...axis, ticks: [] });

/** The geometry of a chart whose x axis `xAxisFor` builds once the plot's pixel range is known. */
export function xyChartGeometry(input: XyChartInput, xAxisFor: (range: Interval) => Axis): XyChartGeometry {
  const marginLeft = 48;
  const legend = legendFor(input, marginLeft);
  const legendRows = legend.length === 0
    ? 0
    : (Math.max(...legend.map((l) => l.y)) - LEGEND_TOP) / LEGEND_ROW + 1;
  // Room for the unit labels above the plot and the legend rows above them; on the right, room for
  // the right axis labels or half of the last x tick label ("99.99%").
  const top = 22 + legendRows * LEGEND_ROW;
  const margins = { top, right: input.right ? 48 : 36, bottom: 28, left: marginLeft };
  const plot = plotRect(input.width, input.height, margins);
  const yCount = tickCount(plot.height, 40);
  const leftValues = yValues(input.series, "left", input.left.max);
  const left = valueAxis(leftValues, input.left.kind, [plot.bottom, plot.y], yCount);
  const right = input.right
    ? valueAxis(
      yValues(input.series, "right", input.right.max),
      input.right.kind,
      [plot.bottom, plot.y],
      yCount,
    )
    : undefined;
  const x = xAxisFor([plot.x, plot.right]);
  const empty = !input.series.some((s) => s.points.some(isDefined));
  const show = empty ? withoutTicks : <A extends Axis>(axis: A) => axis;
  return {
    width: input.width,
    height: input.height,
    plot,
    empty,
    x: show(x),
    left: show({ ...left, label: input.left.label }),
    right: right && show({ ...right, label: input.right?.label }),
    series: empty ? [] : seriesPaths(input, x, left, right, plot),
    legend,
    markers: empty ? [] : markerLines(input.markers ?? [], x.scale, plot),
  };
}

/** The largest x of any defined point (0 when none). */
function lastX(series: readonly SeriesInput[]): number {
  return Math.max(0, extent(series.flatMap((s) => s.points.filter(isDefined).map((p) => p.x)))?.[1] ?? 0);
}

/** A chart over time: x in seconds since start, from 0 to the last point unless `xDomain` is given. */
export function timeChartGeometry(input: XyChartInput & { readonly xDomain?: Interval }): XyChartGeometry {
  const domain: Interval = input.xDomain ?? [0, Math.max(1, lastX(input.series))];
  return xyChartGeometry(input, (range) => timeAxis(domain, range, tickCount(range[1] - range[0], 90)));
}

/** A chart over dates: x in epoch seconds (UTC), over the points' own extent. */
export function dateChartGeometry(input: XyChartInput): XyChartGeometry {
  const xs = input.series.flatMap((s) => s.points.filter(isDefined).map((p) => p.x));
  const domain = extent(xs) ?? [0, 1];
  return xyChartGeometry(input, (range) => dateAxis(domain, range, tickCount(range[1] - range[0], 110)));
}

export interface SpectrumSeriesInput {
  readonly name: string;
  readonly points: readonly SpectrumPoint[];
}

/** The percentile spectrum: log x from 0% to p99.99, latency in ms up the y axis. */
export function spectrumChartGeometry(
  input: Omit<XyChartInput, "series" | "left" | "right" | "markers"> & {
    readonly series: readonly SpectrumSeriesInput[];
  },
): XyChartGeometry {
  const series = input.series.map((s) => ({
    name: s.name,
    points: s.points.map((p) => ({ x: p.x, y: p.ms })),
  }));
  return xyChartGeometry(
    { ...input, series, left: { kind: "ms", label: "ms" } },
    (range) => spectrumAxis(MAX_SPECTRUM_PERCENTILE, range),
  );
}
