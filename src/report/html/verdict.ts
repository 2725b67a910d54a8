/**
 * The verdict a reader sees first: pass, fail, interrupted or "no thresholds", in one headline, with
 * the notes that change how to read the numbers (stop reason, saturated generator, dropped starts).
 */
import { ExitCode } from "../../errors.ts";
import type { RunResult, ThresholdResult } from "../../model/result.ts";
import type { Verdict } from "../../model/report_view.ts";
import { formatCount, formatRunLength } from "../../format/report_format.ts";

function failedCount(thresholds: readonly ThresholdResult[]): number {
  return thresholds.filter((t) => !t.ok).length;
}

const thresholdsWord = (n: number) => `threshold${n === 1 ? "" : "s"}`;

function headline(result: RunResult): Pick<Verdict, "tone" | "label" | "headline"> {
  const total = result.thresholds.length;
  const failed = failedCount(result.thresholds);
  if (result.run.status === "interrupted") {
    const judged = total === 0
      ? ""
      : `; on the partial data, ${failed} of ${total} ${thresholdsWord(total)} failed`;
    const planned = formatRunLength(result.run.run_time_s);
    return {
      tone: "interrupted",
      label: "INTERRUPTED",
      headline: `Stopped after ${formatRunLength(result.run.duration_s)} of ${planned}${judged}`,
    };
  }
  if (result.exit_code === ExitCode.thresholdAbort) {
    return { tone: "fail", label: "ABORTED", headline: "Ended early by a live threshold (abort_on_fail)" };
  }
  if (failed > 0) {
    return { tone: "fail", label: "FAIL", headline: `${failed} of ${total} ${thresholdsWord(total)} failed` };
  }
  if (total === 0) return { tone: "none", label: "DONE", headline: "No thresholds set: nothing to judge" };
  return { tone: "pass", label: "PASS", headline: `All ${total} ${thresholdsWord(total)} met` };
}

function notes(result: RunResult): string[] {
  const out: string[] = [];
  if (result.run.stop_reason) out.push(`The run ended early: ${result.run.stop_reason}.`);
  if (result.generator?.saturated) out.push(`Generator: ${result.generator.verdict}`);
  const dropped = result.summary.dropped_iterations ?? 0;
  if (dropped > 0) {
    out.push(
      `${formatCount(dropped)} iterations were dropped (no free user in time): the target was offered ` +
        `less than the schedule.`,
    );
  }
  if (result.summary.requests > 0 && result.summary.failures === result.summary.requests) {
    out.push("Every request failed: latency figures describe failures only.");
  }
  return out;
}

export function verdictOf(result: RunResult): Verdict {
  return { ...headline(result), notes: notes(result) };
}
