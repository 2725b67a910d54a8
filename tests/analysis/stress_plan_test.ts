import { planStress, stepTargets, validateStressPlan } from "../../src/model/stress_plan.ts";
import { PerfError } from "../../src/errors.ts";
import { assertEquals, assertThrows } from "../helpers/assert.ts";

Deno.test("steps hold their load in turn, then recovery drops to the start for the limit", () => {
  const stages = planStress({ start: 10, step: 10, step_duration_s: 60, max: 30, unit: "users" });
  assertEquals(stages, [
    {
      label: "step 1/3 → 10 users",
      kind: "step",
      index: 0,
      target: 10,
      unit: "users",
      start_s: 0,
      end_s: 60,
    },
    {
      label: "step 2/3 → 20 users",
      kind: "step",
      index: 1,
      target: 20,
      unit: "users",
      start_s: 60,
      end_s: 120,
    },
    {
      label: "step 3/3 → 30 users",
      kind: "step",
      index: 2,
      target: 30,
      unit: "users",
      start_s: 120,
      end_s: 180,
    },
    {
      label: "recovery → 10 users",
      kind: "recovery",
      index: 3,
      target: 10,
      unit: "users",
      start_s: 180,
      end_s: 240,
    },
  ]);
});

Deno.test("a max off the grid gets its own last step; recovery load and limit as given", () => {
  const stages = planStress({
    start: 100,
    step: 150,
    step_duration_s: 30,
    max: 500,
    unit: "rate",
    recovery_load: 50,
    recovery_limit_s: 120,
  });
  assertEquals(stages.map((s) => s.target), [100, 250, 400, 500, 50]);
  assertEquals(stages[4]!.label, "recovery → 50/s");
  assertEquals([stages[4]!.start_s, stages[4]!.end_s], [120, 240]);
});

Deno.test("fractional rates without float noise; one step when start = max", () => {
  assertEquals(stepTargets({ start: 0.1, step: 0.1, max: 0.3 }), [0.1, 0.2, 0.3]);
  assertEquals(stepTargets({ start: 5, step: 1, max: 5 }), [5]);
});

Deno.test("every problem is reported at once, with the values", () => {
  assertEquals(
    validateStressPlan({
      start: 50,
      step: 0,
      step_duration_s: -1,
      max: 10,
      unit: "users",
      recovery_load: 60,
    }),
    [
      "stress step must be a number > 0, got 0",
      "stress step_duration must be a number > 0, got -1",
      "stress max (10) must be >= start (50)",
      "stress recovery_load (60) must be <= max (10)",
    ],
  );
  assertEquals(validateStressPlan({ start: 1.5, step: 1, step_duration_s: 10, max: 3, unit: "users" }), [
    "stress start in users must be whole, got 1.5",
  ]);
  assertEquals(validateStressPlan({ start: 1, step: 0.001, step_duration_s: 10, max: 100, unit: "rate" }), [
    "stress would run 1001 steps (max 1000): raise step (0.001)",
  ]);
  assertThrows(
    () => planStress({ start: 1, step: NaN, step_duration_s: 10, max: 2, unit: "rate" }),
    PerfError,
    "Invalid stress plan:\n  stress step must be a number > 0, got NaN",
  );
});
