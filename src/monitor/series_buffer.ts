/**
 * A bounded series of monitor samples (design §3: a 24 h run holds no more than a 10 min one). When it
 * reaches its cap, neighbouring points are merged in pairs (mean value, the later time) and from then on
 * each point stands for twice as many samples, so the whole series keeps one resolution.
 *
 * @module
 */
import type { MonitorPoint } from "../model/monitor.ts";

export const DEFAULT_SERIES_CAP = 2000;

export class SeriesBuffer {
  #points: MonitorPoint[] = [];
  /** Samples per stored point; doubles at each coarsening. */
  #stride = 1;
  #pending = { sum: 0, n: 0, t: 0 };

  constructor(readonly cap: number = DEFAULT_SERIES_CAP) {
    if (!(cap >= 2)) throw new RangeError(`a series needs a cap of at least 2, got ${cap}`);
  }

  push(t: number, value: number): void {
    this.#pending.sum += value;
    this.#pending.n++;
    this.#pending.t = t;
    if (this.#pending.n < this.#stride) return;
    this.#points.push(this.#flushPending());
    if (this.#points.length >= this.cap) {
      this.#points = mergePairs(this.#points);
      this.#stride *= 2;
    }
  }

  /** The stored points plus a partial one for samples not yet making up a full point. */
  points(): MonitorPoint[] {
    const partial = this.#pending.n > 0
      ? [{ t: this.#pending.t, value: round(this.#pending.sum / this.#pending.n) }]
      : [];
    return [...this.#points, ...partial];
  }

  #flushPending(): MonitorPoint {
    const point = { t: this.#pending.t, value: round(this.#pending.sum / this.#pending.n) };
    this.#pending = { sum: 0, n: 0, t: 0 };
    return point;
  }
}

/** Halves a list by averaging neighbours; an odd last point stays as it is. Pure. */
export function mergePairs(points: readonly MonitorPoint[]): MonitorPoint[] {
  const merged: MonitorPoint[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const a = points[i]!;
    const b = points[i + 1];
    merged.push(b ? { t: b.t, value: round((a.value + b.value) / 2) } : a);
  }
  return merged;
}

/** Ten significant digits: drops the float noise of averaging, keeps counters and tiny gauges exact. */
function round(n: number): number {
  return Number(n.toPrecision(10));
}
