/**
 * Results with the stress, endurance, monitor and live-threshold fields, for the report tests: three
 * recorded runs (a stress run against a 300 req/s server with a process monitor and one whose pid file
 * never existed; a 12 s soak against a server that slows down and leaks; a run a live threshold
 * aborted) and the monitors and endurance analysis added to the generated 24 h run. Deterministic.
 */
import { analyzeEndurance } from "../../src/analysis/endurance.ts";
import type { MonitorSeries, MonitorsResult } from "../../src/model/monitor.ts";
import { seededRandom } from "../../src/plan/weighted.ts";
import { monitorSeries } from "../../src/result/analyses.ts";
import type { RunResult, TimelinePoint } from "../../src/model/result.ts";

async function recorded(name: string): Promise<RunResult> {
  const url = new URL(`../fixtures/results/${name}.json`, import.meta.url);
  return JSON.parse(await Deno.readTextFile(url));
}

/** `perf run` stress 100..500/s in 5 s steps against a server answering 300 req/s (queueing the rest). */
export const stressResult = (): Promise<RunResult> => recorded("stress_capacity");

/** `perf run` endurance, 12 s against a server whose latency and memory grow every second. */
export const soakResult = (): Promise<RunResult> => recorded("endurance_soak");

/** `perf run` whose error_rate live threshold (2 s window, abort_on_fail) ended it: exit 108. */
export const liveAbortResult = (): Promise<RunResult> => recorded("live_abort");

const round2 = (n: number) => Math.round(n * 100) / 100;

function series(
  monitor: string,
  name: string,
  unit: MonitorSeries["unit"],
  source: MonitorSeries["source"],
  points: { t: number; value: number }[],
): MonitorSeries {
  return { monitor, name, source, unit, points };
}

/**
 * What a day of monitoring the shop's API process and its database pool looks like: CPU following the
 * load, memory leaking ~12 MB/h, steady threads, open files with the users; the pool's exporter down for
 * 20 minutes at 15 h.
 */
export function dayOfMonitors(timeline: readonly TimelinePoint[], seed: number): MonitorsResult {
  const random = seededRandom(seed);
  const noise = (size: number) => (random() - 0.5) * 2 * size;
  const at = timeline.map((p) => ({ t: p.t, users: p.users, hours: p.t / 3600 }));
  const outage = (t: number) => t >= 54_000 && t < 55_200;
  return {
    series: [
      series(
        "api",
        "cpu_pct",
        "%",
        "process",
        at.map((p) => ({ t: p.t, value: round2(Math.max(0, p.users * 0.31 + noise(3))) })),
      ),
      series(
        "api",
        "rss_mb",
        "MB",
        "process",
        at.map((p) => ({ t: p.t, value: round2(380 + 12 * p.hours + noise(4)) })),
      ),
      series("api", "threads", "count", "process", at.map((p) => ({ t: p.t, value: 24 }))),
      series(
        "api",
        "open_files",
        "count",
        "process",
        at.map((p) => ({ t: p.t, value: Math.round(40 + p.users / 4 + noise(3)) })),
      ),
      series(
        "db",
        "db_pool_active",
        "count",
        "prometheus",
        at.filter((p) => !outage(p.t)).map((p) => ({
          t: p.t,
          value: Math.max(0, Math.round(p.users / 10 + noise(2))),
        })),
      ),
    ],
    errors: [{
      monitor: "db",
      count: 28,
      last: "GET http://127.0.0.1:9187/metrics: connection refused",
      first_t: 54_000,
      last_t: 55_166.4,
    }],
  };
}

/** The generated 24 h run as perf now writes it: perf's own RSS per interval, monitors, the endurance analysis. */
export function withEnduranceAnalysis(result: RunResult, seed: number): RunResult {
  const random = seededRandom(seed);
  const timeline = result.timeline.map((p) => ({
    ...p,
    rss_mb: round2(210 + 25 * Math.min(1, p.t / 900) + 6 * random()),
  }));
  const monitors = dayOfMonitors(timeline, seed);
  const endurance = analyzeEndurance(timeline, monitorSeries(monitors), {
    // A day-long soak judged strictly: 2%/h is still +48% over the day.
    tolerance_pct_per_hour: 2,
    warmup_s: 600,
  });
  return { ...result, timeline, monitors, endurance };
}
