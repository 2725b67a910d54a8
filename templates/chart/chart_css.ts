/**
 * Chart styles. Colours come from CSS custom properties on `.perf-chart`, so the page's light and
 * dark themes (and print) restyle every chart without touching the SVG; `CHART_CSS` is inlined by the
 * report page. Standalone SVG files (`plots/*.svg`) embed `STANDALONE_CHART_CSS` instead: the same
 * rules with the light palette written out, since some SVG viewers do not resolve custom properties.
 */

/** Series colours, cycled by index (`series-0` … `series-7`). */
export const SERIES_COLOURS = 8;

type Palette = Readonly<Record<string, string>>;

export const LIGHT_PALETTE: Palette = {
  "bg": "#ffffff",
  "fg": "#1f2328",
  "muted": "#59636e",
  "grid": "#e3e8ee",
  "axis": "#818b98",
  "marker": "#8250df",
  "ok": "#1a7f37",
  "warn": "#bc4c00",
  "bad": "#cf222e",
  "neutral": "#6e7781",
  "series-0": "#0969da",
  "series-1": "#bc4c00",
  "series-2": "#1a7f37",
  "series-3": "#cf222e",
  "series-4": "#8250df",
  "series-5": "#1b7c83",
  "series-6": "#bf3989",
  "series-7": "#4d2d00",
};

export const DARK_PALETTE: Palette = {
  "bg": "#0d1117",
  "fg": "#e6edf3",
  "muted": "#9198a1",
  "grid": "#262c36",
  "axis": "#656c76",
  "marker": "#ab7df8",
  "ok": "#3fb950",
  "warn": "#f0883e",
  "bad": "#f85149",
  "neutral": "#8b949e",
  "series-0": "#4493f8",
  "series-1": "#f0883e",
  "series-2": "#3fb950",
  "series-3": "#ff7b72",
  "series-4": "#bc8cff",
  "series-5": "#39c5cf",
  "series-6": "#ff80c8",
  "series-7": "#d29922",
};

const customProperties = (palette: Palette) =>
  Object.entries(palette).map(([name, value]) => `--perf-chart-${name}:${value};`).join("");

const FONT = `font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:11px;`;

/** The rules, with `colour(name)` giving either a custom property reference or a literal colour. */
function chartRules(colour: (name: string) => string): string {
  const series = Array.from({ length: SERIES_COLOURS }, (_, i) => {
    const c = colour(`series-${i}`);
    return `.perf-chart .line.series-${i}{stroke:${c}}.perf-chart .area.series-${i},` +
      `.perf-chart .swatch.series-${i},.perf-chart .dot.series-${i}{fill:${c}}`;
  }).join("");
  const tones = ["ok", "warn", "bad", "neutral"].map((t) => `.perf-chart .bar.tone-${t}{fill:${colour(t)}}`)
    .join("");
  return [
    `.perf-chart{${FONT}}`,
    `.perf-chart text{fill:${colour("fg")}}`,
    `.perf-chart .tick-label,.perf-chart .unit-label{fill:${colour("muted")};font-size:10px}`,
    `.perf-chart .grid{stroke:${colour("grid")};stroke-width:1;shape-rendering:crispEdges}`,
    `.perf-chart .axis-line{stroke:${colour("axis")};stroke-width:1;shape-rendering:crispEdges}`,
    `.perf-chart .line{fill:none;stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}`,
    `.perf-chart .line,.perf-chart .grid,.perf-chart .axis-line,.perf-chart .marker{vector-effect:non-scaling-stroke}`,
    `.perf-chart .area{stroke:none;fill-opacity:.15}`,
    `.perf-chart .line.dashed{stroke-dasharray:6 4;stroke-width:2.5}`,
    `.perf-chart .dot{stroke:${colour("bg")};stroke-width:1}`,
    `.perf-chart .dot.failed{stroke:${colour("bad")};stroke-width:2.5}`,
    `.perf-chart .zone-bad{fill:${colour("bad")};fill-opacity:.07}`,
    `.perf-chart .zone-label{fill:${colour("bad")};font-size:10px}`,
    `.perf-chart .marker{stroke:${colour("marker")};stroke-width:1;stroke-dasharray:4 3}`,
    `.perf-chart .marker-label{fill:${colour("marker")};font-size:10px}`,
    `.perf-chart .bar-value{fill:${colour("muted")};font-size:10px}`,
    `.perf-chart .empty{fill:${colour("muted")};font-size:13px}`,
    `.perf-chart .background{fill:${colour("bg")}}`,
    series,
    tones,
  ].join("\n");
}

const viaCustomProperty = (name: string) => `var(--perf-chart-${name})`;
const lightLiteral = (name: string) => LIGHT_PALETTE[name] ?? "currentColor";

/**
 * For the report page: the light palette by default, the dark one under `prefers-color-scheme: dark`,
 * the light one again for print (finer lines, a lighter area fill, no page break inside a chart).
 */
export const CHART_CSS: string = [
  `.perf-chart{${customProperties(LIGHT_PALETTE)}}`,
  // Inline charts follow the page's width; a standalone file keeps the size its attributes give.
  `.perf-chart{display:block;width:100%;height:auto}`,
  `@media (prefers-color-scheme: dark){.perf-chart{${customProperties(DARK_PALETTE)}}}`,
  chartRules(viaCustomProperty),
  `@media print{.perf-chart{${customProperties(LIGHT_PALETTE)}break-inside:avoid}` +
  `.perf-chart .line{stroke-width:1.25}.perf-chart .area{fill-opacity:.1}}`,
].join("\n");

/** For standalone SVG files: light palette, literal colours. */
export const STANDALONE_CHART_CSS: string = chartRules(lightLiteral);
