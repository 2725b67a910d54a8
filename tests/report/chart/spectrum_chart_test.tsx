import { renderToString } from "preact-render-to-string";
import { spectrumFromEncoded } from "../../../src/report/chart/spectrum.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { spectrumChartDrawing, type SpectrumChartOptions } from "../../../src/report/chart/spectrum_chart.ts";
import { XyChart } from "../../../templates/chart/xy_plot.tsx";
import { assert, assertEquals, assertLess, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed, textOf } from "../../templates/chart/svg_checks.ts";

const spectrumChart = (options: SpectrumChartOptions) =>
  renderToString(<XyChart drawing={spectrumChartDrawing(options)} />);

Deno.test("spectrumChartDrawing draws one line per endpoint on the percentile axis", async () => {
  const result: RunResult = JSON.parse(
    await Deno.readTextFile(new URL("../../fixtures/results/demo_short.json", import.meta.url)),
  );
  const series = result.endpoints.map((e) => ({
    name: `${e.method} ${e.name}`,
    points: spectrumFromEncoded(e.histogram),
  }));
  const svg = spectrumChart({ id: "spectrum", title: "Latency by percentile", series });
  for (const label of ["0%", "90%", "99%", "99.9%", "99.99%"]) {
    assertMatch(svg, new RegExp(`>${label.replace(".", "\\.")}<`));
  }
  assertMatch(svg, /class="line series-0"/);
  assertMatch(svg, /class="line series-1"/);
  assertMatch(
    textOf(svg, "desc")!,
    /^Latency by percentile\. GET \/api\/items\/: p50 [\d.]+ ms, .*p99\.99 [\d.]+ ms; POST/,
  );
  assertIdsPrefixed(svg, "spectrum");
  assertBalancedTags(svg);
  assertLess(svg.length, 60_000);
});

Deno.test("spectrumChartDrawing with no histogram data shows the empty state", () => {
  const svg = spectrumChart({
    id: "s",
    title: "Latency by percentile",
    series: [{ name: "all", points: [] }],
  });
  assertMatch(svg, />no data</);
  assertEquals(textOf(svg, "desc"), "No data.");
  assert(!svg.includes("NaN"));
});
