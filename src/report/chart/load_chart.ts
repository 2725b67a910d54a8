/**
 * A chart against the offered load (x = a stress step's target: users, or arrivals per second): each
 * series a line through one dot per step, the dots of failed steps ringed, and the range from the
 * breaking point on shaded. The line chart's geometry with a value x axis instead of time.
 */
import type { LoadChartDrawing, LoadDot, LoadZone } from "../../model/chart_view.ts";
import { type Axis, type Tick, tickCount } from "./axes.ts";
import { formatCountTick, formatValue } from "./format.ts";
import { chartText, textWidth } from "./layout.ts";
import { isDefined } from "./paths.ts";
import { extent, type Interval, linearScale } from "./scales.ts";
import { type XyChartGeometry, xyChartGeometry, type XyChartInput } from "./xy_chart.ts";

export interface LoadChartInput extends XyChartInput {
  /** Appended to the x tick labels: "/s" for arrival rates, "" for users. */
  readonly xSuffix?: string;
  /** Loads whose step failed: their dots are ringed. */
  readonly failed?: readonly number[];
  /** Shade the steps from this load on (the breaking point), with `zoneLabel` above them. */
  readonly failedFrom?: number;
  readonly zoneLabel?: string;
}

export interface LoadChartGeometry extends XyChartGeometry {
  readonly dots: readonly LoadDot[];
  readonly zone?: LoadZone;
}

/** The distinct loads of every series, ascending. */
function loadsOf(input: XyChartInput): number[] {
  const xs = input.series.flatMap((s) => s.points.filter(isDefined).map((p) => p.x));
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** The loads' extent, padded by half a step each side so no dot sits on the frame. */
function loadDomain(loads: readonly number[]): Interval {
  const [lo, hi] = extent(loads) ?? [0, 1];
  const pad = loads.length > 1 ? (hi - lo) / (loads.length - 1) / 2 : Math.max(1, Math.abs(hi) * 0.1);
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

/** A tick per step when they fit (about 56 px each), else round values. */
function loadAxis(loads: readonly number[], range: Interval, suffix: string): Axis {
  const domain = loadDomain(loads);
  const scale = linearScale(domain, range);
  const fit = tickCount(range[1] - range[0], 56);
  const values = loads.length > 0 && loads.length <= fit
    ? loads
    : scale.ticks(Math.min(fit, 8)).filter((v) => v >= domain[0] && v <= domain[1]);
  const ticks: Tick[] = values.map((value) => ({
    value,
    position: scale.map(value),
    label: `${formatCountTick(value)}${suffix}`,
  }));
  return { scale, ticks };
}

function dotsOf(input: LoadChartInput, g: XyChartGeometry): LoadDot[] {
  const failed = new Set(input.failed ?? []);
  const suffix = input.xSuffix ?? "";
  // Dashed series are references (the offered rate), not measurements: no dots.
  return input.series.flatMap((s, index) => {
    if (s.dashed) return [];
    const right = s.axis === "right" && g.right && input.right;
    const axis = right ? g.right! : g.left;
    const kind = right ? input.right!.kind : input.left.kind;
    const unit = right ? input.right!.label : input.left.label;
    return s.points.filter(isDefined).map((p): LoadDot => ({
      x: g.x.scale.map(p.x),
      y: axis.scale.map(p.y),
      colour: s.colour ?? index,
      failed: failed.has(p.x),
      title: `${formatCountTick(p.x)}${suffix}: ${s.name} ${formatValue(kind, p.y, unit)}${
        failed.has(p.x) ? " (failed)" : ""
      }`,
    }));
  });
}

/** From halfway between the last load below `from` and `from` itself, to the plot's right edge. */
function zoneOf(input: LoadChartInput, loads: readonly number[], g: XyChartGeometry): LoadZone | undefined {
  const from = input.failedFrom;
  if (from === undefined || g.empty) return undefined;
  const below = loads.filter((l) => l < from);
  const start = below.length > 0 ? (below[below.length - 1]! + from) / 2 : g.x.scale.domain[0];
  const { plot } = g;
  const x = Math.max(plot.x, Math.min(plot.right, g.x.scale.map(start)));
  const label = input.zoneLabel;
  const fitsRight = label === undefined || x + textWidth(label, 10) <= plot.right;
  return {
    x,
    y: plot.y,
    width: plot.right - x,
    height: plot.height,
    right: plot.right,
    bottom: plot.bottom,
    label,
    labelX: fitsRight ? x : plot.right,
    labelY: plot.y - 8,
    anchor: fitsRight ? "start" : "end",
  };
}

export function loadChartGeometry(input: LoadChartInput): LoadChartGeometry {
  const loads = loadsOf(input);
  // The right margin of the line chart leaves room for a right axis; the unit labels sit above.
  const g = xyChartGeometry(input, (range) => loadAxis(loads, range, input.xSuffix ?? ""));
  return { ...g, dots: g.empty ? [] : dotsOf(input, g), zone: zoneOf(input, loads, g) };
}

/** "req/s: 95 at 100/s, 192.5 at 200/s; p95: 11.6 ms at 100/s, …; failed from 300/s." */
export function describeLoadChart(input: LoadChartInput): string {
  const suffix = input.xSuffix ?? "";
  const parts = input.series.map((s) => {
    const right = s.axis === "right" && input.right;
    const kind = right ? input.right!.kind : input.left.kind;
    const unit = right ? input.right!.label : input.left.label;
    const values = s.points.filter(isDefined).map((p) =>
      `${formatValue(kind, p.y, unit)} at ${formatCountTick(p.x)}${suffix}`
    );
    return `${s.name}: ${values.length > 0 ? values.join(", ") : "no data"}`;
  });
  const failed = input.failedFrom === undefined
    ? ""
    : `; failed from ${formatCountTick(input.failedFrom)}${suffix}`;
  return `${parts.join("; ")}${failed}.`;
}

/** What a chart against the offered load is asked to show. */
export interface LoadChartOptions extends Omit<LoadChartInput, "width" | "height"> {
  /** Prefix of every id in the SVG; unique on the page. */
  readonly id: string;
  readonly title: string;
  /** Overrides the generated description (each series' value at each load). */
  readonly desc?: string;
  readonly width?: number;
  readonly height?: number;
}

/** The load chart ready to draw (720 × 260 px by default). */
export function loadChartDrawing(options: LoadChartOptions): LoadChartDrawing {
  const input: LoadChartInput = { ...options, width: options.width ?? 720, height: options.height ?? 260 };
  const desc = options.desc ?? describeLoadChart(input);
  return { kind: "load", ...chartText(options.id, options.title, desc), geometry: loadChartGeometry(input) };
}
