/**
 * A Prometheus monitor: scrape an endpoint with a timeout, parse the exposition text and keep the series
 * the config names. A failed scrape or a missing metric is an error string, never a throw.
 *
 * @module
 */
import type { MetricSelector, PrometheusTarget } from "../model/monitor_config.ts";
import { familyOf, parsePrometheusText, type PromParse, type PromSample } from "./prometheus_text.ts";

export interface SelectedValue {
  /** `as`, the metric name, or the name with the series' labels when several series match. */
  name: string;
  value: number;
  /** The metric's own name (its suffix gives the unit, whatever `as` says). */
  metric: string;
}

export interface Selection {
  values: SelectedValue[];
  /** One message per selector that matched nothing. */
  missing: string[];
}

/**
 * Picks the wanted series. A selector matches the samples with its exact name whose labels include its
 * `labels`. One match is named `as` (or the metric name when it has no labels); several matches are kept
 * apart, each named `<as or name>{label="value",...}`, because summing gauges of different pools or
 * instances would hide the one running dry.
 */
export function selectMetrics(parsed: PromParse, selectors: readonly MetricSelector[]): Selection {
  const values: SelectedValue[] = [];
  const missing: string[] = [];
  for (const selector of selectors) {
    const matches = parsed.samples.filter((s) => s.name === selector.name && hasLabels(s, selector.labels));
    if (matches.length === 0) missing.push(missingMessage(parsed, selector));
    for (const sample of matches) {
      const base = selector.as ?? selector.name;
      const plain = matches.length === 1 &&
        (selector.as !== undefined || Object.keys(sample.labels).length === 0);
      values.push({
        name: plain ? base : seriesName(base, sample.labels),
        value: sample.value,
        metric: selector.name,
      });
    }
  }
  return { values, missing };
}

function hasLabels(sample: PromSample, wanted: Record<string, string> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => sample.labels[key] === value);
}

/** `name{a="1",b="2"}` with labels sorted, values escaped as in the exposition format. */
export function seriesName(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `${name}{${keys.map((k) => `${k}="${escape(labels[k]!)}"`).join(",")}}`;
}

function missingMessage(parsed: PromParse, selector: MetricSelector): string {
  const wanted = selector.labels ? seriesName(selector.name, selector.labels) : selector.name;
  if (parsed.samples.length === 0) {
    const first = parsed.errors[0];
    return first
      ? `not Prometheus text exposition (line ${first.line}: ${first.message})`
      : "the endpoint exposed no metrics";
  }
  if (parsed.samples.some((s) => s.name === selector.name)) {
    return `metric ${wanted} not found: no series of ${selector.name} has those labels`;
  }
  const type = parsed.types[selector.name];
  if (type === "histogram" || type === "summary") {
    const names = [...new Set(parsed.samples.map((s) => s.name))]
      .filter((n) => n !== selector.name && familyOf(n, parsed.types) === selector.name);
    return `metric ${wanted} not found: it is a ${type}, keep one of its series (${names.join(", ")})`;
  }
  return `metric ${wanted} not found`;
}

/** The exposition text of `url`, or why there is none (HTTP status, timeout, connection error). */
export async function scrape(
  url: string,
  timeoutMs: number,
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFn(url, {
      signal,
      headers: { accept: "text/plain;version=0.0.4;q=0.9,*/*;q=0.1" },
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, error: `HTTP ${response.status} ${response.statusText}`.trim() };
    }
    return { ok: true, text: await response.text() };
  } catch (error) {
    if (signal.aborted) return { ok: false, error: `no answer within ${timeoutMs} ms` };
    return { ok: false, error: fetchErrorMessage(error) };
  }
}

/** The innermost cause of a fetch failure ("fetch failed" alone says nothing), without the URL. */
function fetchErrorMessage(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const message = inner instanceof Error ? inner.message : String(inner);
  return message.replace(/^error sending request for url \([^)]*\): /, "");
}

/** One scrape's outcome: the kept values, and an error when the scrape failed or a metric was missing. */
export interface PrometheusSample {
  values: SelectedValue[];
  error?: string;
}

export class PrometheusSampler {
  constructor(readonly target: PrometheusTarget, readonly fetchFn: typeof fetch = fetch) {}

  async sample(): Promise<PrometheusSample> {
    const scraped = await scrape(this.target.url, this.target.timeout, this.fetchFn);
    if (!scraped.ok) return { values: [], error: `${this.target.url}: ${scraped.error}` };
    const { values, missing } = selectMetrics(parsePrometheusText(scraped.text), this.target.metrics);
    // Non-finite values (NaN gauges, +Inf) cannot be charted nor written to JSON: they are skipped.
    const finite = values.filter((v) => Number.isFinite(v.value));
    return missing.length > 0
      ? { values: finite, error: [...new Set(missing)].join("; ") }
      : { values: finite };
  }
}
