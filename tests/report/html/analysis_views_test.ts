/** The pure pieces behind the stress, endurance, resources and live-threshold sections. */
import type { EndurancePeriod } from "../../../src/model/analysis.ts";
import type { StressAnalysis } from "../../../src/model/analysis.ts";
import { driftLevel, driftSlope, periodRows } from "../../../src/report/html/endurance_view.ts";
import { liveThresholdRows } from "../../../src/report/html/live_view.ts";
import { monitorPoints, monitorViews } from "../../../src/report/html/resource_charts.ts";
import { recoveryChart, searchPathChart, stressStepsChart } from "../../../src/report/html/stress_charts.ts";
import { stressCards } from "../../../src/report/html/stress_view.ts";
import { stressResult } from "../../helpers/analysis_fixtures.ts";
import { assertEquals, assertMatch } from "../../helpers/assert.ts";

async function stress(change: (s: StressAnalysis) => Partial<StressAnalysis>): Promise<StressAnalysis> {
  const s = (await stressResult()).stress!;
  return { ...s, ...change(s) };
}

const card = (s: StressAnalysis, label: RegExp) => stressCards(s).find((c) => label.test(c.label))!;

Deno.test("stress cards: never broke, broke at once, did not recover, recovery not measured", async () => {
  const never = await stress((s) => {
    const last = s.steps.at(-1)!;
    return {
      breaking_point: undefined,
      steps: s.steps.map((x) => ({ ...x, ok: true })),
      max_sustainable_step: { index: last.index, target: last.target, unit: last.unit, rps: last.rps },
    };
  });
  assertEquals(card(never, /Breaking/), {
    label: "Breaking point",
    value: "not reached",
    tone: "ok",
    detail: "every judged step up to 500/s passed",
  });
  assertEquals(card(await stress(() => ({ max_sustainable_step: undefined })), /Max/).value, "none");
  const stuck = await stress((s) => ({
    recovery: {
      ...s.recovery,
      recovered: false,
      recovery_s: undefined,
      explanation: "p95 stayed above 21.3 ms",
    },
  }));
  assertEquals(card(stuck, /Recovery/).value, "did not recover within 20 s");
  assertEquals([card(stuck, /Recovery/).tone, card(stuck, /Recovery/).detail], [
    "bad",
    "p95 stayed above 21.3 ms",
  ]);
  const cut = await stress((s) => ({
    recovery: {
      ...s.recovery,
      recovered: false,
      explanation: "not measured: the run ended before the recovery stage",
    },
  }));
  assertEquals([card(cut, /Recovery/).value, card(cut, /Recovery/).tone], ["not measured", "warn"]);
});

Deno.test("stress charts: users on the x axis without an offered-rate line; no recovery chart without a recovery", async () => {
  const result = await stressResult();
  const users = stressStepsChart({
    ...result.stress!,
    steps: result.stress!.steps.map((s) => ({ ...s, unit: "users" })),
  })!;
  assertEquals([users.xSuffix, users.series.length], ["", 2]);
  assertMatch(users.title, /x: users/);
  const lastStep = result.stress!.steps.at(-1)!;
  const cut = { ...result, timeline: result.timeline.filter((p) => p.t <= lastStep.end_s) };
  assertEquals(recoveryChart(cut), undefined);
  assertEquals(stressStepsChart({ ...result.stress!, steps: [] }), undefined);
});

Deno.test("monitor points: a gap where samples stop for a while; charts per unit, counts apart", async () => {
  const points = [0, 1, 2, 3, 10, 11].map((t) => ({ t, value: t }));
  assertEquals(monitorPoints(points).map((p) => p.y), [0, 1, 2, 3, undefined, 10, 11]);
  const views = monitorViews(await stressResult());
  assertEquals(views.map((v) => [v.monitor, v.charts.map((c) => c.id), v.error?.count]), [
    [
      "api",
      ["monitor-api-cpu", "monitor-api-memory", "monitor-api-threads", "monitor-api-open_files"],
      undefined,
    ],
    ["db", [], 46],
  ]);
});

Deno.test("drift in words: levels and slopes in the series' unit, percentages in points", () => {
  assertEquals(driftLevel({ unit: "fraction" }, 0.0012), "0.12%");
  assertEquals(driftLevel({ unit: "ms" }, 35.41), "35.4 ms");
  assertEquals(driftLevel({ unit: "count" }, 24), "24");
  assertEquals(driftLevel({ unit: "MB" }, null), "—");
  assertEquals(driftSlope({ unit: "fraction", slope_per_hour: 0.000033 }), "+0.0033 pp/h");
  assertEquals(driftSlope({ unit: "MB", slope_per_hour: 12.0004 }), "+12 MB/h");
  assertEquals(driftSlope({ unit: "count", slope_per_hour: -0.2 }), "-0.2 /h");
});

Deno.test("periods: all of them up to 48, else the 12 worst in time order; only unusual ones stand out", () => {
  const period = (k: number, rate: number): EndurancePeriod => ({
    start_s: k * 60,
    end_s: (k + 1) * 60,
    requests: 1000,
    failures: rate * 1000,
    error_rate: rate,
    p95_ms: 10,
  });
  const some = [0.001, 0.001, 0.02, 0.001].map((r, k) => period(k, r));
  assertEquals(periodRows(some).rows.map((r) => r.bad), [false, false, true, false]);
  const many = Array.from({ length: 100 }, (_, k) => period(k, k % 10 === 3 ? 0.05 : 0));
  const { rows, note } = periodRows(many);
  assertEquals(rows.length, 12);
  // The ten failing periods, and the earliest two others to fill the twelve, in time order.
  assertEquals(rows.filter((r) => r.bad).length, 10);
  assertEquals(rows.slice(0, 3).map((r) => r.span), ["0s – 1m", "1m – 2m", "3m – 4m"]);
  assertEquals(note, "The 12 periods with the highest error rate, of 100.");
});

Deno.test("live thresholds: a window of 0 is the run so far; never failed reads as a dash", () => {
  const [row] = liveThresholdRows([{
    name: "response_time_p95",
    key: "response_time_p95",
    unit: "ms",
    threshold: "<= 100 ms",
    window_s: 0,
    delay_s: 0,
    abort_on_fail: false,
    evaluations: 1200,
    failed_evaluations: 0,
    last: { t: 1200, value: 14.2, ok: true },
  }]);
  assertEquals(
    [row!.window, row!.delay, row!.evaluations, row!.firstFailure, row!.last, row!.bad],
    ["whole run so far", "none", "1\u202f200", "—", "14.2 ms at 20m", false],
  );
});

Deno.test("search path chart: each step's offered rate with a gap after it, req/s answered, a verdict per step", async () => {
  const result = await stressResult();
  assertEquals(searchPathChart(result), undefined, "fixed steps have no search path");
  const step = (index: number, rate: number, start_s: number, verdict: "held" | "failed") => ({
    index,
    rate,
    start_s,
    end_s: start_s + 4,
    requests: rate * 4,
    achieved_rps: Math.min(rate, 300),
    verdict,
    reasons: [],
    failed: [],
  });
  const search = {
    path: [step(0, 160, 0, "held"), step(1, 320, 5, "failed"), step(2, 226, 15, "held")],
    bracket: { held: 226, failed: 320 },
    stopped_by: "max_duration" as const,
    recovery: { rate: 113, start_s: 24, end_s: 34, peak: { rate: 320, start_s: 20, end_s: 24 } },
  };
  const chart = searchPathChart({ ...result, stress: { ...result.stress!, search } })!;
  assertEquals(chart.series[0]!.points.slice(0, 6), [
    { x: 0, y: 160 },
    { x: 4, y: 160 },
    { x: 4, y: undefined },
    { x: 5, y: 320 },
    { x: 9, y: 320 },
    { x: 9, y: undefined },
  ]);
  assertEquals(chart.series[0]!.points.length, 3 * 5, "three steps, the peak and the recovery");
  assertEquals(chart.markers?.map((m) => m.label), ["✓ 160/s", "✗ 320/s", "✓ 226/s"]);
  assertEquals(chart.yLabel, "req/s");
});
