/**
 * Endurance analysis (issue 7), pure: drift per hour of latency, throughput, errors and every monitored
 * series; response-time consistency; error rate per period; and a verdict against a tolerance.
 */
import type { Consistency, EnduranceAnalysis, EndurancePeriod } from "../model/analysis.ts";
import type { TimelinePoint } from "../model/result.ts";
import { type DriftSeriesInput, judgeDrift, toMegabytes } from "./endurance_drift.ts";
import { type DriftResult } from "../model/analysis.ts";
import {
  errorRate,
  intervalLength,
  intervalMid,
  intervalStart,
  isNum,
  mean,
  type MonitorSeries,
  quantile,
  stddev,
  weightedMean,
} from "./series.ts";
import { round } from "../model/numbers.ts";

export interface EnduranceOptions {
  /** Drift beyond this relative change per hour fails (in the bad direction); default 10. */
  tolerance_pct_per_hour?: number;
  /** Per-series overrides of the tolerance, by series name (`p95_ms`, `rps`, `error_rate`, a monitor). */
  series_tolerance_pct_per_hour?: Record<string, number>;
  /** Length of the error-rate periods; default {@link defaultPeriod}. */
  period_s?: number;
  /** Seconds at the start left out of everything (ramp-up, cold caches); default 0. */
  warmup_s?: number;
  /** When set, a coefficient of variation of the per-minute p95 above it fails the run. */
  max_cv?: number;
}

const DEFAULT_TOLERANCE_PCT_PER_HOUR = 10;
/** More periods than this is a table nobody reads; a smaller period_s is raised to keep under it. */
const MAX_PERIODS = 1000;

/**
 * Hourly periods on long runs; on shorter ones a tenth of the run, whole minutes, at least a minute,
 * so a 10-minute run still shows 10 periods and a 24-hour one shows 24.
 */
export function defaultPeriod(durationS: number): number {
  const tenth = Math.floor(durationS / 10 / 60) * 60;
  return Math.min(3600, Math.max(60, tenth));
}

/**
 * Analyses an endurance run from its timeline and monitored series (memory, pools...).
 *
 * @example
 * ```ts
 * const a = analyzeEndurance(result.timeline, [{ name: "rss", unit: "MB", points }], { warmup_s: 60 });
 * if (!a.verdict.ok) console.log(a.verdict.reasons.join("\n"));
 * ```
 */
export function analyzeEndurance(
  timeline: readonly TimelinePoint[],
  monitors: readonly MonitorSeries[] = [],
  opts: EnduranceOptions = {},
): EnduranceAnalysis {
  const warmup = Math.max(0, opts.warmup_s ?? 0);
  const points = timeline
    .filter((p) => isNum(p.t) && intervalStart(p) >= warmup - 1e-6)
    .sort((a, b) => a.t - b.t);
  const window = {
    start_s: points.length ? intervalStart(points[0]!) : warmup,
    end_s: points.length ? points[points.length - 1]!.t : warmup,
  };
  const tolerance = opts.tolerance_pct_per_hour ?? DEFAULT_TOLERANCE_PCT_PER_HOUR;
  const inputs = [...timelineSeries(points), ...monitors.map((m) => monitorSeries(m, warmup))];
  const drift = inputs.map((s) => judgeDrift(s, opts.series_tolerance_pct_per_hour?.[s.series] ?? tolerance));
  const consistency = measureConsistency(points);
  const period = Math.max(opts.period_s ?? defaultPeriod(window.end_s - window.start_s), 1);
  const periods = errorPeriods(points, window, period);
  return {
    window: { start_s: round(window.start_s), end_s: round(window.end_s) },
    tolerance_pct_per_hour: tolerance,
    drift,
    consistency,
    periods,
    verdict: enduranceVerdict(drift, consistency, opts.max_cv, points.length),
  };
}

/**
 * p95 and error rate are weighted by requests (an interval that answered nothing says nothing about
 * latency, and one that answered 10 says less than one that answered 1000); req/s by interval length,
 * and an interval with no answers counts there, as a real 0 req/s. x is the interval's middle, in hours.
 */
function timelineSeries(points: readonly TimelinePoint[]): DriftSeriesInput[] {
  const x = (p: TimelinePoint) => intervalMid(p) / 3600;
  const answered = (p: TimelinePoint) => (isNum(p.requests) && p.requests > 0 ? p.requests : 0);
  return [
    {
      series: "p95_ms",
      unit: "ms",
      bad: "rising",
      level_floor: 1, // sub-millisecond moves are clock noise, not drift
      points: points.map((p) => ({ x: x(p), y: p.p95_ms, w: answered(p) })),
    },
    {
      series: "rps",
      unit: "req/s",
      bad: "falling",
      level_floor: 1,
      points: points.map((p) => ({
        x: x(p),
        y: isNum(p.rps) ? p.rps : answered(p) / intervalLength(p),
        w: intervalLength(p),
      })),
    },
    {
      series: "error_rate",
      unit: "fraction",
      bad: "rising",
      level_floor: 0.01, // from 0, a rise is judged in points against 1%: +0.1 point/h = 10%/h
      points: points.map((p) => ({ x: x(p), y: errorRate(answered(p), p.failures), w: answered(p) })),
    },
  ];
}

/** A monitored series as drift input: memory converted to MB, rising is bad (leaks, pools not returned). */
function monitorSeries(m: MonitorSeries, warmup: number): DriftSeriesInput {
  const { unit, factor } = toMegabytes(m.unit);
  const points = m.points
    .filter((p) => isNum(p.t) && p.t >= warmup)
    .map((p) => ({ x: p.t / 3600, y: isNum(p.value) ? p.value * factor : undefined }));
  return { series: m.name, unit, bad: "rising", points };
}

/**
 * Per-minute p95: the intervals whose middle falls in the same minute, their p95s averaged weighted by
 * requests (an approximation of that minute's p95). Intervals longer than a minute are each their own
 * "minute". The spread includes any drift; drift itself is reported separately.
 */
function measureConsistency(points: readonly TimelinePoint[]): Consistency {
  const minutes = new Map<number, { value: number; weight: number }[]>();
  for (const p of points) {
    if (!(p.requests > 0) || !isNum(p.p95_ms)) continue;
    const key = Math.floor(intervalMid(p) / 60);
    const list = minutes.get(key) ?? [];
    list.push({ value: p.p95_ms, weight: p.requests });
    minutes.set(key, list);
  }
  const values = [...minutes.values()].map(weightedMean);
  if (values.length === 0) {
    return { per_minute_p95: { min: 0, p50: 0, p95: 0, max: 0, minutes: 0 }, cv: 0, verdict: "no data" };
  }
  const m = mean(values);
  const cv = m > 0 ? stddev(values) / m : 0;
  const verdict = cv <= 0.2 ? "consistent" : cv <= 0.5 ? "variable" : "erratic";
  return {
    per_minute_p95: {
      min: round(Math.min(...values)),
      p50: round(quantile(values, 0.5)),
      p95: round(quantile(values, 0.95)),
      max: round(Math.max(...values)),
      minutes: values.length,
    },
    cv: round(cv, 4),
    verdict,
  };
}

/** Requests, failures, error rate and p95 per period from the window's start; the last may be shorter. */
export function errorPeriods(
  points: readonly TimelinePoint[],
  window: { start_s: number; end_s: number },
  periodS: number,
): EndurancePeriod[] {
  const span = window.end_s - window.start_s;
  if (!(span > 0)) return [];
  const period = Math.max(periodS, span / MAX_PERIODS);
  const count = Math.ceil(span / period - 1e-9);
  const buckets = Array.from({ length: count }, () => [] as TimelinePoint[]);
  for (const p of points) {
    const k = Math.min(count - 1, Math.floor((intervalMid(p) - window.start_s) / period));
    buckets[Math.max(0, k)]!.push(p);
  }
  return buckets.map((list, k) => {
    const requests = list.reduce((s, p) => s + (p.requests > 0 ? p.requests : 0), 0);
    const failures = list.reduce((s, p) => s + (isNum(p.failures) ? p.failures : 0), 0);
    const p95 = weightedMean(list.map((p) => ({ value: p.p95_ms, weight: p.requests })));
    return {
      start_s: round(window.start_s + k * period),
      end_s: round(Math.min(window.end_s, window.start_s + (k + 1) * period)),
      requests,
      failures,
      error_rate: round(errorRate(requests, failures), 6),
      p95_ms: isNum(p95) ? round(p95) : undefined,
    };
  });
}

function enduranceVerdict(
  drift: readonly DriftResult[],
  consistency: Consistency,
  maxCv: number | undefined,
  pointCount: number,
): EnduranceAnalysis["verdict"] {
  const reasons = drift.filter((d) => d.fails).map((d) => {
    const pct = d.slope_pct_per_hour ?? 0;
    return `${d.series} ${d.verdict} ${sig(d.slope_per_hour)} ${d.unit}/h ` +
      `(${pct > 0 ? "+" : ""}${sig(pct)}%/h from ${
        sig(d.start)
      } ${d.unit}, tolerance ${d.tolerance_pct_per_hour}%/h)`;
  });
  if (maxCv !== undefined && consistency.cv > maxCv) {
    reasons.push(`per-minute p95 varies too much: cv ${consistency.cv} > ${maxCv}`);
  }
  const ok = reasons.length === 0;
  const summary = pointCount < 2
    ? `Not enough timeline to judge drift (${pointCount} interval${pointCount === 1 ? "" : "s"}).`
    : ok
    ? `No drift beyond tolerance in ${
      drift.map((d) => d.series).join(", ")
    }; response times ${consistency.verdict}.`
    : `Drift: ${reasons.join("; ")}.`;
  return { ok, reasons, summary };
}

/** Four significant digits: enough for a sentence, no float noise. */
function sig(n: number): string {
  return String(Number(n.toPrecision(4)));
}
