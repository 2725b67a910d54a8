/** writeRunReport: report.html and plots/*.svg beside result.json, whole files only. */
import { renderRunReport, writeRunReport } from "../../../src/report/html/mod.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { demoResult } from "../../helpers/report_fixtures.ts";

Deno.test("writeRunReport writes the page and one SVG per chart, and leaves no temp files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "perf-report-" });
  try {
    const result = await demoResult();
    const written = await writeRunReport(`${dir}/`, result);
    assertEquals(written.html, `${dir}/report.html`);
    assertEquals(await Deno.readTextFile(written.html), renderRunReport(result));
    assertEquals(written.plots.length, 10);
    const onDisk: string[] = [];
    for await (const entry of Deno.readDir(`${dir}/plots`)) onDisk.push(entry.name);
    assertEquals(onDisk.toSorted(), written.plots.map((p) => p.slice(p.lastIndexOf("/") + 1)).toSorted());
    for (const plot of written.plots) {
      assertEquals((await Deno.readTextFile(plot)).startsWith("<?xml"), true, plot);
    }
    // Rendering again replaces the files in place.
    await writeRunReport(dir, result);
    const top: string[] = [];
    for await (const entry of Deno.readDir(dir)) top.push(entry.name);
    assertEquals(top.toSorted(), ["plots", "report.html"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
