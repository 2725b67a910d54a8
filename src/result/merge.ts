/**
 * `perf merge`: one result from the results of a run's segments (`perf run --segment i/n`), as if one
 * process had sent every request. Exact where the result keeps what it needs: counts, status codes,
 * errors and bytes add up, and every latency figure of the run and of each endpoint is recomputed from
 * the merged HDR histograms (merge_figures.ts). The timeline is aligned on wall-clock time
 * (merge_timeline.ts; its per-point percentiles are request-weighted means). Thresholds are judged
 * again on the merged figures with the same evaluateThresholds as `perf run`. Pure.
 *
 * Not carried over: monitors, live thresholds, alerts and the stress/endurance analyses (each is a
 * per-process view; `perf report` shows the segments' own results for those).
 */
import { round } from "../model/numbers.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { endpointKey } from "../metrics/aggregate.ts";
import { judgeGenerator } from "../metrics/generator_health.ts";
import { type GeneratorHealth } from "../model/health.ts";
import { encodeHistogram, type Histogram, percentileMs } from "../metrics/histogram.ts";
import {
  type EndpointThresholds,
  evaluateThresholds,
  type ThresholdSubject,
} from "../thresholds/evaluate.ts";
import { mergeEndpoints, mergeFigures } from "./merge_figures.ts";
import { alignTimelines } from "./merge_timeline.ts";
import type { EndpointResult, RunInfo, RunResult, StatsFigures, ThresholdResult } from "../model/result.ts";

export interface MergeOptions {
  /** Run-wide threshold limits to judge; default: those the inputs were judged by. */
  thresholds?: Record<string, number>;
  /** Endpoint thresholds (`GET /items` -> limits); default: those the inputs were judged by. */
  endpointThresholds?: { endpoint: string; thresholds: Record<string, number> }[];
  /** What to call each input in messages (its file); default: its run id. */
  names?: string[];
}

/**
 * Merges segment results into one.
 *
 * @throws {PerfError} exit 104, naming the inputs, when they are not parts of one run: no inputs,
 *   different scenario, schema_version or model, the same run or segment twice, or latencies without
 *   their histogram.
 */
export function mergeResults(results: readonly RunResult[], options: MergeOptions = {}): RunResult {
  const names = options.names ?? results.map((r) => r.run.id);
  checkMergeable(results, names);
  const startMs = Math.min(...results.map((r) => Date.parse(r.run.started_at)));
  const endMs = Math.max(...results.map((r) => Date.parse(r.run.ended_at)));
  const elapsedS = Math.max(0, (endMs - startMs) / 1000);
  const summary = mergeFigures(results.map((r) => r.summary), elapsedS);
  const { endpoints, histograms } = mergeEndpoints(results.map((r) => r.endpoints), elapsedS);
  const thresholds = judge(results, options, summary, endpoints, histograms);
  const timeline = alignTimelines(
    results.map((r) => ({ started_ms: Date.parse(r.run.started_at), points: r.timeline ?? [] })),
    startMs,
  );
  const dropped = results.some((r) => r.summary.dropped_iterations !== undefined)
    ? { dropped_iterations: results.reduce((n, r) => n + (r.summary.dropped_iterations ?? 0), 0) }
    : {};
  return {
    schema_version: results[0]!.schema_version,
    run: mergeRunInfo(results, startMs, endMs),
    summary: { ...summary.figures, histogram: encodeHistogram(summary.histogram), ...dropped },
    endpoints,
    timeline,
    thresholds,
    generator: worstGenerator(results, names) ?? judgeGenerator(timeline, 1, dropped.dropped_iterations),
    exit_code: mergedExitCode(results, thresholds),
  };
}

const mergeError = (why: string, hint?: string) =>
  new PerfError(`Cannot merge results: ${why}`, ExitCode.invalidConfig, hint);

/** The inputs must be parts of one run; every failure names the inputs that disagree. */
function checkMergeable(results: readonly RunResult[], names: readonly string[]): void {
  if (results.length === 0) throw mergeError("no results given", "pass the result.json of each segment");
  const [first] = results;
  for (const field of ["schema_version", "scenario", "model"] as const) {
    const value = (r: RunResult) => field === "schema_version" ? r.schema_version : r.run[field];
    const odd = results.findIndex((r) => value(r) !== value(first!));
    if (odd > 0) {
      throw mergeError(
        `${field} differs: "${names[0]}" has ${JSON.stringify(value(first!))}, ` +
          `"${names[odd]}" has ${JSON.stringify(value(results[odd]!))}`,
        "merge only the segments of one run",
      );
    }
  }
  const twice = (key: (r: RunResult) => string | undefined, what: string) => {
    const seen = new Map<string, number>();
    results.forEach((r, i) => {
      const k = key(r);
      if (k === undefined) return;
      const before = seen.get(k);
      if (before !== undefined) {
        throw mergeError(`"${names[before]}" and "${names[i]}" are the same ${what} (${k})`);
      }
      seen.set(k, i);
    });
  };
  // Segments of one distributed run share their id (same start, same scenario): the segment tells
  // them apart; without one, the same id twice is the same file given twice.
  twice((r) => `${r.run.id}${r.run.segment ? ` segment ${r.run.segment}` : ""}`, "run");
  twice((r) => r.run.segment, "segment");
  const bare = results.findIndex((r) => r.summary.requests > 0 && !r.summary.histogram);
  if (bare !== -1) throw mergeError(`"${names[bare]}" has no latency histogram, so it cannot merge exactly`);
}

/**
 * What is worth a warning but does not stop a merge: segments of different configs or targets, missing
 * segments, and thresholds judged with different limits (the first input's limit is used).
 */
export function mergeWarnings(results: readonly RunResult[], names: readonly string[]): string[] {
  const warnings: string[] = [];
  const differs = (pick: (r: RunResult) => string | undefined, what: string) => {
    const values = new Set(results.map(pick).filter((v) => v !== undefined));
    if (values.size > 1) warnings.push(`the inputs have different ${what}: ${[...values].join(", ")}`);
  };
  differs((r) => r.run.config_digest, "config digests");
  differs((r) => r.run.base_url, "base URLs");
  const labels = results.map((r) => r.run.segment);
  const counts = new Set(labels.map((l) => l?.split("/")[1]));
  if (labels.some((l) => l === undefined)) {
    const plain = names.filter((_, i) => labels[i] === undefined);
    warnings.push(`not a segment (no --segment): ${plain.join(", ")}`);
  } else if (counts.size > 1) warnings.push(`segments of different splits: ${labels.join(", ")}`);
  else if (labels.length < Number([...counts][0])) {
    warnings.push(`only ${labels.length} of ${[...counts][0]} segments given (${labels.join(", ")})`);
  }
  const limits = new Map<string, number>();
  for (const t of results.flatMap((r) => r.thresholds ?? [])) {
    const before = limits.get(t.name);
    if (before !== undefined && before !== t.limit) {
      warnings.push(`threshold ${t.name} has different limits (${before}, ${t.limit}); judged at ${before}`);
    }
    if (before === undefined) limits.set(t.name, t.limit);
  }
  return [...new Set(warnings)];
}

/** The thresholds the inputs were judged by, run-wide and per endpoint (first input's limit wins). */
export function thresholdsOf(results: readonly RunResult[]): Required<
  Pick<MergeOptions, "thresholds" | "endpointThresholds">
> {
  const thresholds: Record<string, number> = {};
  const byEndpoint = new Map<string, Record<string, number>>();
  for (const t of results.flatMap((r) => r.thresholds ?? [])) {
    if (t.endpoint === undefined) {
      thresholds[t.name] ??= t.limit;
      continue;
    }
    const prefix = `${t.endpoint}: `;
    const key = t.name.startsWith(prefix) ? t.name.slice(prefix.length) : t.name;
    const limits = byEndpoint.get(t.endpoint) ?? {};
    limits[key] ??= t.limit;
    byEndpoint.set(t.endpoint, limits);
  }
  return {
    thresholds,
    endpointThresholds: [...byEndpoint].map(([endpoint, limits]) => ({ endpoint, thresholds: limits })),
  };
}

function judge(
  results: readonly RunResult[],
  options: MergeOptions,
  summary: { figures: StatsFigures; histogram: Histogram },
  endpoints: readonly EndpointResult[],
  histograms: Map<string, Histogram>,
): ThresholdResult[] {
  const own = thresholdsOf(results);
  const subject = (stats: StatsFigures, h: Histogram): ThresholdSubject => ({
    stats,
    percentileMs: (p) => percentileMs(h, p),
  });
  const byKey = new Map(endpoints.map((e) => [endpointKey(e.method, e.name), e]));
  const endpointThresholds: EndpointThresholds[] = (options.endpointThresholds ?? own.endpointThresholds)
    .map(({ endpoint, thresholds }) => {
      const stats = byKey.get(endpoint);
      const h = histograms.get(endpoint);
      return { endpoint, thresholds, subject: stats && h ? subject(stats, h) : undefined };
    });
  return evaluateThresholds(
    options.thresholds ?? own.thresholds,
    subject(summary.figures, summary.histogram),
    endpointThresholds,
  );
}

/** 105 when any input was interrupted; 108 when one was aborted by a threshold; else the merged verdict. */
function mergedExitCode(
  results: readonly RunResult[],
  thresholds: readonly ThresholdResult[],
): number {
  if (results.some((r) => r.run.status === "interrupted")) return ExitCode.aborted;
  if (results.some((r) => r.exit_code === ExitCode.thresholdAbort)) return ExitCode.thresholdAbort;
  return thresholds.every((t) => t.ok) ? ExitCode.ok : ExitCode.thresholdsFailed;
}

/** The run: the first input's identity, the span of all, users, workers and rate summed. */
function mergeRunInfo(results: readonly RunResult[], startMs: number, endMs: number): RunInfo {
  const first = results[0]!.run;
  const runs = results.map((r) => r.run);
  const sum = (pick: (r: RunInfo) => number | undefined) => runs.reduce((n, r) => n + (pick(r) ?? 0), 0);
  const interrupted = runs.some((r) => r.status === "interrupted");
  const reasons = [...new Set(runs.map((r) => r.stop_reason).filter((s) => s !== undefined))];
  const { segment: _segment, stop_reason: _reason, ...rest } = first;
  return {
    ...rest,
    id: `merged-${first.id}`,
    started_at: new Date(startMs).toISOString(),
    ended_at: new Date(endMs).toISOString(),
    duration_s: round(Math.max(0, endMs - startMs) / 1000, 3),
    workers: sum((r) => r.workers),
    users: sum((r) => r.users),
    spawn_rate: Math.max(...runs.map((r) => r.spawn_rate)),
    run_time_s: Math.max(...runs.map((r) => r.run_time_s)),
    ...(first.model === "open" ? { rate: round(sum((r) => r.rate), 6) } : {}),
    ...(reasons.length ? { stop_reason: reasons.join("; ") } : {}),
    status: interrupted ? "interrupted" : "completed",
    segments: results.length,
    merged_from: runs.map((r) => r.id),
  };
}

/**
 * The input whose generator was in the worst shape: saturated first, then the laggiest, then the
 * busiest; undefined when no input judged its generator.
 */
function worstGenerator(
  results: readonly RunResult[],
  names: readonly string[],
): GeneratorHealth | undefined {
  const score = (g: GeneratorHealth) => [
    g.saturated ? 1 : 0,
    g.loop_lag_ms_p95,
    g.cpu_pct_mean / Math.max(1, g.cores),
  ];
  let worst = -1;
  results.forEach((r, i) => {
    if (!r.generator) return;
    const [a, b] = [score(r.generator), worst === -1 ? [] : score(results[worst]!.generator)];
    const cmp = a.findIndex((v, k) => v !== b[k]);
    if (worst === -1 || (cmp !== -1 && a[cmp]! > b[cmp]!)) worst = i;
  });
  if (worst === -1) return undefined;
  const g = results[worst]!.generator;
  if (results.length === 1) return g;
  const which = results[worst]!.run.segment ?? names[worst];
  return { ...g, verdict: `worst of ${results.length} segments (${which}): ${g.verdict}` };
}
