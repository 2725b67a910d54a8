/**
 * Everything a horizontal bar chart draws: one row per category (label on the left, count at the bar's
 * end), the value axis along the bottom. The height follows the number of rows, so ten error kinds
 * get a taller chart than two status codes.
 */
import type { BarChartDrawing, BarChartView, BarView } from "../../model/chart_view.ts";
import { type Axis, tickCount, valueAxis } from "./axes.ts";
import { type Band, bands, categoriesOf, type Category, statusTone } from "./bars.ts";
import { describeCategories } from "./describe.ts";
import { formatCountTick, type ValueKind } from "./format.ts";
import { chartText, plotRect, type Rect, textWidth, truncateText } from "./layout.ts";

export interface BarInput extends Category {
  /** A CSS tone for the bar (status codes: ok, warn, bad); default neutral. */
  readonly tone?: "ok" | "warn" | "bad" | "neutral";
}

export interface BarChartInput {
  readonly width: number;
  readonly bars: readonly BarInput[];
  readonly kind?: ValueKind;
  /** Height of one row in px. */
  readonly rowHeight?: number;
}

export interface BarChartGeometry extends BarChartView {
  readonly x: Axis;
}

const MAX_LABEL_WIDTH = 160;

/** The label column: as wide as the longest label, within limits. */
function labelColumn(bars: readonly BarInput[]): number {
  const longest = Math.max(0, ...bars.map((b) => textWidth(b.label)));
  return Math.min(MAX_LABEL_WIDTH, Math.max(32, Math.ceil(longest) + 12));
}

function placeBar(bar: BarInput, band: Band, x: Axis, plot: Rect, labelWidth: number): BarView {
  const end = x.scale.map(bar.value);
  return {
    label: bar.label,
    shownLabel: truncateText(bar.label, labelWidth - 10),
    value: bar.value,
    valueLabel: formatCountTick(bar.value),
    tone: bar.tone ?? "neutral",
    x: plot.x,
    y: band.start,
    width: Math.max(0, end - plot.x),
    height: band.size,
    center: band.center,
    valueX: end + 4,
  };
}

export function barChartGeometry(input: BarChartInput): BarChartGeometry {
  const rowHeight = input.rowHeight ?? 22;
  const rows = Math.max(1, input.bars.length);
  const labelWidth = labelColumn(input.bars);
  // The right margin leaves room for the count printed after the longest bar.
  const margins = { top: 8, right: 48, bottom: 24, left: labelWidth };
  const height = margins.top + margins.bottom + rows * rowHeight;
  const plot = plotRect(input.width, height, margins);
  const x = valueAxis(
    input.bars.map((b) => b.value),
    input.kind ?? "count",
    [plot.x, plot.right],
    tickCount(plot.width, 80),
  );
  const rowBands = bands(input.bars.length, plot.y, plot.bottom, { paddingInner: 0.25 });
  return {
    width: input.width,
    height,
    plot,
    empty: input.bars.length === 0,
    // No bars: no made-up scale under "no data".
    x: input.bars.length === 0 ? { ...x, ticks: [] } : x,
    bars: input.bars.map((bar, i) => placeBar(bar, rowBands[i]!, x, plot, labelWidth)),
  };
}

/** What a bar chart is asked to show. */
export interface BarChartOptions {
  /** Prefix of every id in the SVG; unique on the page. */
  readonly id: string;
  readonly title: string;
  /** Overrides the generated description (each category with its count, and the total). */
  readonly desc?: string;
  /** From `statusCodeBars`, `errorKindBars`, or built by hand. */
  readonly bars: readonly BarInput[];
  readonly kind?: ValueKind;
  /** Unit words for the description's total, e.g. "responses". */
  readonly unit?: string;
  readonly width?: number;
  readonly rowHeight?: number;
}

/** The bar chart ready to draw: its geometry (720 px wide by default) and its description. */
export function barChartDrawing(options: BarChartOptions): BarChartDrawing {
  const geometry = barChartGeometry({
    width: options.width ?? 720,
    bars: options.bars,
    kind: options.kind,
    rowHeight: options.rowHeight,
  });
  const desc = options.desc ?? describeCategories(options.bars, options.unit);
  return { kind: "bar", ...chartText(options.id, options.title, desc), geometry };
}

/** Status codes as bars in code order, coloured by class (2xx/3xx ok, 4xx warn, 5xx bad). */
export function statusCodeBars(counts: Readonly<Record<string, number>>): BarInput[] {
  return categoriesOf(counts, { sort: "label" }).map((c) => ({ ...c, tone: statusTone(c.label) }));
}

/** Error kinds as bars, most frequent first, the tail past `limit` folded into "other". */
export function errorKindBars(counts: Readonly<Record<string, number>>, limit = 10): BarInput[] {
  return categoriesOf(counts, { sort: "count", limit }).map((c) => ({ ...c, tone: "bad" }));
}
