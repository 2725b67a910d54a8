/** The report's charts: components, their CSS, and standalone SVG rendering. */
export { BarChart } from "./bar_chart.tsx";
export { CHART_CSS, STANDALONE_CHART_CSS } from "./chart_css.ts";
export { LoadChart } from "./load_chart.tsx";
export { standaloneSvg } from "./standalone.tsx";
export { XyChart } from "./xy_plot.tsx";
