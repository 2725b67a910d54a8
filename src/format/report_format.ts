/**
 * Words and numbers for the HTML report and the trend page, all derived from the result itself (never
 * the current time or locale), so the same result always renders the same page.
 */
import type { EndpointResult, RunInfo } from "../model/result.ts";
import { formatMs } from "./format.ts";

const MINUTE = 60;
const HOUR = 3600;

/** `2026-11-25T08:34:36.405Z` -> `2026-11-25 08:34:36 UTC`; text that is not a date comes back as is. */
export function formatUtc(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** Integers with thin-space thousands: 17280000 -> "17 280 000" (no locale: output must not vary). */
export function formatCount(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB"];

/** Decimal byte sizes: 865312 -> "865 kB", 1.5e9 -> "1.5 GB". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${Number(value.toFixed(digits))} ${BYTE_UNITS[unit]}`;
}

/**
 * Seconds as a compact duration: 0 -> "0s", 30 -> "30s", 90 -> "1m30s", 300 -> "5m", 5400 -> "1h30m",
 * 86400 -> "24h". Fractions below a minute keep one decimal ("2.5s"); hours never turn into days, so a
 * 24 h run reads "24h" as people say it.
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  const sign = seconds < 0 ? "-" : "";
  const total = Math.abs(seconds);
  if (total < MINUTE) return `${sign}${Number(total.toFixed(1))}s`;
  const rounded = Math.round(total);
  const h = Math.floor(rounded / HOUR);
  const m = Math.floor((rounded % HOUR) / MINUTE);
  const s = rounded % MINUTE;
  const parts = [h > 0 ? `${h}h` : "", m > 0 ? `${m}m` : "", s > 0 ? `${s}s` : ""];
  return sign + parts.join("");
}

/** A run length as people say it: "10.0 s" under a minute, else "24h", "1h30m", "5m12s". */
export function formatRunLength(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatSeconds(seconds);
}

/** A latency for a headline figure: "7.03" ms, or seconds from 1000 ms on ("4.50" s). */
export function formatLatency(ms: number): { value: string; unit: "ms" | "s" } {
  return ms >= 1000 ? { value: (ms / 1000).toFixed(2), unit: "s" } : { value: formatMs(ms), unit: "ms" };
}

/** Requests per second: one decimal below 1000, whole numbers above. */
export function formatRps(rps: number): string {
  return rps >= 1000 ? formatCount(rps) : rps.toFixed(1);
}

const trim = (n: number) => String(Number(n.toPrecision(6)));

/** The load in words: "10 users, spawning 10/s" or "500/s scheduled (open model), up to 1000 users". */
export function describeRunLoad(run: RunInfo): string {
  const users = `${run.users} user${run.users === 1 ? "" : "s"}`;
  if (run.model === "open") return `${trim(run.rate ?? 0)}/s scheduled (open model), up to ${users}`;
  if (run.stages && run.stages.length > 0) return `user stages, up to ${users}`;
  return `${users}, spawning ${trim(run.spawn_rate)}/s`;
}

/** The engine and its workers: "http1 · 2 workers". */
export function describeEngine(run: RunInfo): string {
  return `${run.engine} · ${run.workers} worker${run.workers === 1 ? "" : "s"}`;
}

/** An endpoint as the report names it: "GET /items". */
export function endpointLabel(endpoint: Pick<EndpointResult, "method" | "name">): string {
  return `${endpoint.method} ${endpoint.name}`;
}
