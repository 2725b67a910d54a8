/** Structural checks on a rendered report page, shared by the snapshot and CLI tests. */
import { renderRunReport } from "../../../src/report/html/mod.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { assert, assertEquals, assertLess } from "../../helpers/assert.ts";
import { assertSnapshot } from "../../helpers/snapshot.ts";

/** Every inline chart, as the text from `<svg` to its `</svg>`. */
export function chartsIn(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

/** A chart draws data: a line with at least two points (straight or in steps), or a bar with a width. */
export function chartHasData(svg: string): boolean {
  const lines = [...svg.matchAll(/<path class="line [^"]*" d="([^"]*)"/g)].map((m) => m[1]!);
  const bars = [...svg.matchAll(/<rect class="bar [^"]*"[^>]*\swidth="([^"]*)"/g)].map((m) => Number(m[1]));
  return lines.some((d) => /^M[^M]*[LHV]/.test(d) || (d.match(/[ML]/g) ?? []).length >= 2) ||
    bars.some((w) => w > 0);
}

function assertIdsUniqueAndResolved(html: string): void {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  assertEquals(duplicates, [], "ids are unique on the page");
  const known = new Set(ids);
  const refs = [
    ...[...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!),
    ...[...html.matchAll(/aria-labelledby="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
  ];
  for (const ref of refs) assert(known.has(ref), `reference to a missing id "${ref}"`);
}

function assertSelfContained(html: string): void {
  assert(!/<script/i.test(html), "no <script>");
  assert(!/\son[a-z]+=/i.test(html), "no inline event handlers");
  assert(!/(?:src|href)="(?:https?:)?\/\//i.test(html), "no external src/href");
  assert(!/url\(\s*["']?(?:https?:)?\/\//i.test(html), "no external url() in CSS");
  assert(!/@import|<link\s/i.test(html), "no stylesheet links or imports");
}

function assertAccessible(html: string): void {
  assert(html.startsWith('<!doctype html>\n<html lang="en">'), "doctype and <html lang>");
  assert(/<title>[^<]+<\/title>/.test(html), "a page title");
  assert(/<h1>/.test(html), "an h1");
  const headers = [...html.matchAll(/<th(\s[^>]*)?>/g)].map((m) => m[1] ?? "");
  for (const attrs of headers) assert(/\sscope="(?:col|row)"/.test(attrs), `<th${attrs}> has a scope`);
  for (const svg of chartsIn(html)) {
    assert(/<title id="[^"]+">[^<]+<\/title>/.test(svg), "each chart has a <title>");
    assert(/<desc id="[^"]+">[^<]+<\/desc>/.test(svg), "each chart has a <desc>");
  }
}

/** Everything a report page must be, whatever the result. */
export function assertReportStructure(html: string): void {
  assertSelfContained(html);
  assertAccessible(html);
  assertIdsUniqueAndResolved(html);
  const charts = chartsIn(html);
  assert(charts.length >= 3, "at least the three time charts");
  charts.forEach((svg, i) => {
    const title = svg.match(/<title[^>]*>([^<]*)/)?.[1];
    assert(chartHasData(svg), `chart ${i} (${title}) draws data`);
  });
  const verdict = html.indexOf('id="verdict"');
  const thresholds = html.indexOf("</section>", verdict);
  assert(verdict > 0, "a verdict section");
  assertLess(thresholds, html.indexOf("<svg"), "verdict and thresholds come before the first chart");
  for (const bad of ["NaN", "undefined", "Infinity", "[object Object]"]) {
    assert(!html.includes(bad), `no "${bad}" in the page`);
  }
}

/**
 * One test per case: the run report matches `__snapshots__/<name>.html.snap` (next to this file), renders
 * the same twice and is well-formed; `more` runs further checks on the result and its page.
 */
export function snapshotReportTests(
  cases: [name: string, load: () => RunResult | Promise<RunResult>][],
  more?: (result: RunResult, html: string) => void,
): void {
  for (const [name, load] of cases) {
    Deno.test(`run report ${name}: matches its snapshot, renders the same twice, well-formed`, async () => {
      const result = await load();
      const html = renderRunReport(result);
      assertEquals(renderRunReport(structuredClone(result)), html, "deterministic");
      assertReportStructure(html);
      await assertSnapshot(new URL(`./__snapshots__/${name}.html.snap`, import.meta.url), html);
      more?.(result, html);
    });
  }
}

/** The text between the section's opening tag and its end. */
export function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  assert(start >= 0, `section ${id}`);
  return html.slice(start, html.indexOf("</section>", start));
}
