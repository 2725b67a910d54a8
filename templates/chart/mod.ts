/** The report's charts: components, their CSS, and standalone SVG rendering. */
export { BarChart, type BarChartProps } from "./bar_chart.tsx";
export { CHART_CSS, STANDALONE_CHART_CSS } from "./chart_css.ts";
export { LineChart, type LineChartProps } from "./line_chart.tsx";
export { LoadChart, type LoadChartProps } from "./load_chart.tsx";
export { SpectrumChart, type SpectrumChartProps } from "./spectrum_chart.tsx";
export { standaloneSvg } from "./standalone.tsx";
