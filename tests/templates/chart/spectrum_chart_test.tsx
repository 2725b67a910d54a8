import { renderToString } from "preact-render-to-string";
import { spectrumFromEncoded } from "../../../src/report/chart/spectrum.ts";
import type { RunResult } from "../../../src/model/result.ts";
import { SpectrumChart } from "../../../templates/chart/spectrum_chart.tsx";
import { assert, assertEquals, assertLess, assertMatch } from "../../helpers/assert.ts";
import { assertBalancedTags, assertIdsPrefixed, textOf } from "./svg_checks.ts";

Deno.test("SpectrumChart draws one line per endpoint on the percentile axis", async () => {
  const result: RunResult = JSON.parse(
    await Deno.readTextFile(new URL("../../fixtures/results/demo_short.json", import.meta.url)),
  );
  const series = result.endpoints.map((e) => ({
    name: `${e.method} ${e.name}`,
    points: spectrumFromEncoded(e.histogram),
  }));
  const svg = renderToString(<SpectrumChart id="spectrum" title="Latency by percentile" series={series} />);
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

Deno.test("SpectrumChart with no histogram data shows the empty state", () => {
  const svg = renderToString(
    <SpectrumChart id="s" title="Latency by percentile" series={[{ name: "all", points: [] }]} />,
  );
  assertMatch(svg, />no data</);
  assertEquals(textOf(svg, "desc"), "No data.");
  assert(!svg.includes("NaN"));
});
