/**
 * The report sections for stress, endurance, resource monitors and live thresholds, rendered from
 * recorded runs and the generated 24 h run: golden files (PERF_UPDATE_SNAPSHOTS=1 rewrites them),
 * structure, and what each section says and draws.
 */
import { renderPlots, renderRunReport } from "../../../src/report/html/mod.ts";
import { liveAbortResult, soakResult, stressResult } from "../../helpers/analysis_fixtures.ts";
import { assert, assertEquals, assertMatch } from "../../helpers/assert.ts";
import { enduranceResult } from "../../helpers/report_fixtures.ts";
import { chartsIn, section, snapshotReportTests } from "./report_checks.ts";

snapshotReportTests([
  ["stress_capacity", stressResult],
  ["endurance_soak", soakResult],
  ["live_abort", liveAbortResult],
], (result, html) => {
  const plots = renderPlots(result);
  assertEquals(plots.length, chartsIn(html).length, "every chart of the page is in plots/");
  assertEquals(new Set(plots.map((p) => p.name)).size, plots.length, "plot names are unique");
});

const titles = (html: string) => chartsIn(html).map((svg) => svg.match(/<title[^>]*>([^<]*)/)![1]);
const navLabels = (html: string) =>
  [...html.slice(0, html.indexOf("</nav>")).matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);

Deno.test("stress: summary, cards with the breaking point, steps table, steps chart, recovery curve", async () => {
  const html = renderRunReport(await stressResult());
  assertEquals(navLabels(html), [
    "verdict",
    "summary",
    "over-time",
    "stress",
    "resources",
    "distribution",
    "endpoints",
    "phases",
    "generator",
  ]);
  const stress = section(html, "stress");
  assertMatch(stress, /<h2 id="stress-heading">Stress: steps and breaking point<\/h2>/);
  assertMatch(stress, /Sustained 300 req\/s at 300\/s\. Broke at 400\/s/);
  assertMatch(
    stress,
    /300\.0<span class="figure-unit">req\/s<\/span><\/span><span class="figure-label">Max sustainable/,
  );
  assertMatch(stress, /400\/s<\/span><span class="figure-label">Breaking point<\/span>/);
  assertMatch(stress, /failed response_time_p95 815 ms \(&lt;= 100 ms\)/);
  assertMatch(
    stress,
    /9<span class="figure-unit">s<\/span><\/span><span class="figure-label">Recovery after the peak/,
  );
  // Five steps, the last two failed, the first of them the breaking point.
  const rows = [...stress.matchAll(/<tr( class="failed")?><th scope="row" class="step-load">([^<]+)/g)];
  assertEquals(rows.map((m) => [m[2], m[1] !== undefined]), [
    ["100/s", false],
    ["200/s", false],
    ["300/s", false],
    ["400/s", true],
    ["500/s", true],
  ]);
  assertEquals((stress.match(/breaking point<\/span>/g) ?? []).length, 1);
  assertMatch(stress, /Monitored resources per step/);
  const steps = chartsIn(stress).find((svg) => svg.includes('id="stress-steps-title"'))!;
  assertEquals((steps.match(/class="dot [^"]*failed"/g) ?? []).length, 4, "two series × two failed steps");
  assertMatch(steps, /class="zone-bad"/);
  assertMatch(steps, /breaking point: 400\/s/);
  const recovery = chartsIn(stress).find((svg) => svg.includes('id="stress-recovery-title"'))!;
  assertMatch(recovery, /recovered after 9 s/);
  assertMatch(recovery, /baseline band: p95 ≤ 21\.3 ms/);
});

Deno.test("a monitor that never answered shows its error instead of a chart", async () => {
  const html = renderRunReport(await stressResult());
  const resources = section(html, "resources");
  assertEquals(titles(resources), [
    "api: cpu_pct (%)",
    "api: rss_mb (MB)",
    "api: threads",
    "api: open_files",
  ]);
  assertMatch(
    resources,
    /<h3>db <\/h3><p class="empty-note monitor-failed">No sample succeeded: 46 failures/,
  );
  assertMatch(resources, /<caption>Monitor errors<\/caption>/);
  assertMatch(resources, /pid_file &quot;\/tmp\/gen\/no-such-db\.pid&quot; not found/);
});

Deno.test("endurance: verdict with reasons, p95 with its fitted drift, drift table, consistency, periods", async () => {
  const html = renderRunReport(await soakResult());
  const endurance = section(html, "endurance");
  assertMatch(endurance, /✗ Drift beyond tolerance/);
  assertMatch(endurance, /<li>p95_ms rising 35050 ms\/h/);
  const failing = [...endurance.matchAll(/<tr class="failed"><th scope="row"><code>([^<]+)/g)].map((m) =>
    m[1]
  );
  assertEquals(failing, ["p95_ms", "rps", "app.app_memory_bytes"]);
  assertMatch(endurance, /36\.6 ms → 144 ms/);
  assertMatch(endurance, /\+3605 MB\/h/);
  const drift = chartsIn(endurance)[0]!;
  assertMatch(drift, /<title id="endurance-drift-title">p95 over time with its fitted drift/);
  assertMatch(drift, /class="line series-3 dashed"/);
  assertMatch(drift, /fitted: \+35050 ms\/h \(\+95820%\/h\)/);
  assertMatch(endurance, /consistent<\/span><span class="figure-label">Response times/);
  assertMatch(endurance, /<caption>Errors per period/);
  // The monitors' fitted drift lies beside their series, dashed, in the series' colour.
  const memory = chartsIn(section(html, "resources"))[0]!;
  assertMatch(memory, /class="line series-0 dashed"/);
});

Deno.test("live thresholds: a table beside the thresholds; the abort is the verdict", async () => {
  const html = renderRunReport(await liveAbortResult());
  const verdict = section(html, "verdict");
  assertMatch(verdict, /ABORTED/);
  assertMatch(verdict, /<caption>Live thresholds/);
  const row = verdict.slice(verdict.indexOf('<table class="live-thresholds"'));
  const cells = [...row.matchAll(/<t[dh][^>]*>(?:<code>)?([^<]*)/g)].map((m) => m[1]).slice(-9);
  assertEquals(cells, [
    "error_rate",
    "&lt;= 20%",
    "2s",
    "1s",
    "yes",
    "3",
    "1",
    "at 3s: 42.62%",
    "42.62% at 3s",
  ]);
});

Deno.test("24 h run: endurance and resources sections, a partly failing monitor, perf's own memory", () => {
  const html = renderRunReport(enduranceResult());
  assertEquals(navLabels(html).slice(2, 5), ["over-time", "endurance", "resources"]);
  const endurance = section(html, "endurance");
  assertMatch(endurance, /<li>p95_ms rising/);
  assertMatch(endurance, /<li>api\.rss_mb rising 12/);
  assertEquals((endurance.match(/<th scope="row">\d/g) ?? []).length, 24, "one row per hour");
  const resources = section(html, "resources");
  assertMatch(resources, /db <span class="pill">Prometheus<\/span>/);
  assertMatch(resources, /<title id="monitor-db-db-pool-active-title">db: db_pool_active/);
  assertMatch(resources, /connection refused/);
  assert(!resources.includes("No sample succeeded"), "db answered most of the day");
  assertMatch(section(html, "generator"), /Load generator: resident memory \(RSS\)/);
  const names = renderPlots(enduranceResult()).map((p) => p.name);
  for (
    const file of [
      "endurance_drift.svg",
      "endurance_periods.svg",
      "monitor-api-cpu.svg",
      "monitor-api-memory.svg",
      "monitor-api-threads.svg",
      "monitor-db-db-pool-active.svg",
      "generator_memory.svg",
    ]
  ) assert(names.includes(file), `${file} in ${names.join(" ")}`);
});

Deno.test("results without the new fields show none of the new sections", () => {
  const result = enduranceResult();
  const { endurance: _e, monitors: _m, ...plain } = result;
  const html = renderRunReport(plain);
  for (const id of ["stress", "endurance", "resources"]) assert(!html.includes(`<section id="${id}"`), id);
  assert(!html.includes("Live thresholds"));
});
