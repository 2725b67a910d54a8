import { dateAxis } from "../../../src/report/chart/axes.ts";
import { dateStep, dateTicks, formatDateTick } from "../../../src/report/chart/date_ticks.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

Deno.test("formatDateTick: as precise as the step, in UTC", () => {
  const t = at("2026-11-25T08:05:09Z");
  assertEquals(formatDateTick(t, 86_400), "Nov 25");
  assertEquals(formatDateTick(t, 3600), "Nov 25 08:05");
  assertEquals(formatDateTick(t, 30), "Nov 25 08:05:09");
});

Deno.test("dateTicks: day steps fall on UTC midnights inside the range", () => {
  const min = at("2026-11-01T10:00:00Z");
  const max = at("2026-11-08T10:00:00Z");
  const ticks = dateTicks(min, max, 6);
  assert(ticks.length >= 3 && ticks.length <= 8, `ticks: ${ticks.length}`);
  for (const t of ticks) {
    assertEquals(t % 86_400, 0);
    assert(t >= min && t <= max);
  }
  assertEquals(dateStep(min, max, 6), 2 * 86_400);
});

Deno.test("dateAxis: one run gets room either side; labels carry dates", () => {
  const t = at("2026-11-25T08:00:00Z");
  const single = dateAxis([t, t], [0, 600]);
  assertEquals(single.scale.map(t), 300);
  const week = dateAxis([at("2026-11-01T00:00:00Z"), at("2026-11-08T00:00:00Z")], [0, 700]);
  assertEquals(week.ticks[0]!.label, "Nov 1");
  assertEquals(week.ticks[0]!.position, 0);
});
