/**
 * Runs one resolved scenario end to end: results directory first (fail before any load), the run with
 * progress, the result file, then the summary. Shared by `perf run` and `perf demo`.
 */
import { readCaFile } from "../config/ca_file.ts";
import { judge } from "../result/judge.ts";
import { CapacitySearchConsumer } from "../analysis/search_consumer.ts";
import { peakRate } from "../plan/arrival_schedule.ts";
import type { RunResult, ThresholdResult } from "../model/result.ts";
import { createRunDir, resultJson, writeFileAtomic } from "../result/write_result.ts";
import { writeRunReport } from "../report/html/write_run_report.ts";
import { ProgressPrinter } from "../report/progress.ts";
import { renderTextSummary } from "../report/text_summary.ts";
import type { ResolvedScenario } from "../plan/resolve_scenario.ts";
import { runScenario } from "../runner/run_scenario.ts";
import { endStream, type MeasurementConsumer } from "../runner/stream.ts";
import { LiveThresholdConsumer } from "../thresholds/live_consumer.ts";
import type { AlertDispatcher } from "../alert/dispatcher.ts";
import { type CliIo, useColor, warn } from "./io.ts";

export interface ExecuteOptions {
  outDir: string;
  /** The summary goes to stderr (stdout carries JSON: `--json -`). */
  summaryToStderr: boolean;
  quiet: boolean;
  configFile?: string;
  configDigest?: string;
  seed?: number;
  /** Alerts: live breaches during the run, the verdict at its end (absent: alerting is off). */
  alerts?: AlertDispatcher;
  /** Epoch ms at which the load starts (`--start-at`), instead of at once. */
  startAt?: number;
}

export interface Executed {
  result: RunResult;
  dir: string;
}

/** The load in words, for the start line: the model decides what the numbers mean. */
export function describeLoad(scenario: ResolvedScenario): string {
  const search = scenario.search?.settings;
  if (search) {
    return `a capacity search from ${search.start_rate} iterations/s (×${search.factor} until a step fails, ` +
      `then to ${search.precision * 100}%; at most ${search.max_duration_s}s of steps, then the recovery)`;
  }
  const seconds = `${scenario.run_time_ms / 1000}s`;
  const w = scenario.workload;
  if (w.model === "open") {
    const peak = peakRate(w.spans);
    const shape = w.spans.length === 1 && w.spans[0]!.from_rate === w.spans[0]!.to_rate
      ? `${peak} iterations/s`
      : `rate stages up to ${peak} iterations/s`;
    return `${shape} (open model, up to ${w.max_users} users) for ${seconds}`;
  }
  if (w.stages) return `user stages up to ${scenario.users} users for ${seconds}`;
  return `${scenario.users} users at ${scenario.spawn_rate}/s for ${seconds}`;
}

export async function executeScenario(
  scenario: ResolvedScenario,
  options: ExecuteOptions,
  io: CliIo,
): Promise<Executed> {
  const caCerts = scenario.ca_file ? [await readCaFile(scenario.ca_file, "tls.ca_file")] : undefined;
  const dir = await createRunDir(options.outDir, scenario.name, new Date());
  const progress = new ProgressPrinter(io.stderr, io.isTTY, scenario.name);
  if (!options.quiet) {
    io.stderr(`perf: running "${scenario.name}" against ${scenario.base_url}: ${describeLoad(scenario)}\n`);
  }
  const { live, search, consumers } = consumersFor(scenario, options, io, progress);
  const measured = await runScenario(scenario, {
    stopSignal: io.stopSignal,
    killSignal: io.killSignal,
    consumers,
    onWarning: (message) => warn(io, message),
    onLog: (line) => io.stderr(`[user] ${line}\n`),
    cores: io.cores,
    seed: options.seed,
    caCerts,
    startAt: options.startAt,
  });
  progress.finish();
  const run = {
    ...measured,
    ...(live ? { live_thresholds: live.records, threshold_abort: live.abort } : {}),
    ...(search ? { search: search.record() } : {}),
  };
  const result = judge(scenario, run, {
    run_id: dir.slice(dir.lastIndexOf("/") + 1),
    engine: scenario.engine,
    config_file: options.configFile,
    config_digest: options.configDigest,
  });
  const json = resultJson(result);
  await writeFileAtomic(`${dir}/result.json`, json);
  const report = await writeReportSafely(dir, result, io);
  const summaryOut = options.summaryToStderr ? io.stderr : io.stdout;
  summaryOut(renderTextSummary(result, { color: useColor(io) }));
  summaryOut(`Results: ${dir}/result.json\n`);
  if (report) summaryOut(`Report:  ${report}\n`);
  if (options.alerts?.enabled) await recordAlerts(options.alerts, result, dir, report, io);
  await endStream(consumers, result);
  return { result, dir };
}

/** What watches the run: the progress line, live thresholds (and their breach alerts), a capacity search. */
function consumersFor(
  scenario: ResolvedScenario,
  options: ExecuteOptions,
  io: CliIo,
  progress: ProgressPrinter,
) {
  const live = scenario.live_thresholds.length > 0
    ? new LiveThresholdConsumer(
      scenario.live_thresholds,
      options.alerts?.enabled
        ? (failed, t) => alertBreaches(options.alerts!, scenario, failed, t)
        : undefined,
    )
    : undefined;
  const search = scenario.search
    ? new CapacitySearchConsumer(
      scenario.search,
      scenario.thresholds,
      io.cores ?? navigator.hardwareConcurrency,
    )
    : undefined;
  const consumers: MeasurementConsumer[] = [
    ...(options.quiet ? [] : [progress]),
    ...(live ? [live] : []),
    ...(search ? [search] : []),
  ];
  return { live, search, consumers };
}

/** Each failing live threshold, with its own window, to the dispatcher (which applies the cooldown). */
function alertBreaches(
  alerts: AlertDispatcher,
  scenario: ResolvedScenario,
  failed: ThresholdResult[],
  t: number,
) {
  for (const threshold of failed) {
    const window_s = scenario.live_thresholds.find((l) => l.key === threshold.name)?.window_s ?? 0;
    alerts.breach([threshold], { scenario: scenario.name, base_url: scenario.base_url, t, window_s });
  }
}

/**
 * Sends the end-of-run alerts (and waits for the run's breach alerts), all within their time bound, then
 * records the outcomes in result.json. The result was written before any alert was tried, so a hung
 * mail server can delay the command by at most the bound, never cost the results.
 */
async function recordAlerts(
  alerts: AlertDispatcher,
  result: RunResult,
  dir: string,
  report: string | undefined,
  io: CliIo,
): Promise<void> {
  const outcomes = await alerts.end(result, { result: `${dir}/result.json`, report });
  if (outcomes.length === 0) return;
  result.alerts = outcomes;
  await writeFileAtomic(`${dir}/result.json`, resultJson(result));
  const sent = outcomes.filter((o) => o.ok).map((o) => `${o.kind} via ${o.channel}`);
  if (sent.length > 0) io.stderr(`perf: alerts sent: ${sent.join(", ")}\n`);
}

/**
 * Writes report.html and plots/ beside result.json. The result is already safe on disk, so a report
 * that fails to render is a warning (re-render it later with `perf report`), never a lost run or a
 * changed exit code.
 */
export async function writeReportSafely(
  dir: string,
  result: RunResult,
  io: Pick<CliIo, "stderr">,
): Promise<string | undefined> {
  try {
    return (await writeRunReport(dir, result)).html;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    warn(
      io,
      `could not write the HTML report in "${dir}": ${why}; ` +
        `result.json is complete (re-render with: perf report ${dir})`,
    );
    return undefined;
  }
}
