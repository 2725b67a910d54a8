/**
 * Ticks for a time axis in seconds since the run started: steps people count in (30s, 5m, 1h, 6h)
 * rather than the 1/2/5 steps of a value axis (their labels: `formatSeconds`), and durations in words.
 */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

/** Candidate steps, smallest first. */
const TIME_STEPS_S: readonly number[] = [
  1,
  2,
  5,
  10,
  15,
  30,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** The smallest candidate step that yields at most `count` intervals over `span` seconds. */
export function timeStep(span: number, count = 6): number {
  const wanted = span / Math.max(1, count);
  const step = TIME_STEPS_S.find((s) => s >= wanted);
  // Past a week, whole weeks keep the labels readable.
  return step ?? Math.ceil(wanted / (7 * DAY)) * 7 * DAY;
}

/** Tick positions (seconds) that are multiples of a human step, inside [min, max]. */
export function timeTicks(min: number, max: number, count = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = timeStep(max - min, count);
  const ticks: number[] = [];
  // "+ 0" turns the -0 that Math.ceil gives for tiny negatives into 0.
  for (let t = Math.ceil(min / step - 1e-9) * step + 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Seconds in words for chart descriptions: "45 seconds", "10 minutes", "1 hour 30 minutes", "24 hours". */
export function describeDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const total = Math.max(0, Math.round(seconds));
  if (total < MINUTE) return unit(total, "second");
  const h = Math.floor(total / HOUR);
  const m = Math.floor((total % HOUR) / MINUTE);
  const s = total % MINUTE;
  if (h === 0) return s === 0 ? unit(m, "minute") : `${unit(m, "minute")} ${unit(s, "second")}`;
  return m === 0 ? unit(h, "hour") : `${unit(h, "hour")} ${unit(m, "minute")}`;
}
