/**
 * Live thresholds: evaluated every second over a sliding window (e.g. "error rate over the last 30 s")
 * once their `delay` has passed; a failing one with `abort_on_fail` ends the run (exit 108). Pure state:
 * the runner feeds it each closed one-second interval; nothing here reads a clock.
 */
import type { Histogram } from "hdr-histogram-js";
import { createHistogram, percentileMs, summarizeLatency } from "../metrics/histogram.ts";
import type { ThresholdAbort, ThresholdResult } from "../model/result.ts";
import { evaluateOne, type ThresholdSubject } from "./evaluate.ts";
import type { LiveThresholdRecord, LiveThresholdSpec } from "../model/thresholds.ts";

/** One closed interval, as the runner's aggregate gives it. */
export interface IntervalSample {
  /** Seconds since the start at the interval's end. */
  t: number;
  duration_s: number;
  requests: number;
  failures: number;
  /** Latencies of the interval, µs. */
  histogram: Histogram;
}

export interface LiveVerdict {
  /** Thresholds that failed in this evaluation. */
  failed: ThresholdResult[];
  /** The failed threshold that ends the run (abort_on_fail), if any. */
  abort?: ThresholdAbort;
}

/** Intervals merged: counters summed, histograms added. */
class MergedIntervals {
  readonly histogram = createHistogram();
  requests = 0;
  failures = 0;
  seconds = 0;

  add(sample: IntervalSample): this {
    this.histogram.add(sample.histogram);
    this.requests += sample.requests;
    this.failures += sample.failures;
    this.seconds += sample.duration_s;
    return this;
  }
}

/** The figures of a window of intervals as a threshold subject (percentiles from the merged histogram). */
export function windowSubject(samples: readonly IntervalSample[]): ThresholdSubject {
  const merged = new MergedIntervals();
  for (const sample of samples) merged.add(sample);
  return subjectOf(merged);
}

function subjectOf({ histogram, requests, failures, seconds }: MergedIntervals): ThresholdSubject {
  return {
    stats: {
      requests,
      failures,
      error_rate: requests > 0 ? failures / requests : 0,
      rps: seconds > 0 ? requests / seconds : 0,
      latency_ms: summarizeLatency(histogram),
      status_codes: {},
      errors: {},
      bytes_sent: 0,
      bytes_received: 0,
    },
    percentileMs: (p) => percentileMs(histogram, p),
  };
}

/** A live threshold's settings and zero counts, before its first evaluation. */
function liveRecordCounts(spec: LiveThresholdSpec) {
  const { window_s, delay_s, abort_on_fail } = spec;
  return { window_s, delay_s, abort_on_fail, evaluations: 0, failed_evaluations: 0 };
}

export class LiveThresholds {
  /** The intervals of the longest finite window (a run-long window uses the running total instead). */
  readonly #samples: IntervalSample[] = [];
  readonly #total = new MergedIntervals();
  readonly #records: LiveThresholdRecord[];
  readonly #longestWindow: number;

  constructor(readonly specs: readonly LiveThresholdSpec[]) {
    this.#records = specs.map((spec) => {
      const { key, unit, threshold } = evaluateOne(spec.key, spec.limit, undefined);
      return { name: key, key, unit, threshold, ...liveRecordCounts(spec) };
    });
    // A window of 0 ("so far") keeps every interval; otherwise only as many as the longest window.
    this.#longestWindow = specs.some((s) => s.window_s === 0)
      ? Infinity
      : Math.max(0, ...specs.map((s) => s.window_s));
  }

  get records(): readonly LiveThresholdRecord[] {
    return this.#records;
  }

  /** Adds a closed interval and evaluates every threshold whose delay has passed. */
  observe(sample: IntervalSample): LiveVerdict {
    this.#samples.push(sample);
    this.#total.add(sample);
    while (this.#samples.length > 0 && sample.t - this.#samples[0]!.t >= this.#longestWindow) {
      this.#samples.shift();
    }
    const verdict: LiveVerdict = { failed: [] };
    this.specs.forEach((spec, i) => {
      if (sample.t < spec.delay_s) return;
      const subject = spec.window_s === 0
        ? subjectOf(this.#total)
        : windowSubject(this.#samples.filter((s) => sample.t - s.t < spec.window_s));
      // No answers in the window is no evidence about latency or errors (it is about throughput).
      if (subject.stats.requests === 0 && this.#records[i]!.unit !== "req/s") return;
      const result = evaluateOne(spec.key, spec.limit, subject);
      this.#record(i, sample.t, result);
      if (result.ok) return;
      verdict.failed.push(result);
      if (spec.abort_on_fail && !verdict.abort) {
        verdict.abort = { ...result, window_s: spec.window_s, t: sample.t };
      }
    });
    return verdict;
  }

  #record(i: number, t: number, result: ThresholdResult): void {
    const record = this.#records[i]!;
    record.evaluations++;
    record.last = { t, value: result.value, ok: result.ok };
    if (result.ok) return;
    record.failed_evaluations++;
    record.first_failure ??= { t, value: result.value };
  }
}
