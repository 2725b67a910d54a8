/** The headless-Chromium harness the HTML report tests use: what it reports about a page, and its time limit. */
import { chromiumMissing, openPage } from "../helpers/chromium.ts";
import { assertToolAvailable } from "../helpers/tools.ts";
import { assert, assertEquals, assertGreater, assertLess, assertRejects } from "../helpers/assert.ts";

const NO_CHROMIUM = await chromiumMissing();

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CHART = `<svg width="200" height="100" viewBox="0 0 200 100">
  <path d="M0 90 L50 40 L100 60 L200 10" fill="none" stroke="#36c" stroke-width="3"/>
  <path d="M0 100 L200 100" stroke="#999"/>
</svg>`;

function html(body: string, head = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

/** Writes `content` as page.html in a fresh directory, runs `fn` with its path, then removes the directory. */
async function withPage(content: string, fn: (path: string, dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "perf-browser-" });
  try {
    await Deno.writeTextFile(`${dir}/page.html`, content);
    await fn(`${dir}/page.html`, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function browserTest(name: string, fn: () => Promise<void>): void {
  Deno.test(`browser harness: ${name}`, async () => {
    assertToolAvailable("chromium", NO_CHROMIUM);
    await fn();
  });
}

browserTest("reports console.error, evaluates an expression and writes a full-page PNG", async () => {
  const page = html(`<h1>Report</h1>${CHART}<script>console.error("chart data missing", 3)</script>`);
  await withPage(page, async (path, dir) => {
    const report = await openPage(path, {
      screenshotPath: `${dir}/shot.png`,
      evaluate: "document.querySelectorAll('svg path').length",
    });
    const scriptLine = page.split("\n").findIndex((line) => line.includes("console.error")) + 1;
    assertEquals(report.errors, [
      { source: "console", text: "chart data missing 3", url: report.url, line: scriptLine },
    ]);
    assert(report.url.startsWith("file:///") && report.url.endsWith("/page.html"), report.url);
    assertEquals(report.value, 2);
    assertEquals(report.requests, []);
    const png = await Deno.readFile(`${dir}/shot.png`);
    assertEquals([...png.subarray(0, 8)], PNG_MAGIC);
    assertGreater(png.length, 2_000, "a page with a heading and a chart is more than a blank PNG");
    assertEquals([report.screenshot?.width, report.screenshot?.height], [1280, 800]);
  });
});

browserTest("a page without script: no errors, no warnings, no requests", async () => {
  await withPage(html(`<h1>Static</h1>${CHART}`), async (path) => {
    const report = await openPage(path);
    assertEquals([report.errors, report.warnings, report.requests], [[], [], []]);
    assertEquals(report.value, undefined);
  });
});

browserTest("uncaught exceptions and dialogs are errors, console.warn is a warning", async () => {
  const script = `<script>console.warn("slow"); console.log("fine"); alert("hi");
    setTimeout(() => { throw new Error("late") })</script>`;
  await withPage(html(script), async (path) => {
    const report = await openPage(path);
    assertEquals(report.errors.map((e) => e.source), ["browser", "exception"]);
    assertEquals(report.errors[0]?.text, "alert() dialog: hi", "dismissed, so the page goes on loading");
    assert(report.errors[1]?.text.includes("Error: late"), report.errors[1]?.text);
    assertEquals(report.warnings.map((w) => w.text), ["slow"]);
  });
});

browserTest("an external image is reported as a request, and blocked", async () => {
  await withPage(html(`<img src="http://127.0.0.1:1/x.png" alt="">`), async (path) => {
    const report = await openPage(path);
    assertEquals(report.requests, [{ url: "http://127.0.0.1:1/x.png", type: "Image" }]);
    assert(report.errors.some((e) => e.source === "browser" && e.text.includes("ERR_BLOCKED_BY_CLIENT")));
  });
});

browserTest("colorScheme and emulateMedia reach the page's media queries", async () => {
  const style =
    `<style>body { background: white } @media (prefers-color-scheme: dark) { body { background: black } }
    @media print { h1 { display: none } }</style>`;
  const probe =
    `[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector("h1")).display]`;
  await withPage(html("<h1>Theme</h1>", style), async (path) => {
    const light = await openPage(path, { evaluate: probe, colorScheme: "light", emulateMedia: "screen" });
    const dark = await openPage(path, { evaluate: probe, colorScheme: "dark", emulateMedia: "print" });
    assertEquals(light.value, ["rgb(255, 255, 255)", "block"]);
    assertEquals(dark.value, ["rgb(0, 0, 0)", "none"]);
  });
});

browserTest("a page that never finishes loading fails within timeoutMs", async () => {
  await withPage(html("<script>while (true) {}</script>"), async (path) => {
    const started = performance.now();
    await assertRejects(() => openPage(path, { timeoutMs: 1_500 }), Error, "timed out after 1500 ms");
    // Worst case: the deadline plus four 2 s cleanup waits (close, exit, kill, stderr).
    assertLess(performance.now() - started, 1_500 + 4 * 2_000 + 1_000, "cleanup waits are bounded too");
  });
});
