const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/;

/** The longest duration a timer can wait (2^31 - 1 ms, about 24.8 days): anything longer is refused. */
import { z } from "zod";
export const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * Parses a duration such as `500ms`, `30s`, `5m`, `1h30m` or a bare number of seconds into milliseconds.
 * Returns undefined for anything else, so callers can report the value they were given.
 *
 * @example parseDuration("1h30m") === 5_400_000
 */
export function parseDuration(input: string | number): number | undefined {
  const ms = parseUnbounded(input);
  return ms !== undefined && Number.isFinite(ms) && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** A duration that parses but is longer than a timer can wait (or not finite). */
export function isTooLong(input: string | number): boolean {
  const ms = parseUnbounded(input);
  return ms !== undefined && !(ms <= MAX_DURATION_MS);
}

function parseUnbounded(input: string | number): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input * 1000 : undefined;
  let rest = input.trim();
  if (/^\d+(\.\d+)?$/.test(rest)) return Number(rest) * 1000;
  if (rest === "") return undefined;
  let total = 0;
  while (rest.length > 0) {
    const match = DURATION_RE.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/** Formats milliseconds compactly for messages and summaries: 90_000 -> "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let seconds = Math.round(ms / 1000);
  for (const [unit, size] of [["h", 3600], ["m", 60], ["s", 1]] as const) {
    const n = Math.floor(seconds / size);
    if (n > 0) parts.push(`${n}${unit}`);
    seconds -= n * size;
  }
  return parts.join("");
}

/** `30s`, `5m`, `1h30m`, `500ms` or a number of seconds; parsed to milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: "custom",
      message: isTooLong(value)
        ? `duration ${JSON.stringify(value)} is too long: at most 24 days (24d)`
        : `invalid duration ${JSON.stringify(value)}: use e.g. "500ms", "30s", "5m", "1h30m"`,
    });
    return z.NEVER;
  }
  return ms;
});

export const positiveDuration = durationSchema.refine((ms) => ms > 0, { message: "must be longer than 0" });
