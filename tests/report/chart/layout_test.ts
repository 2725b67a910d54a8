import {
  chartText,
  legendLayout,
  plotRect,
  safeId,
  textWidth,
  truncateText,
} from "../../../src/report/chart/layout.ts";
import { assertEquals } from "../../helpers/assert.ts";

Deno.test("plotRect takes the margins off and never goes negative", () => {
  assertEquals(plotRect(720, 260, { top: 30, right: 20, bottom: 28, left: 50 }), {
    x: 50,
    y: 30,
    width: 650,
    height: 202,
    right: 700,
    bottom: 232,
  });
  const tiny = plotRect(10, 10, { top: 30, right: 20, bottom: 28, left: 50 });
  assertEquals([tiny.width, tiny.height], [0, 0]);
});

Deno.test("legendLayout places entries left to right and wraps past the width", () => {
  const items = legendLayout(["p50", "p95", "p99"], 10, 12, 1000);
  assertEquals(items.map((i) => i.y), [12, 12, 12]);
  assertEquals(items[0]!.x, 10);
  const step = 12 + 4 + textWidth("p50") + 14;
  assertEquals(items[1]!.x, 10 + step);
  // Each entry takes swatch 12 + gap 4 + the label + gap 14: "a long series name" takes 148.8 px.
  const wrapped = legendLayout(["a long series name", "x", "another long series name", "y"], 0, 12, 200);
  assertEquals(wrapped.map((i) => [Math.round(i.x * 10) / 10, i.y]), [[0, 12], [148.8, 12], [0, 28], [
    0,
    44,
  ]]);
});

Deno.test("safeId keeps letters, digits, - and _; starts with a letter", () => {
  const cases: [string, string][] = [
    ["latency", "latency"],
    ["GET /api/items", "GET-api-items"],
    ["2xx", "c2xx"],
    ["a.b:c", "a-b-c"],
  ];
  for (const [id, safe] of cases) assertEquals(safeId(id), safe, id);
});

Deno.test("chartText keeps the id as given and prefixes the SVG ids with its safe form", () => {
  assertEquals(chartText("GET /items", "Latency", "No data."), {
    id: "GET /items",
    prefix: "GET-items",
    title: "Latency",
    desc: "No data.",
  });
});

Deno.test("truncateText shortens with an ellipsis only when needed", () => {
  assertEquals(truncateText("http_500", 200), "http_500");
  const cut = truncateText("a_very_long_error_kind_name_indeed", 66);
  assertEquals(cut, "a_very_lo…");
});
