/**
 * Downsampling for long series: a 24 h run has thousands of timeline points, a chart a few hundred
 * pixels. Each bucket keeps its lowest and highest point (in their original order), so a one-interval
 * spike survives where averaging would flatten it. Gaps survive too: each run of defined points is
 * bucketed on its own and the runs stay separated by a gap point.
 */
import { type DefinedPoint, isDefined, type Point } from "./paths.ts";

/** Splits points into runs of defined points, each with the gap point that followed it (if any). */
function runsWithGaps(points: readonly Point[]): { run: DefinedPoint[]; gap?: Point }[] {
  const runs: { run: DefinedPoint[]; gap?: Point }[] = [];
  let current: DefinedPoint[] = [];
  for (const p of points) {
    if (isDefined(p)) {
      current.push(p);
    } else if (current.length > 0) {
      runs.push({ run: current, gap: p });
      current = [];
    }
  }
  if (current.length > 0) runs.push({ run: current });
  return runs;
}

/** The lowest and highest point of a bucket, in x order; one point when they coincide. */
function extremes(bucket: readonly DefinedPoint[]): DefinedPoint[] {
  let low = 0;
  let high = 0;
  for (let i = 1; i < bucket.length; i++) {
    if (bucket[i]!.y < bucket[low]!.y) low = i;
    if (bucket[i]!.y > bucket[high]!.y) high = i;
  }
  if (low === high) return [bucket[low]!];
  return low < high ? [bucket[low]!, bucket[high]!] : [bucket[high]!, bucket[low]!];
}

/** One run in buckets of `size`, keeping the run's first and last points so the line spans it all. */
function downsampleRun(run: readonly DefinedPoint[], size: number): DefinedPoint[] {
  if (run.length <= 2) return [...run];
  const kept: DefinedPoint[] = [run[0]!];
  for (let start = 1; start < run.length - 1; start += size) {
    kept.push(...extremes(run.slice(start, Math.min(start + size, run.length - 1))));
  }
  kept.push(run[run.length - 1]!);
  return kept;
}

/**
 * At most about `maxPoints` points (exactly at most, unless there are more than maxPoints / 5 gaps),
 * keeping each bucket's min and max. Series already short enough come back unchanged (as a copy).
 */
export function downsample(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return [...points];
  const runs = runsWithGaps(points);
  const definedCount = runs.reduce((n, r) => n + r.run.length, 0);
  // Each run costs up to five points beyond its buckets: first, last, gap, and a partial bucket's two.
  const bucketBudget = Math.max(1, Math.floor((maxPoints - 5 * runs.length) / 2));
  const size = Math.max(1, Math.ceil(definedCount / bucketBudget));
  const out: Point[] = [];
  for (const { run, gap } of runs) {
    out.push(...downsampleRun(run, size));
    if (gap) out.push(gap);
  }
  return out;
}
