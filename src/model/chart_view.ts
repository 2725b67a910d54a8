/**
 * Chart geometry as finished data, shared by `src/report/chart/` (which computes it) and
 * `templates/chart/` (which only draws it): rectangles, placed ticks, legend items, marker lines and
 * series paths, all in pixels of the chart's viewBox.
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
