/** Number formats shared by the text summary, progress lines and threshold lines. */

/** Milliseconds with precision that shrinks as the value grows: 0.412, 4.12, 41.2, 412. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs === 0) return "0";
  if (abs < 1) return ms.toFixed(3);
  if (abs < 10) return ms.toFixed(2);
  if (abs < 100) return ms.toFixed(1);
  return Math.round(ms).toString();
}

/** A fraction as a percentage: 0.0123 -> "1.23%", tiny non-zero values as "<0.01%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${pct === 0 ? "0" : pct < 0.01 ? "<0.01" : pct.toFixed(2)}%`;
}

/** One decimal, without a trailing ".0" or a "-0" (SVG coordinates). */
export function round1(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}
