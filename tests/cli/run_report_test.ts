/** `perf run` writes report.html and plots/*.svg beside result.json, and a broken report never costs the run. */
import { writeReportSafely } from "../../src/cli/execute.ts";
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf } from "../helpers/cli.ts";
import { demoResult } from "../helpers/report_fixtures.ts";
import { countingServer } from "../helpers/targets.ts";
import { assertReportStructure } from "../report/html/report_checks.ts";

Deno.test("a short run writes report.html and plots/*.svg beside result.json and prints the path", async () => {
  const target = countingServer();
  const out = await Deno.makeTempDir({ prefix: "perf-run-report-" });
  try {
    const run = await runPerf([
      "run",
      "-s",
      "smoke",
      "-H",
      target.url,
      "-u",
      "2",
      "-t",
      "2s",
      "-o",
      out,
      "--quiet",
    ]);
    assertEquals(run.code, 0, run.stderr + run.stdout);
    const { dir, result } = await readOnlyResult(out);
    assertMatch(run.stdout, new RegExp(`Results: ${dir}/result.json\\nReport:  ${dir}/report.html\\n`));
    const html = await Deno.readTextFile(`${dir}/report.html`);
    assertReportStructure(html);
    assert(html.includes(`<code>${result.run.id}</code>`), "the page names its run");
    const plots: string[] = [];
    for await (const entry of Deno.readDir(`${dir}/plots`)) plots.push(entry.name);
    for (const name of ["throughput.svg", "latency.svg", "errors.svg", "spectrum.svg", "status_codes.svg"]) {
      assert(plots.includes(name), `plots/${name} in ${plots.join(", ")}`);
    }
  } finally {
    await target.close();
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a report that cannot be written is a warning: result.json stays, nothing is thrown", async () => {
  const dir = await Deno.makeTempDir({ prefix: "perf-run-report-" });
  try {
    let stderr = "";
    const io = { stderr: (text: string) => (stderr += text) };
    const broken = { ...(await demoResult()), timeline: null } as unknown as RunResult;
    assertEquals(await writeReportSafely(dir, broken, io), undefined);
    assertMatch(
      stderr,
      /^perf: warning: could not write the HTML report in ".*": .*result\.json is complete/,
    );
    assertEquals(await writeReportSafely(dir, await demoResult(), io), `${dir}/report.html`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
