/**
 * Small shared pieces of the stress and endurance analyses: the monitored-series shape, where a timeline
 * interval sits in time, and plain statistics over numbers.
 */
import type { MonitorPoint } from "../model/monitor.ts";
import type { TimelinePoint } from "../model/result.ts";

/** One sample of a monitored resource (memory, pool in use, CPU of the target...): the monitors' point. */
export type { MonitorPoint };

/** A monitored resource over the run; `unit` as sampled (`MB`, `bytes`, `connections`, `%`). */
export interface MonitorSeries {
  name: string;
  unit: string;
  points: MonitorPoint[];
}

/** Start of a timeline point's interval (its `t` is the end). */
export function intervalStart(p: TimelinePoint): number {
  return p.t - intervalLength(p);
}

/** Middle of a timeline point's interval: where its figures are centred in time. */
export function intervalMid(p: TimelinePoint): number {
  return p.t - intervalLength(p) / 2;
}

/** The interval length, 1 s when missing or nonsensical (older or hand-made timelines). */
export function intervalLength(p: TimelinePoint): number {
  return Number.isFinite(p.interval_s) && p.interval_s > 0 ? p.interval_s : 1;
}

/** Finite and a number: the filter every figure passes before it is used. */
export function isNum(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Weighted mean of the finite values with positive weight; NaN when there are none. */
export function weightedMean(items: readonly { value: number; weight: number }[]): number {
  let sw = 0, s = 0;
  for (const { value, weight } of items) {
    if (!isNum(value) || !isNum(weight) || weight <= 0) continue;
    sw += weight;
    s += weight * value;
  }
  return sw > 0 ? s / sw : NaN;
}

/** Arithmetic mean of the finite values; NaN when there are none. */
export function mean(values: readonly number[]): number {
  return weightedMean(values.map((value) => ({ value, weight: 1 })));
}

/** Population standard deviation of the finite values; NaN when there are none. */
export function stddev(values: readonly number[]): number {
  const finite = values.filter(isNum);
  const m = mean(finite);
  if (!isNum(m)) return NaN;
  return Math.sqrt(finite.reduce((s, v) => s + (v - m) ** 2, 0) / finite.length);
}

/** Quantile q in [0, 1] with linear interpolation between order statistics; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter(isNum).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Failures over requests, 0 when nothing was sent (the result contract's convention). */
export function errorRate(requests: number, failures: number): number {
  return requests > 0 ? failures / requests : 0;
}
