/**
 * Vertical marker lines (a stage starts, a threshold aborted the run) at data x values, with labels
 * placed so they do not overlap: a label too close to the previous shown one is dropped, the line kept.
 */
import type { MarkerLine, Rect } from "../../model/chart_view.ts";
import { textWidth } from "./layout.ts";
import type { Scale } from "./scales.ts";

export type { MarkerLine };

export interface Marker {
  /** Data x (seconds since start on a timeline). */
  readonly x: number;
  readonly label: string;
}

/** Lines for the markers inside the x domain, sorted by x. */
export function markerLines(
  markers: readonly Marker[],
  x: Scale,
  plot: Rect,
  fontSize = 10,
): MarkerLine[] {
  const [lo, hi] = [Math.min(...x.domain), Math.max(...x.domain)];
  const inside = markers.filter((m) => Number.isFinite(m.x) && m.x >= lo && m.x <= hi).toSorted((a, b) =>
    a.x - b.x
  );
  const lines: MarkerLine[] = [];
  let freeFrom = -Infinity;
  for (const marker of inside) {
    const px = x.map(marker.x);
    const width = textWidth(marker.label, fontSize);
    const anchor = px + 3 + width > plot.right ? "end" : "start";
    const left = anchor === "start" ? px + 3 : px - 3 - width;
    const shown = marker.label !== "" && left >= freeFrom;
    if (shown) freeFrom = left + width + 6;
    lines.push({
      x: px,
      y1: plot.y,
      y2: plot.bottom,
      label: shown ? marker.label : undefined,
      labelX: anchor === "start" ? px + 3 : px - 3,
      labelY: plot.y + fontSize,
      anchor,
    });
  }
  return lines;
}
