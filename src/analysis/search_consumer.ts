/**
 * The capacity search as a consumer of the measurement stream (issue 15): at the end of each step it
 * judges the step from the intervals it saw, asks `nextSearchStep` what comes next and reschedules the
 * workers through the stream's control; when the search is over it runs the recovery stage and lets
 * the run end. What it did is its `record()`, which the result carries as `stress.search`.
 */
import type { Thresholds } from "../model/config.ts";
import type { SearchPathStep, SearchRecord } from "../model/search.ts";
import type { TimelinePoint } from "../model/result.ts";
import { round } from "../model/numbers.ts";
import { type RateSpan } from "../plan/arrival_schedule.ts";
import {
  nextSearchStep,
  SEARCH_TAIL_S,
  searchBracket,
  type SearchPlan,
  type SearchStep,
  stepDuration,
} from "../plan/capacity_search.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import type { IntervalSnapshot, MeasurementConsumer, StreamControl } from "../runner/stream.ts";
import { generatorBound } from "../metrics/generator_health.ts";
import { percentileMs } from "../metrics/histogram.ts";
import { evaluateThresholds } from "../thresholds/evaluate.ts";
import { judgeSearchStep, type SearchStepJudgement } from "./search_step.ts";
import {
  pointsInStep,
  type StepFigures,
  stepFiguresFromTimeline,
  stepJudgeable,
  stepSubject,
} from "./stress_steps.ts";
import { judgeStep } from "./stress.ts";

/**
 * After a failed step the target's queue must drain before the next step, or that step is judged on the
 * backlog of the one before (a FIFO server past its capacity keeps answering late long after the load
 * drops): perf offers half the highest rate that held until this many seconds in a row are back within
 * the first step's band (p95 ≤ 1.5 × its p95 + 5 ms), for at most DRAIN_MAX_S.
 */
const DRAIN_CALM_S = 2;
const DRAIN_MAX_S = 60;

/** A step's settle: the first 20% of it, at most 3 s (a search step is short; its rate is set at once). */
function settleOf(plan: SearchPlan, duration_s: number): number {
  return Math.min(plan.settle_s ?? Math.min(3, 0.2 * duration_s), duration_s / 2);
}

const span = (rate: number, start_s: number, duration_s: number): RateSpan => ({
  start_ms: start_s * 1000,
  duration_ms: duration_s * 1000,
  from_rate: rate,
  to_rate: rate,
});

/** An interval as the step figures read it (the timeline's point, before any coarsening). */
function pointOf({ delta }: IntervalSnapshot): TimelinePoint {
  const at = (p: number) => percentileMs(delta.histogram, p);
  return {
    t: delta.t,
    interval_s: delta.duration_s,
    users: delta.users,
    requests: delta.requests,
    rps: delta.duration_s > 0 ? delta.requests / delta.duration_s : 0,
    failures: delta.failures,
    ...(delta.dropped !== undefined ? { dropped: delta.dropped } : {}),
    ...(delta.cpu_pct !== undefined ? { cpu_pct: delta.cpu_pct, loop_lag_ms: delta.loop_lag_ms } : {}),
    ...(delta.worker_busy_pct !== undefined ? { worker_busy_pct: delta.worker_busy_pct } : {}),
    p50_ms: at(50),
    p95_ms: at(95),
    p99_ms: at(99),
  };
}

export class CapacitySearchConsumer implements MeasurementConsumer {
  readonly #points: TimelinePoint[] = [];
  readonly #path: SearchPathStep[] = [];
  #control: StreamControl | undefined;
  #current: { rate: number; start_s: number; end_s: number } | undefined;
  #first: StepFigures | undefined;
  #done: SearchRecord["stopped_by"];
  /** Draining after a failed step: since when, and how many calm seconds in a row so far. */
  #drain: { since_s: number; calm: number } | undefined;
  #recovery: SearchRecord["recovery"];
  /** The pool's cap (`max_users`); the search warns once when a step finds it full. */
  #maxUsers = 0;
  #warnedFull = false;

  constructor(readonly plan: SearchPlan, readonly thresholds: Thresholds, readonly cores: number) {}

  start(scenario: ResolvedScenario, control: StreamControl): void {
    this.#control = control;
    const first = scenario.workload.model === "open" ? scenario.workload.spans[0] : undefined;
    if (scenario.workload.model === "open") this.#maxUsers = scenario.workload.max_users;
    if (!first) return;
    const duration_s = first.duration_ms / 1000 - SEARCH_TAIL_S;
    this.#current = { rate: first.from_rate, start_s: 0, end_s: duration_s };
  }

  interval(snapshot: IntervalSnapshot): void {
    const point = pointOf(snapshot);
    this.#points.push(point);
    if (this.#drain && !snapshot.totals.stopping) return this.#drained(point);
    const step = this.#current;
    if (!step || snapshot.totals.stopping || snapshot.delta.t < step.end_s - 0.01) return;
    this.#current = undefined;
    const judged = this.#judge(step);
    this.#path.push(this.#pathStep(step, judged));
    this.#warnIfPoolFull(this.#path.at(-1)!);
    this.#next(snapshot.delta.t);
  }

  /** The search so far; a step the run ended in is not judged. */
  record(): SearchRecord {
    const path = [...this.#path];
    if (this.#current) {
      const f = this.#figures(this.#current);
      path.push({
        ...this.#pathStepBase(this.#current, f),
        verdict: "not_judged",
        reasons: ["the run ended before the step did"],
        failed: [],
      });
    }
    const steps = path.map((s) => ({ rate: s.rate, duration_s: s.end_s - s.start_s, verdict: s.verdict }));
    return {
      path,
      bracket: searchBracket(steps),
      stopped_by: this.#done ?? (this.#current ? "not_judged" : undefined),
      ...(this.#recovery ? { recovery: this.#recovery } : {}),
    };
  }

  #figures(step: { rate: number; start_s: number; end_s: number }): StepFigures {
    const window = { index: this.#path.length, target: step.rate, unit: "rate" as const, ...step };
    const settle_s = settleOf(this.plan, step.end_s - step.start_s);
    return stepFiguresFromTimeline(this.#points, [window], { settle_s })[0]!;
  }

  #judge(step: { rate: number; start_s: number; end_s: number }): SearchStepJudgement {
    const f = this.#figures(step);
    this.#first ??= f;
    const input = {
      ...f,
      thresholds: evaluateThresholds(stepJudgeable(this.thresholds), stepSubject(f), []),
    };
    const checks = judgeStep(input, { ...this.#first, thresholds: [] });
    const settled = pointsInStep(this.#points, step, settleOf(this.plan, step.end_s - step.start_s));
    const bound = generatorBound(settled, this.cores);
    return judgeSearchStep({
      offered_rate: step.rate,
      achieved_rps: f.rps,
      requests: f.requests,
      p95_per_second: settled.map((p) => ({ t: p.t, p95_ms: p.p95_ms })),
      checks,
      cut_short: false,
      ...(bound ? { generator_limit: bound } : {}),
    });
  }

  /**
   * Seconds of the step (settle included) that ended with every user of the pool busy. Read from the busy
   * users, not from the dropped starts: a start waits for a free user up to the request timeout before
   * it counts as dropped, often long after its step.
   */
  #poolFullIn(step: { start_s: number; end_s: number }): number {
    return pointsInStep(this.#points, step).filter((p) => p.users >= this.#maxUsers).length;
  }

  /**
   * The pool grows as the rate needs, up to max_users; a step that finds it full queues its starts and
   * falls short of its rate. Usually the target slowed down (its queue holds the users), but a fast
   * target at a high rate can need more users than the cap: say which cap, once.
   */
  #warnIfPoolFull(step: SearchPathStep): void {
    if (this.#warnedFull || !step.pool_full_s) return;
    this.#warnedFull = true;
    this.#control?.warn(
      `capacity search: at ${step.rate}/s all ${this.#maxUsers} users of the pool (max_users) were busy ` +
        `for ${step.pool_full_s} s of the step, so starts waited for a free user. If the target was still ` +
        `answering fast, raise max_users (the pool needs about rate × latency users).`,
    );
  }

  #pathStepBase(step: { rate: number; start_s: number; end_s: number }, f: StepFigures) {
    const poolFull = this.#poolFullIn(step);
    return {
      index: this.#path.length,
      rate: step.rate,
      start_s: step.start_s,
      end_s: step.end_s,
      requests: f.requests,
      achieved_rps: round(f.rps, 1),
      ...(f.requests > 0 && Number.isFinite(f.latency_ms.p95) ? { p95_ms: round(f.latency_ms.p95, 1) } : {}),
      ...(poolFull > 0 ? { pool_full_s: poolFull } : {}),
    };
  }

  #pathStep(
    step: { rate: number; start_s: number; end_s: number },
    judged: SearchStepJudgement,
  ): SearchPathStep {
    const base = this.#pathStepBase(step, this.#figures(step));
    const full = base.pool_full_s && judged.verdict === "failed"
      ? [
        `all ${this.#maxUsers} users of the pool (max_users) were busy for ${base.pool_full_s} s of the step`,
      ]
      : [];
    return { ...base, verdict: judged.verdict, reasons: [...judged.reasons, ...full], failed: judged.failed };
  }

  /** The rate that lets a queue drain: half the highest that held, or of the first step. */
  #calmRate(): number {
    const held = searchBracket(this.#steps()).held ?? this.plan.settings.start_rate;
    return this.plan.recovery_rate ?? round(held / 2, 1);
  }

  #steps(): SearchStep[] {
    return this.#path.map((s) => ({ rate: s.rate, duration_s: s.end_s - s.start_s, verdict: s.verdict }));
  }

  /** One second of draining: calm enough for long enough (or too long spent), and the next step starts. */
  #drained(point: TimelinePoint): void {
    const drain = this.#drain!;
    const first = this.#first;
    const calm = first !== undefined && point.requests > 0 &&
      point.p95_ms <= 1.5 * first.latency_ms.p95 + 5 && point.failures <= point.requests * 0.01;
    drain.calm = calm ? drain.calm + 1 : 0;
    if (drain.calm < DRAIN_CALM_S && point.t - drain.since_s < DRAIN_MAX_S) return;
    this.#drain = undefined;
    this.#next(point.t, true);
  }

  /**
   * Reschedules the next step one second after this one (that second runs on at the old rate), after a
   * drain when this one failed; or, when the search is over, the recovery stage.
   */
  #next(now_s: number, drained = false): void {
    const steps = this.#steps();
    const decision = nextSearchStep(this.plan.settings, steps);
    const from_s = Math.ceil(now_s) + 1;
    if (decision.kind === "step" && !drained && steps.at(-1)?.verdict === "failed") {
      this.#drain = { since_s: from_s, calm: 0 };
      this.#control?.reschedule(from_s, [span(this.#calmRate(), from_s, DRAIN_MAX_S + SEARCH_TAIL_S)]);
      return;
    }
    if (decision.kind === "step") {
      this.#current = { rate: decision.rate, start_s: from_s, end_s: from_s + decision.duration_s };
      this.#control?.reschedule(from_s, [span(decision.rate, from_s, decision.duration_s + SEARCH_TAIL_S)]);
      return;
    }
    this.#done = decision.reason;
    this.#recover(from_s, decision.bracket.failed);
  }

  /**
   * The recovery: when something failed, the lowest failing rate once more (the peak), then the calm
   * rate for `recovery_limit`, timed from the end of the peak as after the stepped mode's last step.
   */
  #recover(from_s: number, failed: number | undefined): void {
    const rate = this.#calmRate();
    const peak_s = failed === undefined ? 0 : stepDuration(this.plan.settings, failed);
    const start_s = from_s + peak_s;
    const end_s = start_s + this.plan.recovery_limit_s;
    const peak = failed === undefined ? undefined : { rate: failed, start_s: from_s, end_s: start_s };
    this.#recovery = { rate, start_s, end_s, ...(peak ? { peak } : {}) };
    const calm = span(rate, start_s, this.plan.recovery_limit_s);
    this.#control?.reschedule(from_s, peak ? [span(peak.rate, from_s, peak_s), calm] : [calm]);
  }
}
