import { analyzeStress, findKnee, judgeStep } from "../../src/analysis/stress.ts";
import { planStress, type StressPlanInput, type StressStage } from "../../src/model/stress_plan.ts";
import {
  stepFiguresFromTimeline,
  stepResources,
  stepSubject,
  type StressStepInput,
} from "../../src/analysis/stress_steps.ts";
import type { TimelinePoint } from "../../src/model/result.ts";
import { evaluateThresholds } from "../../src/thresholds/evaluate.ts";
import { assert, assertAlmostEquals, assertEquals, assertMatch } from "../helpers/assert.ts";
import { capacityServer, point } from "./synthetic.ts";

const CAPACITY = 500;
const PLAN: StressPlanInput = { start: 100, step: 50, step_duration_s: 20, max: 700, unit: "rate" };

/** What the runner will do: figures per step from the timeline, thresholds evaluated on each. */
function stepInputs(
  stages: StressStage[],
  timeline: TimelinePoint[],
  thresholds: Record<string, number>,
): StressStepInput[] {
  const windows = stages.filter((s) => s.kind === "step");
  const monitors = [{
    name: "target_cpu_pct",
    unit: "%",
    points: timeline.map((p) => ({ t: p.t, value: p.rps / 5 })),
  }];
  const resources = stepResources(monitors, windows, { settle_s: 4 });
  return stepFiguresFromTimeline(timeline, windows, { settle_s: 4 }).map((f, i) => ({
    ...f,
    thresholds: evaluateThresholds(thresholds, stepSubject(f), []),
    resources: resources[i],
  }));
}

function run(plan: StressPlanInput, thresholds: Record<string, number>, seed = 1) {
  const stages = planStress(plan);
  const { timeline } = capacityServer(stages, { capacity: CAPACITY, base_ms: 20, seed });
  const recovery = stages.find((s) => s.kind === "recovery")!;
  return analyzeStress({
    steps: stepInputs(stages, timeline, thresholds),
    timeline,
    recovery: { start_s: recovery.start_s, end_s: recovery.end_s },
    baseline_target: recovery.target,
  });
}

Deno.test("capacity server: max sustainable within 15% of N, breaking point at the first step past it", () => {
  for (const seed of [1, 2, 3]) {
    const a = run(PLAN, { response_time_p95: 200, error_rate: 0.01 }, seed);
    assert(a.max_sustainable_rps !== undefined);
    assertAlmostEquals(a.max_sustainable_rps, CAPACITY, CAPACITY * 0.15);
    assertEquals(a.max_sustainable_step?.target, 500);
    assertEquals(a.breaking_point?.target, 550);
    assertEquals(a.breaking_point?.failed.map((f) => f.name), ["response_time_p95"]);
    assert(a.breaking_point!.failed[0]!.value > 200);
    assertEquals(a.steps.filter((s) => !s.ok).map((s) => s.target), [550, 600, 650, 700]);
    assertMatch(a.verdict, /Sustained .* req\/s at 500\/s\. Broke at 550\/s .*response_time_p95/);
  }
});

Deno.test("capacity server: the knee is where req/s stops growing with the offered rate", () => {
  const a = run(PLAN, { response_time_p95: 200 });
  assertEquals(a.knee?.target, 500);
  assertAlmostEquals(a.knee!.rps, CAPACITY, 1);
  assertMatch(a.knee!.reason, /each added 1\/s of rate up to 550\/s gave 0 req\/s/);
});

Deno.test("no thresholds: default criteria still find the breaking point", () => {
  const a = run(PLAN, {});
  assertEquals(a.steps[0]!.judged_by, "default");
  assertEquals(a.breaking_point?.target, 550);
  assertEquals(a.breaking_point?.failed.map((f) => f.name), ["default: response_time_p95"]);
  assertAlmostEquals(a.max_sustainable_rps!, CAPACITY, CAPACITY * 0.15);
});

Deno.test("resources at the peak step are its means", () => {
  const a = run(PLAN, {});
  assertAlmostEquals(a.peak_resources!.target_cpu_pct!, CAPACITY / 5, 0.5);
  assertEquals(Object.keys(a.steps[0]!.resources!), ["target_cpu_pct"]);
});

Deno.test("recovery time matches the queue's drain time", () => {
  // Past capacity the queue grows by 50, 100, 150, 200 /s for 20 s each: 10 000 requests, drained at
  // 500 - 100 = 400/s once the load is back at the baseline: 25 s.
  const drain = ((50 + 100 + 150 + 200) * 20) / (CAPACITY - PLAN.start);
  for (const seed of [1, 2, 3, 4]) {
    const a = run(PLAN, { response_time_p95: 200 }, seed);
    assert(a.recovery.recovered, a.recovery.explanation);
    assertAlmostEquals(a.recovery.recovery_s!, drain, 2);
    assertEquals(a.recovery.limit_s, 60);
    assertMatch(a.verdict, /Recovered 2\d s after the peak/);
  }
});

Deno.test("recovery on a coarse timeline (5 s intervals) is found to the interval", () => {
  const stages = planStress(PLAN);
  const { timeline } = capacityServer(stages, { capacity: CAPACITY, base_ms: 20, seed: 7 });
  const coarse: TimelinePoint[] = [];
  for (let i = 0; i + 5 <= timeline.length; i += 5) {
    const chunk = timeline.slice(i, i + 5);
    const requests = chunk.reduce((s, p) => s + p.requests, 0);
    coarse.push(
      point(chunk[4]!.t, { requests, p95_ms: Math.max(...chunk.map((p) => p.p95_ms)), interval_s: 5 }),
    );
  }
  const recovery = stages[stages.length - 1]!;
  const a = analyzeStress({ steps: stepInputs(stages, coarse, {}), timeline: coarse, recovery });
  assert(a.recovery.recovered, a.recovery.explanation);
  assertAlmostEquals(a.recovery.recovery_s!, 25, 5);
});

Deno.test("never recovers within the limit: recovered false, with the reason", () => {
  const short = run({ ...PLAN, recovery_limit_s: 20 }, {});
  assertEquals(short.recovery.recovered, false);
  assertEquals(short.recovery.recovery_s, undefined);
  assertMatch(
    short.recovery.explanation,
    /did not recover within 20 s: at 280 s p95 was \d+ ms \(band <= \d+/,
  );
  assertMatch(short.verdict, /Recovery: did not recover within 20 s/);
  // In band from 25 s, but the window ends at 30 s: 5 s held of the 10 required.
  const brief = run({ ...PLAN, recovery_limit_s: 30 }, {});
  assertEquals(brief.recovery.recovered, false);
  assertMatch(
    brief.recovery.explanation,
    /within the band for the last 5 s only, 10 s in a row are required/,
  );
});

Deno.test("a recovery window with no data or no recovery stage is reported as not measured", () => {
  const stages = planStress(PLAN);
  const { timeline } = capacityServer(stages, { capacity: CAPACITY, base_ms: 20, seed: 1 });
  const steps = stepInputs(stages, timeline, {});
  const cut = timeline.filter((p) => p.t <= stages[stages.length - 1]!.start_s);
  const noData = analyzeStress({ steps, timeline: cut, recovery: stages[stages.length - 1]! });
  assertEquals(noData.recovery.recovered, false);
  assertMatch(noData.recovery.explanation, /no timeline intervals in the recovery window/);
  const noStage = analyzeStress({ steps, timeline: cut });
  assertMatch(noStage.recovery.explanation, /not measured: the run ended before the recovery stage/);
});

Deno.test("closed model: the knee in users where throughput saturates", () => {
  // 50 ms per request, no think time: 20 req/s per user until the server's 500 req/s (25 users).
  const steps = [5, 10, 15, 20, 25, 30, 35, 40].map((users, index) => ({
    index,
    target: users,
    unit: "users" as const,
    rps: Math.min(users * 20, CAPACITY) * (1 + 0.01 * Math.sin(users)),
  }));
  const knee = findKnee(steps);
  assertEquals(knee?.target, 25);
  assertMatch(knee!.reason, /each added user up to 30 users/);
});

Deno.test("knee: req/s falling, too few steps, still linear", () => {
  const s = (target: number, rps: number, index: number) => ({ index, target, unit: "rate" as const, rps });
  assertEquals(findKnee([s(100, 100, 0), s(200, 200, 1), s(300, 150, 2)])?.target, 200);
  assertMatch(
    findKnee([s(100, 100, 0), s(200, 200, 1), s(300, 150, 2)])!.reason,
    /req\/s fell from 200 to 150/,
  );
  assertEquals(findKnee([s(100, 100, 0)]), undefined);
  assertEquals(findKnee([s(100, 100, 0), s(200, 190, 1), s(300, 305, 2)]), undefined);
  assertEquals(findKnee([s(100, 0, 0), s(200, 0, 1)]), undefined);
});

Deno.test("default criteria: error rate, p95 against the first step, throughput for rates", () => {
  const latency = (p95: number) => ({
    min: 1,
    mean: p95 / 2,
    p50: p95 / 2,
    p90: p95,
    p95,
    p99: p95,
    p999: p95,
    max: p95,
  });
  const step = (target: number, rps: number, p95: number, errorRate: number): StressStepInput => ({
    index: 0,
    target,
    unit: "rate",
    start_s: 0,
    end_s: 10,
    requests: rps * 10,
    failures: rps * 10 * errorRate,
    rps,
    error_rate: errorRate,
    latency_ms: latency(p95),
    thresholds: [],
  });
  const first = step(100, 100, 20, 0);
  const failed = (s: StressStepInput) => judgeStep(s, first).filter((t) => !t.ok).map((t) => t.name);
  assertEquals(failed(step(200, 200, 110, 0.01)), []); // 110 = 5 × 20 + 10
  assertEquals(failed(step(200, 200, 111, 0.02)), ["default: error_rate", "default: response_time_p95"]);
  assertEquals(failed(step(200, 170, 30, 0)), ["default: throughput"]);
  assertEquals(failed({ ...step(200, 0, NaN, 0), requests: 0 }).length, 3);
});

Deno.test("a first step that already fails: no max sustainable, breaking point at step 0", () => {
  const a = run(PLAN, { response_time_p95: 1 });
  assertEquals(a.max_sustainable_rps, undefined);
  assertEquals(a.breaking_point?.index, 0);
  assertMatch(a.verdict, /^Already broke at the first step 100\/s/);
  assertEquals(analyzeStress({ steps: [], timeline: [] }).verdict, "No stress step was measured.");
});

Deno.test("step figures from the timeline: settle, sums, time-weighted rps, request-weighted p95", () => {
  const timeline = [
    point(1, { requests: 10, p95_ms: 999 }), // inside the settle: left out
    point(2, { requests: 100, p95_ms: 10, failures: 1 }),
    point(3, { requests: 300, p95_ms: 20, failures: 3 }),
    point(4, { requests: 0, p95_ms: 0 }), // no answers: no weight in p95, but its second counts for rps
  ];
  const [f] = stepFiguresFromTimeline(timeline, [{
    index: 0,
    target: 5,
    unit: "users",
    start_s: 0,
    end_s: 4,
  }], {
    settle_s: 1,
  });
  assertEquals([f!.requests, f!.failures, f!.rps, f!.error_rate], [400, 4, 400 / 3, 0.01]);
  assertEquals(f!.latency_ms.p95, 17.5);
  assert(Number.isNaN(f!.latency_ms.p90), "p90 is not in the timeline");
  assertEquals(evaluateThresholds({ response_time_p90: 100 }, stepSubject(f!), [])[0]!.ok, false);
  const [empty] = stepFiguresFromTimeline([], [{ index: 0, target: 5, unit: "users", start_s: 0, end_s: 4 }]);
  assertEquals([empty!.requests, empty!.rps, empty!.error_rate], [0, 0, 0]);
});

Deno.test("a run cut short during a step: that step is not judged, never the breaking point", () => {
  const stages = planStress(PLAN);
  const { timeline } = capacityServer(stages, { capacity: CAPACITY, base_ms: 20, seed: 1 });
  // Stopped (a signal) 5 s into the third step (200/s), below the capacity: nothing broke.
  const third = stages.filter((s) => s.kind === "step")[2]!;
  const cut = timeline.filter((p) => p.t <= third.start_s + 5);
  const a = analyzeStress({ steps: stepInputs(stages, cut, { response_time_p95: 200 }), timeline: cut });
  assertEquals(a.breaking_point, undefined);
  assertEquals(a.steps[2]!.ok, false);
  assertMatch(a.steps[2]!.not_judged ?? "", /cut short at .* s: the run ended before the step did/);
  assertEquals(a.steps[2]!.failed, []);
  assertEquals(a.max_sustainable_step?.target, 200 - 50);
  // Steps the run never reached: not judged either, and said so.
  assert(
    a.steps.slice(3).every((s) => /^not reached: the run ended at .* s$/.test(s.not_judged ?? "") && !s.ok),
  );
  assertEquals(a.knee, undefined);
  assertMatch(
    a.verdict,
    /Never broke: every judged step up to 150\/s passed\. Not judged: 200\/s \(cut short/,
  );
});

Deno.test("a server that never broke: no knee and nothing to recover from, whatever the noise", () => {
  // A capacity far above the plan: every step holds; a plateau of noise must not read as a knee.
  const stages = planStress(PLAN);
  const { timeline } = capacityServer(stages, { capacity: 100_000, base_ms: 20, seed: 2 });
  const recovery = stages.find((s) => s.kind === "recovery")!;
  const a = analyzeStress({
    steps: stepInputs(stages, timeline, { response_time_p95: 200 }),
    timeline,
    recovery: { start_s: recovery.start_s, end_s: recovery.end_s },
    baseline_target: recovery.target,
  });
  assertEquals(a.breaking_point, undefined);
  assertEquals(a.knee, undefined);
  assertEquals(a.recovery.recovered, false);
  assertEquals(a.recovery.explanation, "nothing to recover from: no step broke");
  assertMatch(a.verdict, /Never broke: .* Recovery: nothing to recover from: no step broke\./);
});

Deno.test("a step with too few answers is not judged", () => {
  const stages = planStress({ ...PLAN, max: 150 });
  const { timeline } = capacityServer(stages, { capacity: CAPACITY, base_ms: 20, seed: 1 });
  const steps = stepInputs(stages, timeline, {}).map((s, i) => i === 1 ? { ...s, requests: 12 } : s);
  const a = analyzeStress({ steps, timeline });
  assertEquals(a.steps[1]!.not_judged, `too few answers to judge (12; at least 30)`);
  assertEquals(a.breaking_point, undefined);
});
