/**
 * The report in a real browser (headless Chromium): every chart draws its data, nothing is fetched,
 * nothing logs an error, the page fits the window, and screenshots (light, dark, print) land in
 * $PERF_SCREENSHOT_DIR (or a temp dir) for a human to look at.
 */
import { writeRunReport } from "../../src/report/html/mod.ts";
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertGreater } from "../helpers/assert.ts";
import { chromiumMissing, openPage } from "../helpers/chromium.ts";
import { assertToolAvailable } from "../helpers/tools.ts";
import { liveAbortResult, soakResult, stressResult } from "../helpers/analysis_fixtures.ts";
import { demoResult, enduranceResult } from "../helpers/report_fixtures.ts";

const NO_CHROMIUM = await chromiumMissing();

interface DrawnChart {
  title: string;
  lines: number;
  bars: number;
  width: number;
}

/** Runs in the page: what each chart actually drew, measured by the browser's own geometry. */
const MEASURE_CHARTS = `({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  charts: [...document.querySelectorAll("svg.perf-chart")].map((svg) => ({
    title: svg.querySelector("title")?.textContent ?? "",
    lines: [...svg.querySelectorAll("path.line")].filter((p) =>
      p.getTotalLength() > 5 && getComputedStyle(p).stroke !== "none").length,
    bars: [...svg.querySelectorAll("rect.bar")].filter((r) => r.getBBox().width > 0).length,
    width: svg.getBoundingClientRect().width,
  })),
})`;

async function screenshotDir(): Promise<string> {
  const dir = Deno.env.get("PERF_SCREENSHOT_DIR") ?? await Deno.makeTempDir({ prefix: "perf-shots-" });
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}

async function checkInBrowser(name: string, result: RunResult): Promise<void> {
  const runDir = await Deno.makeTempDir({ prefix: "perf-report-" });
  const shots = await screenshotDir();
  try {
    const { html } = await writeRunReport(runDir, result);
    const light = await openPage(html, {
      screenshotPath: `${shots}/${name}_light.png`,
      colorScheme: "light",
      evaluate: MEASURE_CHARTS,
    });
    assertEquals([light.errors, light.warnings, light.requests], [[], [], []], "no errors, no requests");
    const { overflow, charts } = light.value as { overflow: number; charts: DrawnChart[] };
    assertEquals(overflow, 0, "nothing wider than the window");
    assertGreater(charts.length, 5);
    for (const chart of charts) {
      assert(chart.lines > 0 || chart.bars > 0, `"${chart.title}" drew a line or bars`);
      assertGreater(chart.width, 200, `"${chart.title}" has room`);
    }
    const dark = await openPage(html, { screenshotPath: `${shots}/${name}_dark.png`, colorScheme: "dark" });
    assertEquals([dark.errors, dark.requests], [[], []]);
    const print = await openPage(html, {
      screenshotPath: `${shots}/${name}_print.png`,
      emulateMedia: "print",
    });
    assertEquals([print.errors, print.requests], [[], []]);
    console.log(
      `${name}: ${charts.length} charts drawn; screenshots in ${shots}/${name}_{light,dark,print}.png`,
    );
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
}

const CASES = [
  ["demo_short", demoResult],
  ["endurance_24h", enduranceResult],
  ["stress", stressResult],
  ["endurance_soak", soakResult],
  ["live_abort", liveAbortResult],
] as const;

for (const [name, load] of CASES) {
  Deno.test({
    name: `report in Chromium: ${name} draws every chart, offline, without errors`,
    async fn() {
      assertToolAvailable("chromium", NO_CHROMIUM);
      await checkInBrowser(name, await load());
    },
  });
}
