/**
 * The run report rendered from recorded and generated results: golden files (PERF_UPDATE_SNAPSHOTS=1
 * rewrites them), structural checks, what each kind of run shows, and the 24 h budget.
 */
import { renderPlots, renderRunReport } from "../../../src/report/html/mod.ts";
import { assert, assertEquals, assertLess, assertMatch } from "../../helpers/assert.ts";
import {
  demoResult,
  enduranceResult,
  errorsOnlyResult,
  manyEndpointsResult,
  oneEndpointResult,
} from "../../helpers/report_fixtures.ts";
import { chartsIn, section, snapshotReportTests } from "./report_checks.ts";

snapshotReportTests([
  ["demo_short", demoResult],
  ["endurance_24h", enduranceResult],
  ["errors_only", errorsOnlyResult],
  ["one_endpoint", oneEndpointResult],
  ["many_endpoints", manyEndpointsResult],
]);

Deno.test("demo report: header, verdict, thresholds, figures and every chart", async () => {
  const html = renderRunReport(await demoResult());
  assertMatch(html, /<title>perf · demo · PASS · 2026-11-25 08:34:36 UTC<\/title>/);
  assertMatch(html, /<code>http:\/\/127\.0\.0\.1:37687<\/code>/);
  assertMatch(html, /10 users, spawning 10\/s/);
  assertMatch(html, /http1 · 2 workers/);
  assertMatch(section(html, "verdict"), /PASS<\/span><span class="verdict-headline">All 3 thresholds met/);
  assertMatch(
    section(html, "verdict"),
    /response_time_p95<\/code><\/th><td[^>]*>whole run<\/td><td class="num">&lt;= 100 ms<\/td><td class="num">14.9 ms/,
  );
  assertMatch(section(html, "summary"), /670<\/span>|>670</);
  const charts = chartsIn(html).map((svg) => svg.match(/<title[^>]*>([^<]*)/)![1]);
  assertEquals(charts, [
    "Throughput and users over time",
    "Latency over time (p50, p95, p99 per interval)",
    "Failures over time",
    "Latency by percentile, whole run",
    "HTTP status codes",
    "Failures by kind",
    "GET /api/items/: latency by percentile",
    "POST /api/items/: latency by percentile",
    "Mean time per request phase (ms)",
    "Load generator: CPU and event-loop lag",
  ]);
});

Deno.test("a failed threshold fails the verdict and its row is marked", () => {
  const html = renderRunReport(enduranceResult());
  const verdict = section(html, "verdict");
  assertMatch(verdict, /verdict-fail/);
  assertMatch(verdict, /1 of 4 thresholds failed/);
  assertMatch(verdict, /<tr class="failed"><th scope="row"><code>response_time_p99.9<\/code>/);
  assertMatch(verdict, /✗ fail/);
});

Deno.test("stage changes are marked on the time charts", () => {
  const html = renderRunReport(enduranceResult());
  const throughput = chartsIn(html)[0]!;
  assertEquals((throughput.match(/class="marker"/g) ?? []).length, 3);
  assertMatch(throughput, /→ 200 users/);
  assertMatch(throughput, /→ 0 users/);
  assertMatch(section(html, "over-time"), /One point per 43.2s interval, 2000 in all/);
});

Deno.test("every request failed: no status-code chart, a note instead, failure kinds drawn", () => {
  const html = renderRunReport(errorsOnlyResult());
  assertMatch(html, /No HTTP responses: every request failed before a status line arrived/);
  assertMatch(html, /Every request failed: latency figures describe failures only/);
  assert(!html.includes('id="status-codes-title"'));
  assertMatch(html, /<title id="error-kinds-title">Failures by kind<\/title>/);
  assertMatch(html, /connection_refused: 3.98k \(total 3.98k failures\)/);
});

Deno.test("an interrupted run is flagged in the header and the verdict", () => {
  const html = renderRunReport(oneEndpointResult());
  assertMatch(html, /class="flag">⚠ interrupted/);
  assertMatch(
    section(html, "verdict"),
    /INTERRUPTED.*Stopped after 45.0 s of 2m; on the partial data, 0 of 1 threshold failed/s,
  );
  assertMatch(html, /45.0 s of 2m planned/);
});

Deno.test("open model with 30 endpoints: dropped iterations, one section and one spectrum each", () => {
  const result = manyEndpointsResult();
  const html = renderRunReport(result);
  assertEquals((html.match(/<article class="endpoint"/g) ?? []).length, 30);
  assertEquals((html.match(/<title id="endpoint-\d+-spectrum-title">/g) ?? []).length, 30);
  assertMatch(html, /Dropped iterations<\/span>/);
  assertMatch(html, /dropped\/s/);
  assertMatch(html, /500\/s scheduled \(open model\)/);
  const names = renderPlots(result).map((p) => p.name);
  assertEquals(new Set(names).size, names.length, "plot file names are unique");
  assert(names.includes("endpoint-get-api-v1-resource-01-id-details.svg"), names.join(" "));
});

Deno.test("every chart of the page is also a standalone SVG file", async () => {
  const result = await demoResult();
  const plots = renderPlots(result);
  assertEquals(plots.map((p) => p.name), [
    "throughput.svg",
    "latency.svg",
    "errors.svg",
    "spectrum.svg",
    "status_codes.svg",
    "error_kinds.svg",
    "phases.svg",
    "generator.svg",
    "endpoint-get-api-items.svg",
    "endpoint-post-api-items.svg",
  ]);
  assertEquals(plots.length, chartsIn(renderRunReport(result)).length);
  for (const plot of plots) {
    assert(
      plot.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
    );
    assert(/^[a-z0-9_-]+\.svg$/.test(plot.name), plot.name);
  }
});

Deno.test("a 24 h result renders in under 2 s into under 2 MB", () => {
  const result = enduranceResult();
  assertEquals(result.timeline.length, 2000);
  const started = performance.now();
  const html = renderRunReport(result);
  const elapsedMs = performance.now() - started;
  const plotsStarted = performance.now();
  const plots = renderPlots(result);
  const plotsMs = performance.now() - plotsStarted;
  const bytes = new TextEncoder().encode(html).length;
  console.log(
    `24 h report: ${elapsedMs.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KiB HTML; ` +
      `${plots.length} plots in ${plotsMs.toFixed(0)} ms`,
  );
  assertLess(elapsedMs, 2000);
  assertLess(bytes, 2 * 1024 * 1024);
});
