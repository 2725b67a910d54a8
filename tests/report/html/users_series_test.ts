/**
 * The throughput chart's users line: users are counted at each timeline point's t, and the last point
 * (flushed once every user stopped) counts 0. The line must hold the level until that last point and
 * drop there, not an interval early while requests were still being sent.
 */
import { renderPlots } from "../../../src/report/html/mod.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";
import { demoResult } from "../../helpers/report_fixtures.ts";

/** The `d` of each series line in an SVG, in order. */
function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<path class="line [^"]*" d="([^"]+)"/g)].map((m) => m[1]!);
}

Deno.test("users line drops to 0 at the last throughput point, not one interval before", async () => {
  const result = await demoResult();
  const timeline = result.timeline;
  assertEquals(timeline[timeline.length - 1]!.users, 0, "the fixture's last point counts no users");
  const svg = renderPlots(result).find((p) => p.name === "throughput.svg")!.svg;
  const [rps, users] = linePaths(svg);
  assert(rps !== undefined && users !== undefined, "throughput and users lines");
  const lastX = rps.match(/(?:[ML]|^)([\d.]+),[\d.]+$/)?.[1] ?? rps.split("L").at(-1)!.split(",")[0]!;
  // The users line reaches the last point's x at the level before, then drops: "…H<lastX>V<zero>".
  assert(users.includes(`H${lastX}V`), `users ends with a drop at x=${lastX}: ${users.slice(-60)}`);
  assert(!/V[\d.]+H[\d.]+$/.test(users), `no level change before the last x: ${users.slice(-60)}`);
});
