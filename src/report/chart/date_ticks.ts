/**
 * Ticks for an axis of dates (epoch seconds, UTC): the trend page puts each run at its start time.
 * Steps come from the time axis's human list, so day steps land on UTC midnights.
 */
import { timeStep, timeTicks } from "./time_ticks.ts";

const DAY_S = 86_400;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Tick positions (epoch seconds) for dates in [min, max]. */
export function dateTicks(min: number, max: number, count = 6): number[] {
  return timeTicks(min, max, count);
}

/**
 * A date label as precise as the step needs: "Nov 25" for day steps, "Nov 25 08:00" for steps under a
 * day, with seconds when the step is under a minute. Always UTC, as result.json's timestamps are.
 */
export function formatDateTick(epochSeconds: number, stepSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  if (stepSeconds >= DAY_S) return day;
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  const ss = stepSeconds < 60 ? `:${String(date.getUTCSeconds()).padStart(2, "0")}` : "";
  return `${day} ${hh}:${mm}${ss}`;
}

/** The step dateTicks uses for [min, max], so labels can match it. */
export function dateStep(min: number, max: number, count = 6): number {
  return timeStep(max - min, count);
}
