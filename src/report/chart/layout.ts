/** Where things go inside a chart's viewBox: the plot rectangle, the legend, safe element ids. */
import type { ChartText, LegendItem, Rect } from "../../model/chart_view.ts";

export type { LegendItem, Rect };

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The plot area left inside width × height once the margins are taken (never negative). */
export function plotRect(width: number, height: number, margins: Margins): Rect {
  const w = Math.max(0, width - margins.left - margins.right);
  const h = Math.max(0, height - margins.top - margins.bottom);
  return {
    x: margins.left,
    y: margins.top,
    width: w,
    height: h,
    right: margins.left + w,
    bottom: margins.top + h,
  };
}

/** A rough width for text in the chart font (no DOM to measure with): ~0.6 em per character. */
export function textWidth(text: string, fontSize = 11): number {
  return text.length * fontSize * 0.6;
}

/**
 * Legend entries laid out left to right from (x, y), wrapping to a new row when `maxWidth` is reached.
 * Each entry is a swatch (`swatch` px), a gap, the label and a gap before the next.
 */
export function legendLayout(
  labels: readonly string[],
  x: number,
  y: number,
  maxWidth: number,
  options: { swatch?: number; fontSize?: number; rowHeight?: number } = {},
): LegendItem[] {
  const swatch = options.swatch ?? 12;
  const fontSize = options.fontSize ?? 11;
  const rowHeight = options.rowHeight ?? 16;
  const items: LegendItem[] = [];
  let cursor = x;
  let row = 0;
  for (const label of labels) {
    const width = swatch + 4 + textWidth(label, fontSize) + 14;
    if (cursor > x && cursor + width > x + maxWidth) {
      cursor = x;
      row++;
    }
    items.push({ label, x: cursor, y: y + row * rowHeight });
    cursor += width;
  }
  return items;
}

/** An id safe for SVG/HTML and CSS selectors: other characters become "-"; a leading digit gets "c". */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]+/g, "-");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c${cleaned}`;
}

/** The frame of a chart drawing: `id` as given, the safe prefix of its SVG ids, title and description. */
export function chartText(id: string, title: string, desc: string): ChartText {
  return { id, prefix: safeId(id), title, desc };
}

/** The text shortened to about `maxWidth` px, with an ellipsis when cut. */
export function truncateText(text: string, maxWidth: number, fontSize = 11): string {
  const maxChars = Math.floor(maxWidth / (fontSize * 0.6));
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}
