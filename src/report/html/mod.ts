/**
 * The HTML run report (design §1, results directory): `report.html` and `plots/*.svg` from a RunResult.
 * `perf run` writes them after each scenario; `perf report` re-renders them from result JSON.
 *
 * ```ts
 * const result = JSON.parse(await Deno.readTextFile(`${dir}/result.json`));
 * const { html } = await writeRunReport(dir, result); // `${dir}/report.html`
 * ```
 */
export { type Plot, renderPlots, renderRunReport } from "./render_run_report.tsx";
export { allCharts, type ChartSpec, type RunCharts, runCharts } from "./run_charts.ts";
export type { Verdict } from "../../model/report_view.ts";
export { verdictOf } from "./verdict.ts";
export { writeRunReport, type WrittenReport } from "./write_run_report.ts";
