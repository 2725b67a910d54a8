/** Chart specs drawn once for the page: the same charts under the same names, ids and titles kept. */
import { chartDrawing, drawRunCharts } from "../../../src/report/html/chart_drawing.ts";
import { runCharts } from "../../../src/report/html/run_charts.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { demoResult } from "../../helpers/report_fixtures.ts";

Deno.test("chartDrawing draws each kind of spec with the component that draws it", async () => {
  const charts = runCharts(await demoResult());
  assertEquals(chartDrawing(charts.throughput).kind, "xy");
  assertEquals(chartDrawing(charts.spectrum!).kind, "xy");
  assertEquals(chartDrawing(charts.statusCodes!).kind, "bar");
  const latency = chartDrawing(charts.latency);
  assertEquals([latency.id, latency.prefix, latency.title], [
    "latency",
    "latency",
    charts.latency.props.title,
  ]);
});

Deno.test("drawRunCharts keeps every chart under its name, and leaves absent ones absent", async () => {
  const charts = runCharts(await demoResult());
  const drawn = drawRunCharts(charts);
  assertEquals(Object.keys(drawn).toSorted(), Object.keys(charts).toSorted());
  assertEquals(drawn.stressSteps, undefined);
  assertEquals(drawn.endpoints.map((c) => c?.id), charts.endpoints.map((c) => c?.props.id));
});
