/** A headline figure shown as a card: "192.5 req/s · Max sustainable", tinted when it is bad news. */
export interface FigureCard {
  label: string;
  value: string;
  unit?: string;
  tone?: "bad" | "warn" | "ok";
  /** A line of detail under the label, e.g. the failed checks. */
  detail?: string;
}
