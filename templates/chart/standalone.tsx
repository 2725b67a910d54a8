/** Charts as standalone SVG files (`plots/*.svg`): namespace, fixed size, light palette embedded. */
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { StandaloneContext } from "./parts.tsx";

/**
 * Renders a chart element (`<LineChart …/>`, `<BarChart …/>`, `<SpectrumChart …/>`) to the text of a
 * complete SVG file.
 *
 * ```tsx
 * await Deno.writeTextFile("plots/latency.svg", standaloneSvg(<LineChart id="latency" … />));
 * ```
 */
export function standaloneSvg(chart: VNode): string {
  const svg = renderToString(<StandaloneContext.Provider value>{chart}</StandaloneContext.Provider>);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
