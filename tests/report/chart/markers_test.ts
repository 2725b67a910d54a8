import { plotRect } from "../../../src/report/chart/layout.ts";
import { markerLines } from "../../../src/report/chart/markers.ts";
import { linearScale } from "../../../src/report/chart/scales.ts";
import { assertEquals } from "../../helpers/assert.ts";

const plot = plotRect(540, 200, { top: 20, right: 20, bottom: 20, left: 20 });
const x = linearScale([0, 100], [plot.x, plot.right]);

Deno.test("markerLines place lines at the data x, span the plot, drop markers outside the domain", () => {
  const lines = markerLines(
    [{ x: 50, label: "hold" }, { x: 10, label: "ramp" }, { x: 150, label: "late" }],
    x,
    plot,
  );
  assertEquals(lines.map((l) => [l.x, l.y1, l.y2, l.label]), [[70, 20, 180, "ramp"], [270, 20, 180, "hold"]]);
  assertEquals(lines[0]!.anchor, "start");
  assertEquals(lines[0]!.labelX, 73);
});

Deno.test("markerLines drop a label that would overlap the previous one but keep its line", () => {
  const lines = markerLines([{ x: 10, label: "stage one" }, { x: 11, label: "stage two" }], x, plot);
  assertEquals(lines.map((l) => l.label), ["stage one", undefined]);
  assertEquals(lines.length, 2);
});

Deno.test("markerLines anchor labels near the right edge to the left of their line", () => {
  const [line] = markerLines([{ x: 99, label: "ramp down" }], x, plot);
  assertEquals(line!.anchor, "end");
  assertEquals(line!.labelX, line!.x - 3);
});
