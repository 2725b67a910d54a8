/** The HTML run report's components: the page, and the chart view shared with `plots/*.svg`. */
export { ChartView } from "./chart_view.tsx";
export { REPORT_CSS } from "./report_css.ts";
export { RunReport, type RunReportProps } from "./run_report.tsx";
