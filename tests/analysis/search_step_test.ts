import { judgeSearchStep, latencyRise, type SearchStepFigures } from "../../src/analysis/search_step.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";

/** A deterministic jitter in [-1, 1) (a small LCG), so noise is the same every run. */
function jitter(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1;
}

function step(overrides: Partial<SearchStepFigures> = {}): SearchStepFigures {
  const noise = jitter(7);
  return {
    offered_rate: 200,
    achieved_rps: 199.2,
    requests: 4000,
    // A flat 20 ms with ±3 ms of noise each second.
    p95_per_second: Array.from({ length: 20 }, (_, i) => ({ t: 10 + i, p95_ms: 20 + 3 * noise() })),
    checks: [],
    cut_short: false,
    ...overrides,
  };
}

Deno.test("search step: a flat, noisy p95 at the offered rate holds", () => {
  assertEquals(judgeSearchStep(step()), { verdict: "held", reasons: [], failed: [] });
});

Deno.test("search step: a queue that builds fails the step before any p95 limit", () => {
  const noise = jitter(3);
  // 20 ms rising 1.5 ms/s: 48 ms after 19 s, well within a 1000 ms threshold.
  const rising = Array.from({ length: 20 }, (_, i) => ({ t: 10 + i, p95_ms: 20 + 1.5 * i + 3 * noise() }));
  const judged = judgeSearchStep(step({ p95_per_second: rising }));
  assertEquals(judged.verdict, "failed");
  assertMatch(
    judged.reasons[0]!,
    /^p95 rose 2\d\.\d ms through the step \(1\.\d+ ms\/s, \d+(\.\d)? standard errors\)/,
  );
});

Deno.test("search step: a rise within the noise, or too small to matter, is not a queue", () => {
  const noise = jitter(5);
  const slight = Array.from({ length: 20 }, (_, i) => ({ t: i, p95_ms: 20 + 0.05 * i + 3 * noise() }));
  assertEquals(latencyRise(slight), undefined);
  assertEquals(latencyRise([{ t: 0, p95_ms: 1 }, { t: 1, p95_ms: 50 }]), undefined, "too few seconds");
});

Deno.test("search step: answering under 95% of the offered rate fails it", () => {
  const judged = judgeSearchStep(step({ achieved_rps: 180 }));
  assertEquals(judged.verdict, "failed");
  assertEquals(judged.reasons, ["answered 180 req/s of 200/s offered (under 95%)"]);
  assertEquals(judged.failed, [{
    name: "achieved rate",
    key: "throughput",
    unit: "req/s",
    threshold: ">= 95% of 200/s",
    value: 180,
    limit: 190,
  }]);
});

Deno.test("search step: a failed threshold fails it, named with its limit", () => {
  const checks = [{
    name: "error_rate",
    key: "error_rate",
    unit: "ratio" as const,
    threshold: "<= 1%",
    limit: 0.01,
    value: 0.2,
    ok: false,
  }];
  assertEquals(judgeSearchStep(step({ checks })).reasons, ["error_rate <= 1%"]);
});

Deno.test("search step: cut short or too few answers is not judged; perf's own limit is said as such", () => {
  assertEquals(judgeSearchStep(step({ cut_short: true, achieved_rps: 0 })).verdict, "not_judged");
  const few = judgeSearchStep(step({ requests: 10 }));
  assertEquals(few, { verdict: "not_judged", reasons: ["too few answers to judge (10)"], failed: [] });
  const perf = judgeSearchStep(step({ generator_limit: "no free user for 312 starts", achieved_rps: 50 }));
  assertEquals(perf, { verdict: "generator_limit", reasons: ["no free user for 312 starts"], failed: [] });
  assert(perf.verdict !== "failed");
});
