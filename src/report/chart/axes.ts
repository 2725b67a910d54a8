/** Axes as data: a scale plus its ticks already placed in pixels and labelled. */
import type { Tick } from "../../model/chart_view.ts";
import { formatTick, type ValueKind } from "./format.ts";
import { extent, type Interval, linearScale, logScale, type Scale } from "./scales.ts";
import { percentileToX, spectrumTicks } from "./spectrum.ts";
import { formatSeconds } from "../../format/report_format.ts";
import { timeTicks } from "./time_ticks.ts";
import { dateStep, dateTicks, formatDateTick } from "./date_ticks.ts";

export type { Tick };

export interface Axis {
  readonly scale: Scale;
  readonly ticks: readonly Tick[];
}

function placeTicks(values: readonly number[], scale: Scale, label: (v: number) => string): Tick[] {
  return values.map((value) => ({ value, position: scale.map(value), label: label(value) }));
}

/**
 * A value axis from zero (or the lowest negative value) up to the largest value, widened to a round
 * tick; `range` is [bottom, top] in pixels. No finite values gives the axis [0, 1].
 */
export function valueAxis(values: readonly number[], kind: ValueKind, range: Interval, count = 5): Axis {
  const [min, max] = extent(values) ?? [0, 0];
  const scale = linearScale([Math.min(0, min), Math.max(0, max)], range).nice(count);
  return { scale, ticks: placeTicks(scale.ticks(count), scale, (v) => formatTick(kind, v)) };
}

/** A time axis in seconds since start over `domain`; `range` is [left, right] in pixels. */
export function timeAxis(domain: Interval, range: Interval, count = 6): Axis {
  const scale = linearScale(domain, range);
  return { scale, ticks: placeTicks(timeTicks(domain[0], domain[1], count), scale, formatSeconds) };
}

/**
 * A date axis in epoch seconds (UTC) over `domain`, for series of runs. A single run gets an hour of
 * room either side so its point is not drawn on the frame.
 */
export function dateAxis(domain: Interval, range: Interval, count = 6): Axis {
  const [min, max] = domain[1] > domain[0] ? domain : [domain[0] - 3600, domain[0] + 3600];
  const scale = linearScale([min, max], range);
  const step = dateStep(min, max, count);
  return { scale, ticks: placeTicks(dateTicks(min, max, count), scale, (v) => formatDateTick(v, step)) };
}

/** The spectrum's log x axis from 0% (x = 1) to `maxPercentile`, one tick per nine. */
export function spectrumAxis(maxPercentile: number, range: Interval): Axis {
  const scale = logScale([1, percentileToX(maxPercentile)], range);
  const ticks = spectrumTicks(maxPercentile).map((t) => ({
    value: t.x,
    position: scale.map(t.x),
    label: t.label,
  }));
  return { scale, ticks };
}

/** How many ticks fit along `length` px with about `spacing` px between them (at least 2). */
export function tickCount(length: number, spacing: number): number {
  return Math.max(2, Math.floor(length / spacing));
}
