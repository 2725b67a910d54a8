/**
 * Live thresholds as a consumer of the measurement stream: each closed interval is judged over its
 * window; failures go to `onFailure` (breach alerts apply their own cooldown), and a failing
 * abort_on_fail threshold ends the run through the stream's control (exit 108).
 */
import type { LiveThresholdRecord, LiveThresholdSpec } from "../model/thresholds.ts";
import type { ThresholdAbort, ThresholdResult } from "../model/result.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import { rateAt } from "../plan/arrival_schedule.ts";
import type { IntervalSnapshot, MeasurementConsumer, StreamControl } from "../runner/stream.ts";
import { formatThresholdValue } from "../format/threshold_format.ts";
import { LiveThresholds } from "./live.ts";

export class LiveThresholdConsumer implements MeasurementConsumer {
  readonly #live: LiveThresholds;
  #scenario: ResolvedScenario | undefined;
  #control: StreamControl | undefined;
  /** The threshold that ended the run, if one did. */
  abort: ThresholdAbort | undefined;

  constructor(
    specs: readonly LiveThresholdSpec[],
    readonly onFailure?: (failed: ThresholdResult[], t: number) => void,
  ) {
    this.#live = new LiveThresholds([...specs]);
  }

  /** How each live threshold fared so far. */
  get records(): LiveThresholdRecord[] {
    return [...this.#live.records];
  }

  start(scenario: ResolvedScenario, control: StreamControl): void {
    this.#scenario = scenario;
    this.#control = control;
  }

  interval({ delta, totals }: IntervalSnapshot): void {
    if (totals.stopping || this.abort) return;
    const verdict = this.#live.observe(delta);
    if (verdict.failed.length > 0) this.onFailure?.(verdict.failed, delta.t);
    if (!verdict.abort) return;
    const abort = this.abort = verdict.abort;
    const over = abort.window_s > 0 ? `over the last ${abort.window_s} s` : "over the run so far";
    const reason =
      `threshold ${abort.name} failed ${over} at ${abort.t} s, ${this.#loadAt(abort.t, totals)} ` +
      `(${formatThresholdValue(abort.unit, abort.value)}, limit ${abort.threshold})`;
    this.#control?.warn(`${reason}: abort_on_fail, ending the run`);
    this.#control?.stop(reason);
  }

  /** The load when the threshold failed: the scheduled rate (open model) or the users running. */
  #loadAt(t: number, totals: IntervalSnapshot["totals"]): string {
    const w = this.#scenario?.workload;
    if (w?.model === "open") return `at ${Math.round(rateAt(w.spans, t * 1000))}/s`;
    return `with ${totals.users} users`;
  }
}
