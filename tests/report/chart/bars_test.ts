import { bands, categoriesOf, statusTone } from "../../../src/report/chart/bars.ts";
import { assertAlmostEquals, assertEquals } from "../../helpers/assert.ts";

Deno.test("bands split the range into equal bars with inner and outer padding", () => {
  const out = bands(4, 0, 100, { paddingInner: 0.2, paddingOuter: 0.1 });
  assertEquals(out.length, 4);
  // step = 100 / (4 - 0.2 + 0.2) = 25; bar = 20; first starts at 2.5.
  const expected = [2.5, 27.5, 52.5, 77.5];
  out.forEach((band, i) => {
    assertAlmostEquals(band.start, expected[i]!, 1e-9);
    assertAlmostEquals(band.size, 20, 1e-9);
    assertAlmostEquals(band.center, expected[i]! + 10, 1e-9);
  });
  const last = out[3]!;
  assertAlmostEquals(100 - (last.start + last.size), 2.5, 1e-9, "outer padding at the end");
});

Deno.test("bands: none for no categories, one band filling the range without padding", () => {
  assertEquals(bands(0, 0, 100), []);
  assertEquals(bands(1, 10, 30, { paddingInner: 0, paddingOuter: 0 }), [{ start: 10, size: 20, center: 20 }]);
});

Deno.test("categoriesOf sorts by count or label, drops zeros, folds the tail into other", () => {
  const counts = { "503": 2, "200": 501, "201": 162, "500": 5, "404": 0 };
  assertEquals(categoriesOf(counts, { sort: "label" }).map((c) => c.label), ["200", "201", "500", "503"]);
  assertEquals(categoriesOf(counts).map((c) => c.value), [501, 162, 5, 2]);
  assertEquals(categoriesOf(counts, { limit: 3 }), [
    { label: "200", value: 501 },
    { label: "201", value: 162 },
    { label: "other", value: 7 },
  ]);
  assertEquals(categoriesOf(counts, { limit: 3, sort: "label", otherLabel: "rest" }).map((c) => c.label), [
    "200",
    "201",
    "rest",
  ]);
  assertEquals(categoriesOf({}), []);
});

Deno.test("categoriesOf sorts labels numerically (status 99 before 100)", () => {
  assertEquals(categoriesOf({ "100": 1, "99": 1, "1000": 1 }, { sort: "label" }).map((c) => c.label), [
    "99",
    "100",
    "1000",
  ]);
});

Deno.test("statusTone classes status codes", () => {
  const cases: [string, string][] = [
    ["200", "ok"],
    ["304", "ok"],
    ["404", "warn"],
    ["429", "warn"],
    ["500", "bad"],
    ["503", "bad"],
    ["101", "neutral"],
    ["timeout", "neutral"],
  ];
  for (const [code, tone] of cases) assertEquals(statusTone(code), tone, code);
});
