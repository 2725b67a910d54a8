import { assert, assertAlmostEquals, assertEquals } from "../helpers/assert.ts";
import {
  arrivalsBy,
  arrivalTimeMs,
  constantRate,
  rateSpans,
  rescheduleFrom,
  scheduleLengthMs,
} from "../../src/plan/arrival_schedule.ts";

Deno.test("constant rate: arrival k is due at k / rate seconds", () => {
  const schedule = constantRate(100, 2000);
  assertEquals(arrivalTimeMs(schedule, 0), 0);
  assertAlmostEquals(arrivalTimeMs(schedule, 1)!, 10, 1e-9);
  assertAlmostEquals(arrivalTimeMs(schedule, 150)!, 1500, 1e-9);
  assertEquals(
    arrivalTimeMs(schedule, 200),
    undefined,
    "200 arrivals fill 2 s exactly; the 201st is past the end",
  );
  assertAlmostEquals(arrivalsBy(schedule, 1000), 100, 1e-9);
});

Deno.test("ramping stages: arrivals follow the integral of a linear rate", () => {
  // 0 -> 100/s over 2 s (100 arrivals), then 100/s for 1 s (100 more).
  const schedule = rateSpans([{ duration_ms: 2000, rate: 100 }, { duration_ms: 1000, rate: 100 }]);
  assertEquals(scheduleLengthMs(schedule), 3000);
  assertAlmostEquals(arrivalsBy(schedule, 2000), 100, 1e-9);
  assertAlmostEquals(
    arrivalsBy(schedule, 1000),
    25,
    1e-9,
    "a quarter of the ramp's arrivals in its first half",
  );
  assertAlmostEquals(arrivalsBy(schedule, 3000), 200, 1e-9);
  // Arrival 25 is due when 25 have arrived: at 1 s.
  assertAlmostEquals(arrivalTimeMs(schedule, 25)!, 1000, 1e-6);
  assertAlmostEquals(arrivalTimeMs(schedule, 150)!, 2500, 1e-6);
});

Deno.test("ramping down: times stay increasing and inside the stage", () => {
  const schedule = rateSpans([{ duration_ms: 1000, rate: 200 }, { duration_ms: 1000, rate: 0 }], 200);
  let previous = -1;
  for (let k = 0; k < 300; k++) {
    const t = arrivalTimeMs(schedule, k)!;
    assert(t > previous, `arrival ${k} at ${t} not after ${previous}`);
    assert(t <= 2000);
    previous = t;
  }
  assertEquals(arrivalTimeMs(schedule, 300), undefined);
});

Deno.test("per-second arrival counts of a ramp match the plan", () => {
  const schedule = rateSpans([{ duration_ms: 5000, rate: 1000 }]);
  const perSecond = [0, 0, 0, 0, 0];
  for (let k = 0;; k++) {
    const t = arrivalTimeMs(schedule, k);
    if (t === undefined) break;
    perSecond[Math.floor(t / 1000)]!++;
  }
  // Second i gets the integral of the rate over it: 100, 300, 500, 700, 900.
  assertEquals(perSecond, [100, 300, 500, 700, 900]);
});

Deno.test("rescheduleFrom: arrivals before the cut keep their times; after it, the new spans", () => {
  const old = rateSpans([{ duration_ms: 10_000, rate: 100 }], 0); // 0 -> 100/s over 10 s
  const next = constantRate(50, 4000).map((s) => ({ ...s, start_ms: 6000 }));
  const spans = rescheduleFrom(old, 6000, next);
  assertEquals(spans, [
    { start_ms: 0, duration_ms: 6000, from_rate: 0, to_rate: 60 },
    { start_ms: 6000, duration_ms: 4000, from_rate: 50, to_rate: 50 },
  ]);
  for (const k of [0, 17, 179]) assertEquals(arrivalTimeMs(spans, k), arrivalTimeMs(old, k));
  // 180 arrivals by 6 s (the ramp's integral), then one every 20 ms.
  assertEquals(arrivalsBy(spans, 6000), 180);
  assertAlmostEquals(arrivalTimeMs(spans, 190)!, 6200, 1e-6);
  assertEquals(arrivalTimeMs(spans, 380), undefined);
  // A cut past the end keeps the whole schedule and appends.
  assertEquals(
    rescheduleFrom(old, 12_000, [{ start_ms: 12_000, duration_ms: 1000, from_rate: 5, to_rate: 5 }]).length,
    2,
  );
});
