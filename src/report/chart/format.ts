/**
 * Labels for chart ticks and descriptions. Tick labels are short (the axis names the unit); value
 * labels used in words carry their unit ("12 ms", "1.5k req/s", "3%").
 */

/** How the values of an axis or series read. */
export type ValueKind = "ms" | "count" | "percent";

/** Drops float noise and needless zeros: 0.30000000000000004 -> "0.3", 2.50 -> "2.5". */
export function trimNumber(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return "";
  if (value === 0) return "0";
  return String(Number(value.toPrecision(significant)));
}

/** Milliseconds: "0.5", "1", "10", "100", then seconds from 1000 on: "1s", "2.5s", "60s". */
export function formatMsTick(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${trimNumber(ms / 1000)}s` : trimNumber(ms);
}

const COUNT_SUFFIXES: readonly [number, string][] = [[1e9, "G"], [1e6, "M"], [1e3, "k"]];

/** Counts: "950", "1.5k", "20k", "2M". */
export function formatCountTick(count: number): string {
  const abs = Math.abs(count);
  for (const [size, suffix] of COUNT_SUFFIXES) {
    if (abs >= size) return `${trimNumber(count / size)}${suffix}`;
  }
  return trimNumber(count);
}

/** A value already in percent (0-100, as `cpu_pct`): 12.5 -> "12.5%". */
export function formatPercentTick(percent: number): string {
  return `${trimNumber(percent)}%`;
}

export function formatTick(kind: ValueKind, value: number): string {
  switch (kind) {
    case "ms":
      return formatMsTick(value);
    case "count":
      return formatCountTick(value);
    case "percent":
      return formatPercentTick(value);
  }
}

/** A value with its unit, for sentences: "12 ms", "1.5 s", "1.2k req/s", "40%". */
export function formatValue(kind: ValueKind, value: number, unit = ""): string {
  if (kind === "ms") {
    return Math.abs(value) >= 1000 ? `${trimNumber(value / 1000)} s` : `${trimNumber(value)} ms`;
  }
  if (kind === "percent") return formatPercentTick(value);
  return unit === "" ? formatCountTick(value) : `${formatCountTick(value)} ${unit}`;
}

/** A percentile as a label: 0 -> "0%", 99.9 -> "99.9%", 99.99 -> "99.99%". */
export function formatPercentile(percentile: number): string {
  return `${Number(percentile.toFixed(4))}%`;
}
