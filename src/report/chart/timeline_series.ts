/**
 * Timeline points of a result -> chart series: x is seconds since start, y one field. A missing
 * optional field (cpu_pct on an old result) is a gap, and so is a hole in time (an interval the
 * runner never reported), so a line never bridges data that does not exist.
 */
import type { TimelinePoint } from "../../model/result.ts";
import type { Point } from "./paths.ts";

/** The numeric fields of a timeline point that a chart can draw. */
export type TimelineField = Exclude<keyof TimelinePoint, "t" | "interval_s">;

/** True when the time from `previous` to `point` is much longer than `point`'s own interval. */
function isHole(previous: TimelinePoint, point: TimelinePoint): boolean {
  return point.t - previous.t > 1.5 * Math.max(point.interval_s, previous.interval_s);
}

/** One field of the timeline as points, with a gap point wherever the timeline has a hole. */
export function timelineSeries(timeline: readonly TimelinePoint[], field: TimelineField): Point[] {
  const points: Point[] = [];
  timeline.forEach((point, i) => {
    const previous = timeline[i - 1];
    if (previous && isHole(previous, point)) points.push({ x: (previous.t + point.t) / 2, y: undefined });
    points.push({ x: point.t, y: point[field] });
  });
  return points;
}

/** Failures as a percentage of requests per interval (0 where nothing was sent). */
export function errorRateSeries(timeline: readonly TimelinePoint[]): Point[] {
  return timeline.map((p) => ({ x: p.t, y: p.requests > 0 ? (100 * p.failures) / p.requests : 0 }));
}
