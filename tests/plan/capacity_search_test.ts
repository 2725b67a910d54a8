import {
  DEFAULT_SEARCH,
  nextSearchStep,
  roundRate,
  searchBracket,
  type SearchDecision,
  type SearchSettings,
  type SearchStep,
  stepDuration,
} from "../../src/plan/capacity_search.ts";
import { type SearchVerdict } from "../../src/model/search.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

/** Runs the search against a judge of offered rates; bounded at 100 steps. */
function search(
  judge: (rate: number) => SearchVerdict,
  settings: SearchSettings = DEFAULT_SEARCH,
): { steps: SearchStep[]; end: Extract<SearchDecision, { kind: "done" }> } {
  const steps: SearchStep[] = [];
  for (let i = 0; i < 100; i++) {
    const next = nextSearchStep(settings, steps);
    if (next.kind === "done") return { steps, end: next };
    steps.push({ rate: next.rate, duration_s: next.duration_s, verdict: judge(next.rate) });
  }
  throw new Error("the search did not end within 100 steps");
}

const seconds = (steps: readonly SearchStep[]) => steps.reduce((n, s) => n + s.duration_s, 0);

Deno.test("capacity search: servers of 50 to 5000 req/s bracketed within 5%, in under 4 minutes of steps", () => {
  for (const capacity of [50, 137, 500, 999, 2200, 5000]) {
    const { steps, end } = search((rate) => rate <= capacity ? "held" : "failed");
    assertEquals(end.reason, "converged", `capacity ${capacity}`);
    const { held, failed } = end.bracket;
    assert(held !== undefined && failed !== undefined, `capacity ${capacity}: ${JSON.stringify(end)}`);
    assert(held <= capacity && capacity < failed, `capacity ${capacity}: bracket ${held}..${failed}`);
    assert((failed - held) / held <= DEFAULT_SEARCH.precision, `capacity ${capacity}: ${held}..${failed}`);
    assert(seconds(steps) <= 240, `capacity ${capacity}: ${seconds(steps)} s of steps`);
  }
});

Deno.test("capacity search: probes by the factor, then refines between the ends", () => {
  const { steps } = search((rate) => rate <= 100 ? "held" : "failed");
  assertEquals(steps.slice(0, 5).map((s) => s.rate), [10, 20, 40, 80, 160]);
  // sqrt(80 * 160) = 113, sqrt(80 * 113) = 95.1, ...: every refine step inside the bracket so far.
  assertEquals(steps[5]!.rate, roundRate(Math.sqrt(80 * 160)));
  for (let i = 5; i < steps.length; i++) {
    const { held, failed } = searchBracket(steps.slice(0, i));
    assert(held! < steps[i]!.rate && steps[i]!.rate < failed!, `step ${i}: ${steps[i]!.rate}`);
  }
});

Deno.test("capacity search: steps last long enough for their p95, within bounds", () => {
  assertEquals(stepDuration(DEFAULT_SEARCH, 10), 40);
  assertEquals(stepDuration(DEFAULT_SEARCH, 20), 20);
  assertEquals(stepDuration(DEFAULT_SEARCH, 5000), 10);
});

Deno.test("capacity search: max_duration ends it with the best bracket so far, and says so", () => {
  const { steps, end } = search((rate) => rate <= 3000 ? "held" : "failed", {
    ...DEFAULT_SEARCH,
    max_duration_s: 100,
  });
  assertEquals(end.reason, "max_duration");
  // 10/s for 40 s, 20/s for 20 s, then 10 s each up to 320/s: 100 s; 640/s would pass the limit.
  assertEquals(seconds(steps), 100);
  assertEquals(end.bracket, { held: 320 });
});

Deno.test("capacity search: the generator's own limit ends it, and is not the target's", () => {
  const { steps, end } = search((rate) => rate >= 1280 ? "generator_limit" : "held");
  assertEquals(end.reason, "generator_limit");
  assertEquals(steps.at(-1)!.rate, 1280);
  assertEquals(end.bracket, { held: 640 });
});

Deno.test("capacity search: failing from the first step goes down until one holds, or gives up below 1/s", () => {
  const low = search((rate) => rate <= 3 ? "held" : "failed");
  assertEquals(low.steps.slice(0, 3).map((s) => s.rate), [10, 5, 2.5]);
  assertEquals(low.end.reason, "converged");
  assert(low.end.bracket.held! <= 3 && low.end.bracket.failed! > 3);
  assertEquals(search(() => "failed").end.reason, "failed_at_lowest");
});

Deno.test("capacity search: a cap that holds ends it; a step not judged ends it", () => {
  const capped = search(() => "held", { ...DEFAULT_SEARCH, max_rate: 300 });
  assertEquals(capped.steps.map((s) => s.rate), [10, 20, 40, 80, 160, 300]);
  assertEquals(capped.end.reason, "max_rate");
  const cut = search((rate) => rate >= 40 ? "not_judged" : "held");
  assertEquals(cut.end.reason, "not_judged");
  assertEquals(cut.end.bracket, { held: 20 });
});

Deno.test("searchBracket: a rate that held above a failure does not count", () => {
  const steps: SearchStep[] = [
    { rate: 100, duration_s: 10, verdict: "held" },
    { rate: 200, duration_s: 10, verdict: "failed" },
    { rate: 141, duration_s: 10, verdict: "failed" },
    { rate: 160, duration_s: 10, verdict: "held" },
  ];
  assertEquals(searchBracket(steps), { held: 100, failed: 141 });
});
