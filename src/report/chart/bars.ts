/**
 * Geometry for categorical bars (status codes, error kinds): equal bands along one axis with padding
 * between them, and the category list itself (sorted, the long tail folded into "other").
 */

export interface Band {
  /** Pixel where the bar starts along the band axis. */
  readonly start: number;
  /** The bar's thickness. */
  readonly size: number;
  /** Middle of the bar, where its label goes. */
  readonly center: number;
}

export interface BandOptions {
  /** Share of each step left empty between bars, 0-1. */
  readonly paddingInner?: number;
  /** Empty space before the first and after the last bar, in steps. */
  readonly paddingOuter?: number;
}

/** `count` equal bands filling [start, end], as a band scale does. */
export function bands(count: number, start: number, end: number, options: BandOptions = {}): Band[] {
  if (count <= 0) return [];
  const inner = Math.min(Math.max(options.paddingInner ?? 0.2, 0), 0.95);
  const outer = Math.max(options.paddingOuter ?? inner / 2, 0);
  const step = (end - start) / Math.max(1, count - inner + 2 * outer);
  const size = step * (1 - inner);
  const first = start + step * outer;
  return Array.from({ length: count }, (_, i) => {
    const bandStart = first + i * step;
    return { start: bandStart, size, center: bandStart + size / 2 };
  });
}

export interface Category {
  readonly label: string;
  readonly value: number;
}

export interface CategoryOptions {
  /** `count`: largest first (error kinds); `label`: in label order (status codes: 200, 201, 500). */
  readonly sort?: "count" | "label";
  /** Keep at most this many bars; the rest are summed into one "other" bar. */
  readonly limit?: number;
  readonly otherLabel?: string;
}

const byLabel = (a: Category, b: Category) => a.label.localeCompare(b.label, "en", { numeric: true });
const byCount = (a: Category, b: Category) => b.value - a.value || byLabel(a, b);

/** A counts record as bars, sorted, zero counts dropped, the tail past `limit` folded into "other". */
export function categoriesOf(
  counts: Readonly<Record<string, number>>,
  options: CategoryOptions = {},
): Category[] {
  const all = Object.entries(counts)
    .filter(([, value]) => value > 0)
    .map(([label, value]) => ({ label, value }));
  const limit = options.limit ?? Infinity;
  if (all.length <= limit) return all.toSorted(options.sort === "label" ? byLabel : byCount);
  const largest = all.toSorted(byCount);
  const kept = largest.slice(0, Math.max(0, limit - 1));
  const other = largest.slice(kept.length).reduce((sum, c) => sum + c.value, 0);
  const sorted = options.sort === "label" ? kept.toSorted(byLabel) : kept;
  return [...sorted, { label: options.otherLabel ?? "other", value: other }];
}

/** How a status code reads: 2xx/3xx fine, 4xx a client problem, 5xx a server one, others unknown. */
export function statusTone(code: string): "ok" | "warn" | "bad" | "neutral" {
  const n = Number(code);
  if (!Number.isInteger(n)) return "neutral";
  if (n >= 200 && n < 400) return "ok";
  if (n >= 400 && n < 500) return "warn";
  return n >= 500 && n < 600 ? "bad" : "neutral";
}
