/**
 * SVG path `d` strings from points. Coordinates are rounded to one decimal (a tenth of a pixel is
 * invisible, and the digits saved keep a 24 h report small). A point whose x or y is undefined or NaN
 * is a gap: the line stops there and starts again at the next defined point.
 */
import { round1 } from "../../format/format.ts";
import type { Scale } from "./scales.ts";

export { round1 };

/** A data or pixel point; `y` undefined (or NaN) marks a gap. */
export interface Point {
  readonly x: number;
  readonly y: number | undefined;
}

/** A point known to have a value. */
export interface DefinedPoint {
  readonly x: number;
  readonly y: number;
}

export function isDefined(point: Point): point is DefinedPoint {
  return Number.isFinite(point.x) && point.y !== undefined && Number.isFinite(point.y);
}

/** Data points -> pixel points through two scales; gaps stay gaps. */
export function project(points: readonly Point[], x: Scale, y: Scale): Point[] {
  return points.map((
    p,
  ) => (isDefined(p) ? { x: x.map(p.x), y: y.map(p.y) } : { x: x.map(p.x), y: undefined }));
}

/** The runs of consecutive defined points, split at gaps. */
export function segments(points: readonly Point[]): DefinedPoint[][] {
  const runs: DefinedPoint[][] = [];
  let current: DefinedPoint[] = [];
  for (const p of points) {
    if (isDefined(p)) {
      current.push(p);
    } else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

const pair = (p: DefinedPoint) => `${round1(p.x)},${round1(p.y)}`;

/** "L" commands through a run, skipping points that round onto the previous one. */
function lineTo(run: readonly DefinedPoint[]): string {
  let d = "";
  let previous = pair(run[0]!);
  for (let i = 1; i < run.length; i++) {
    const next = pair(run[i]!);
    if (next !== previous) d += `L${next}`;
    previous = next;
  }
  return d;
}

/**
 * A polyline. A run of a single point becomes a zero-length stroke ("h0"), which a round line cap
 * draws as a dot, so an isolated value between two gaps is still seen.
 */
export function linePath(points: readonly Point[]): string {
  return segments(points).map((run) => {
    const body = lineTo(run);
    return `M${pair(run[0]!)}${body === "" ? "h0" : body}`;
  }).join("");
}

/** An area under each run, closed down to the pixel `baselineY` (the y of zero, usually). */
export function areaPath(points: readonly Point[], baselineY: number): string {
  const base = round1(baselineY);
  return segments(points).map((run) => {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    return `M${round1(first.x)},${base}L${pair(first)}${lineTo(run)}L${round1(last.x)},${base}Z`;
  }).join("");
}

/**
 * A step line. `after`: each value holds from its x until the next point's x (a level set at x);
 * `before`: each value holds from the previous point's x up to its own (an interval ending at x, as
 * timeline points do).
 */
export function stepPath(points: readonly Point[], mode: "after" | "before" = "after"): string {
  return segments(points).map((run) => {
    let d = `M${pair(run[0]!)}`;
    for (let i = 1; i < run.length; i++) {
      const x = round1(run[i]!.x);
      const y = round1(run[i]!.y);
      // An unchanged level needs only the horizontal move.
      if (y === round1(run[i - 1]!.y)) d += `H${x}`;
      else d += mode === "after" ? `H${x}V${y}` : `V${y}H${x}`;
    }
    return run.length === 1 ? `${d}h0` : d;
  }).join("");
}
