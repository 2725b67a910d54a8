/**
 * Results written before thresholds carried their `key` and `unit` (perf 0.1.0 of 2026-12-06 and
 * earlier, same schema_version: the fields are additive) still read: the key is the last word of the
 * name (`GET /x: error_rate`, `default: response_time_p95`) and the unit follows from it. This is the
 * only place a threshold's name is parsed; everything else reads `key` and `unit`.
 */
import { parseThresholdKey, thresholdUnit } from "../model/threshold_key.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Fills `key` and `unit` of one threshold-like object that lacks them; leaves others alone. */
export function fillThresholdKey(t: unknown): void {
  if (!isObject(t) || typeof t.name !== "string" || ("key" in t && "unit" in t)) return;
  const key = t.name.slice(t.name.lastIndexOf(" ") + 1);
  const metric = parseThresholdKey(key);
  if (!metric) return; // left for the schema to report
  t.key ??= key;
  t.unit ??= thresholdUnit(metric);
}

/** Upgrades, in place, the threshold entries of a parsed result.json of the current schema_version. */
export function upgradeResult(value: unknown): void {
  if (!isObject(value)) return;
  for (const list of [value.thresholds, value.live_thresholds]) {
    if (Array.isArray(list)) list.forEach(fillThresholdKey);
  }
  const stress = value.stress;
  const failed = isObject(stress) && isObject(stress.breaking_point)
    ? stress.breaking_point.failed
    : undefined;
  if (Array.isArray(failed)) failed.forEach(fillThresholdKey);
}
