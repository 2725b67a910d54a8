/** Rounds for the JSON: enough digits for any report, no float noise. */
export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
