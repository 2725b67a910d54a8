/**
 * The exact part of `perf merge`: the run's and each endpoint's figures from several results. Counts,
 * status codes, error kinds and bytes add up; latencies are recomputed from the sum of the encoded HDR
 * histograms (hdr-histogram-js `add` is exact), with the summary function the aggregate uses, so a
 * merge of segments reports what one process measuring every request would have. Pure.
 */
import {
  addEncoded,
  createHistogram,
  encodeHistogram,
  type Histogram,
  summarizeLatency,
} from "../metrics/histogram.ts";
import { endpointKey } from "../metrics/aggregate.ts";
import { round } from "../model/numbers.ts";
import type { EndpointResult, PhaseSummaryMs, StatsFigures } from "../model/result.ts";

/** Figures with the histogram they were computed from (kept to answer any percentile). */
export interface MergedFigures {
  figures: StatsFigures;
  histogram: Histogram;
}

type Part = StatsFigures & { histogram?: string };

/** Sums string-keyed counts, keys sorted (as the aggregate writes them). */
function sumCounts(maps: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const map of maps) for (const [k, n] of Object.entries(map)) sum[k] = (sum[k] ?? 0) + n;
  return Object.fromEntries(Object.entries(sum).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Merges the figures of one subject (the run, or one endpoint) over the inputs. `elapsedS` is the merged
 * wall-clock span: req/s is the merged requests over it.
 */
export function mergeFigures(parts: readonly Part[], elapsedS: number): MergedFigures {
  const histogram = createHistogram();
  for (const part of parts) addEncoded(histogram, part.histogram ?? "");
  const sum = (pick: (p: Part) => number) => parts.reduce((n, p) => n + pick(p), 0);
  const requests = sum((p) => p.requests);
  const failures = sum((p) => p.failures);
  const phases = mergePhases(parts.map((p) => p.phases_ms));
  const figures: StatsFigures = {
    requests,
    failures,
    error_rate: requests === 0 ? 0 : round(failures / requests, 6),
    rps: elapsedS > 0 ? round(requests / elapsedS, 2) : 0,
    latency_ms: summarizeLatency(histogram),
    status_codes: sumCounts(parts.map((p) => p.status_codes ?? {})),
    errors: sumCounts(parts.map((p) => p.errors ?? {})),
    bytes_sent: sum((p) => p.bytes_sent ?? 0),
    bytes_received: sum((p) => p.bytes_received ?? 0),
    ...(phases ? { phases_ms: phases } : {}),
  };
  return { figures, histogram };
}

type Phases = NonNullable<StatsFigures["phases_ms"]>;
type PhaseName = keyof Phases;

/**
 * Phase timings are kept as summaries only (no histograms in the result), so they merge approximately:
 * counts add up, min and max are exact, the mean is the count-weighted mean (exact up to rounding) and
 * each percentile is the count-weighted mean of the inputs' (exact when one input has them all).
 */
export function mergePhases(list: readonly (Phases | undefined)[]): Phases | undefined {
  const present = list.filter((p): p is Phases => p !== undefined);
  if (present.length === 0) return undefined;
  const names = [...new Set(present.flatMap((p) => Object.keys(p) as PhaseName[]))];
  return Object.fromEntries(names.map((name) => {
    const summaries = present.map((p) => p[name]).filter((s): s is PhaseSummaryMs => s !== undefined);
    return [name, mergePhase(summaries)];
  }));
}

function mergePhase(summaries: readonly PhaseSummaryMs[]): PhaseSummaryMs {
  const counted = summaries.filter((s) => s.count > 0);
  const count = counted.reduce((n, s) => n + s.count, 0);
  const weighted = (key: "mean" | "p50" | "p90" | "p95" | "p99" | "p999") =>
    count === 0 ? 0 : round(counted.reduce((n, s) => n + s[key] * s.count, 0) / count, 3);
  return {
    count,
    min: counted.length ? Math.min(...counted.map((s) => s.min)) : 0,
    mean: weighted("mean"),
    p50: weighted("p50"),
    p90: weighted("p90"),
    p95: weighted("p95"),
    p99: weighted("p99"),
    p999: weighted("p999"),
    max: counted.length ? Math.max(...counted.map((s) => s.max)) : 0,
  };
}

/**
 * Every endpoint of any input, merged, in order of first appearance; `histograms` answers percentiles
 * by endpoint key.
 */
export function mergeEndpoints(
  lists: readonly EndpointResult[][],
  elapsedS: number,
): { endpoints: EndpointResult[]; histograms: Map<string, Histogram> } {
  const groups = new Map<string, EndpointResult[]>();
  for (const list of lists) {
    for (const e of list) {
      const key = endpointKey(e.method, e.name);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
  }
  const histograms = new Map<string, Histogram>();
  const endpoints = [...groups.entries()].map(([key, parts]) => {
    const merged = mergeFigures(parts, elapsedS);
    histograms.set(key, merged.histogram);
    const { name, method } = parts[0]!;
    return { name, method, ...merged.figures, histogram: encodeHistogram(merged.histogram) };
  });
  return { endpoints, histograms };
}
