/**
 * Chart geometry as finished data, shared by `src/report/chart/` (which computes it) and
 * `templates/chart/` (which only draws it): rectangles, placed ticks, legend items, marker lines,
 * series paths, bars, dots and zones, all in pixels of the chart's viewBox; and whole charts ready to
 * draw, with their ids, title and description.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** x + width. */
  readonly right: number;
  /** y + height. */
  readonly bottom: number;
}

export interface LegendItem {
  readonly label: string;
  /** Left of the swatch. */
  readonly x: number;
  /** Baseline row centre. */
  readonly y: number;
}

export interface Tick {
  readonly value: number;
  /** Pixel along the axis. */
  readonly position: number;
  readonly label: string;
}

/** What a component needs of an axis: its placed ticks and the unit shown above it. */
export interface AxisView {
  readonly ticks: readonly Tick[];
  readonly label?: string;
}

export interface MarkerLine {
  /** Pixel x of the line. */
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
  /** Undefined when the label would overlap the one before. */
  readonly label?: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Labels near the right edge are drawn leftwards of their line. */
  readonly anchor: "start" | "end";
}

export interface SeriesGeometry {
  readonly name: string;
  /** Position in the input. */
  readonly index: number;
  /** Palette index of its colour. */
  readonly colour: number;
  readonly dashed?: boolean;
  readonly d: string;
  readonly area?: string;
}

/** Everything the inside of a line or spectrum chart draws. */
export interface XyPlotView {
  readonly width: number;
  readonly height: number;
  readonly plot: Rect;
  /** No series has a single defined point: draw the frame and "no data". */
  readonly empty: boolean;
  readonly x: AxisView;
  readonly left: AxisView;
  readonly right?: AxisView;
  readonly series: readonly SeriesGeometry[];
  readonly legend: readonly (LegendItem & { readonly index: number })[];
  readonly markers: readonly MarkerLine[];
}

/** One row of a bar chart: its label column, the bar and the count after it. */
export interface BarView {
  readonly label: string;
  /** The label as drawn (shortened to fit the label column). */
  readonly shownLabel: string;
  readonly value: number;
  readonly valueLabel: string;
  readonly tone: "ok" | "warn" | "bad" | "neutral";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The row's middle, where both labels sit. */
  readonly center: number;
  /** Where the count label starts (just past the bar's end). */
  readonly valueX: number;
}

/** Everything a horizontal bar chart draws. */
export interface BarChartView {
  readonly width: number;
  readonly height: number;
  readonly plot: Rect;
  readonly empty: boolean;
  readonly x: AxisView;
  readonly bars: readonly BarView[];
}

/** A step's dot on a chart against the offered load. */
export interface LoadDot {
  readonly x: number;
  readonly y: number;
  /** Palette index, like the series' line. */
  readonly colour: number;
  readonly failed: boolean;
  /** Tooltip: the load, the series and its value. */
  readonly title: string;
}

/** The shaded range from the breaking point on, with its label. */
export interface LoadZone extends Rect {
  readonly label?: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: "start" | "end";
}

/** Everything a chart against the offered load draws: the line chart's plot, the dots and the zone. */
export interface LoadChartView extends XyPlotView {
  readonly dots: readonly LoadDot[];
  readonly zone?: LoadZone;
}

/** What frames every drawn chart: its id as given, the safe prefix of its SVG ids, title and desc. */
export interface ChartText {
  readonly id: string;
  readonly prefix: string;
  readonly title: string;
  readonly desc: string;
}

export interface XyChartDrawing extends ChartText {
  readonly kind: "xy";
  readonly geometry: XyPlotView;
}

export interface BarChartDrawing extends ChartText {
  readonly kind: "bar";
  readonly geometry: BarChartView;
}

export interface LoadChartDrawing extends ChartText {
  readonly kind: "load";
  readonly geometry: LoadChartView;
}

/** A chart ready to draw: which component draws it, and everything it draws. */
export type ChartDrawing = XyChartDrawing | BarChartDrawing | LoadChartDrawing;
