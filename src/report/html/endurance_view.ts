/**
 * An endurance analysis in words and numbers for the report: one row per drifting (or stable) series,
 * the consistency of response times as figure cards, and the error rate per period.
 */
import type { Consistency, EnduranceAnalysis, EndurancePeriod } from "../../model/analysis.ts";
import type { DriftResult } from "../../model/analysis.ts";
import { formatMs, formatPercent } from "../../format/format.ts";
import type { DriftRow, FigureCard, PeriodRow } from "../../model/report_view.ts";
import { formatCount, formatLatency, formatSeconds } from "../../format/report_format.ts";

/** Four significant digits, float noise dropped; "—" when there is no number (null in JSON). */
export function sig(n: number | null | undefined): string {
  return typeof n === "number" && Number.isFinite(n) ? String(Number(n.toPrecision(4))) : "—";
}

/** With its sign: "+0.583", "-12", "0". */
export function signed(n: number | null | undefined): string {
  const text = sig(n);
  return typeof n === "number" && n > 0 ? `+${text}` : text;
}

/** Units printed bare: a count of threads is just a number. */
const bare = (unit: string) => unit === "" || unit === "count";

/** A level of a drift series in its unit: "18.4 ms", "0.12%" for an error rate, "62.4%", "412 MB", "24". */
export function driftLevel(d: Pick<DriftResult, "unit">, value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  if (d.unit === "fraction") return formatPercent(value);
  if (d.unit === "ms") return `${formatMs(value)} ms`;
  if (d.unit === "%") return `${sig(value)}%`;
  return bare(d.unit) ? sig(value) : `${sig(value)} ${d.unit}`;
}

/**
 * The slope per hour in the series' unit: "+0.58 ms/h", "+12 MB/h", "-0.2 /h" for a count; percentages
 * (CPU, error rate) move in percentage points: "+0.33 pp/h".
 */
export function driftSlope(d: Pick<DriftResult, "unit" | "slope_per_hour">): string {
  if (d.unit === "fraction") return `${signed(d.slope_per_hour * 100)} pp/h`;
  if (d.unit === "%") return `${signed(d.slope_per_hour)} pp/h`;
  return bare(d.unit) ? `${signed(d.slope_per_hour)} /h` : `${signed(d.slope_per_hour)} ${d.unit}/h`;
}

export function driftRows(endurance: EnduranceAnalysis): DriftRow[] {
  return endurance.drift.map((d) => ({
    series: d.series,
    start: driftLevel(d, d.start),
    end: driftLevel(d, d.end),
    slope: driftSlope(d),
    pct: d.slope_pct_per_hour === undefined ? "—" : `${signed(d.slope_pct_per_hour)}%/h`,
    r2: sig(d.r2),
    n: d.n,
    verdict: d.verdict,
    tolerance: `±${sig(d.tolerance_pct_per_hour)}%/h`,
    fails: d.fails,
    note: d.note,
  }));
}

export function consistencyCards(c: Consistency): FigureCard[] {
  const ms = (value: number, label: string): FigureCard => ({ label, ...formatLatency(value) });
  const tone = c.verdict === "erratic" ? "bad" : c.verdict === "variable" ? "warn" : undefined;
  return [
    { label: "Response times", value: c.verdict, tone },
    { label: "Variation (cv of per-minute p95)", value: sig(c.cv) },
    ms(c.per_minute_p95.min, "Per-minute p95, lowest"),
    ms(c.per_minute_p95.p50, "Per-minute p95, median"),
    ms(c.per_minute_p95.max, "Per-minute p95, highest"),
    { label: "Minutes measured", value: formatCount(c.per_minute_p95.minutes) },
  ];
}

/** Periods shown in full up to this many; past it, the worst by error rate. */
const MAX_PERIOD_ROWS = 48;
const WORST_PERIODS = 12;

function periodRow(p: EndurancePeriod, typical: number): PeriodRow {
  return {
    span: `${formatSeconds(p.start_s)} – ${formatSeconds(p.end_s)}`,
    requests: formatCount(p.requests),
    failures: formatCount(p.failures),
    errorRate: formatPercent(p.error_rate),
    p95: p.p95_ms === undefined ? "—" : `${formatMs(p.p95_ms)} ms`,
    bad: p.failures > 0 && (p.error_rate >= 0.01 || p.error_rate > 2 * typical),
  };
}

/** Every period, or the worst ones (in time order) with a sentence saying so. */
export function periodRows(periods: readonly EndurancePeriod[]): { rows: PeriodRow[]; note?: string } {
  const rates = periods.map((p) => p.error_rate).sort((a, b) => a - b);
  const typical = rates[Math.floor((rates.length - 1) / 2)] ?? 0;
  const row = (p: EndurancePeriod) => periodRow(p, typical);
  if (periods.length <= MAX_PERIOD_ROWS) return { rows: periods.map(row) };
  const worst = periods.toSorted((a, b) => b.error_rate - a.error_rate || a.start_s - b.start_s)
    .slice(0, WORST_PERIODS)
    .sort((a, b) => a.start_s - b.start_s);
  return {
    rows: worst.map(row),
    note: `The ${WORST_PERIODS} periods with the highest error rate, of ${formatCount(periods.length)}.`,
  };
}
