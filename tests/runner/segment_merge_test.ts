/**
 * Acceptance for segments (issue 9), in-process: three segments of one plan run against a counting
 * server and merged give exactly the requests the server saw, and the latencies of a single-process run
 * of the same load.
 */
import { scenarioSchema } from "../../src/model/config.ts";
import { type ResolvedScenario, resolveScenario } from "../../src/plan/resolve_scenario.ts";
import { segmentLabel, segmentScenario } from "../../src/plan/segment.ts";
import { judge } from "../../src/result/judge.ts";
import { mergeResults } from "../../src/result/merge.ts";
import type { RunResult } from "../../src/model/result.ts";
import { runScenario } from "../../src/runner/run_scenario.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { countingServer } from "../helpers/targets.ts";

function scenarioFor(url: string, config: Record<string, unknown>): ResolvedScenario {
  const parsed = scenarioSchema.parse({ wait_time: 0, tasks: [{ name: "root", path: "/" }], ...config });
  return resolveScenario("seg", parsed, url, {});
}

async function runOne(scenario: ResolvedScenario, id: string): Promise<RunResult> {
  const run = await runScenario(scenario, { cores: 2 });
  const result = judge(scenario, run, { run_id: id, engine: scenario.engine });
  return scenario.segment
    ? { ...result, run: { ...result.run, segment: segmentLabel(scenario.segment) } }
    : result;
}

async function mergedSegments(scenario: ResolvedScenario): Promise<RunResult> {
  const segments = [0, 1, 2].map((index) => segmentScenario(scenario, { index, count: 3 }));
  const results = await Promise.all(segments.map((s, i) => runOne(s, `seg-${i + 1}`)));
  return mergeResults(results);
}

const CASES: [name: string, config: Record<string, unknown>, expected?: number][] = [
  ["open model, 60/s for 2 s", { rate: 60, run_time: "2s", max_users: 30, workers: 1 }, 120],
  ["closed model, 6 users for 1.5 s", { users: 6, spawn_rate: 100, run_time: "1500ms", workers: 1 }],
];

for (const [name, config, expected] of CASES) {
  Deno.test({
    name: `segments merged count what the server saw: ${name}`,
    async fn() {
      const target = countingServer({ delayMs: 20 });
      try {
        const merged = await mergedSegments(scenarioFor(target.url, config));
        assertEquals(merged.summary.requests, target.count());
        assertEquals(merged.timeline.reduce((n, p) => n + p.requests, 0), target.count());
        if (expected !== undefined) assertEquals(merged.summary.requests, expected);
        assertEquals(merged.run.segments, 3);
        const before = target.count();
        const single = await runOne(scenarioFor(target.url, config), "single");
        assertEquals(single.summary.requests, target.count() - before);
        if (expected !== undefined) assertEquals(single.summary.requests, expected);
        // Same load, same 20 ms server: the medians agree to within loopback jitter (the merge itself is
        // exact to the histogram: tests/result/merge_test.ts). The open model's latency counts from the
        // intended start, which segments starting their workers side by side in one process miss at
        // first (--start-at is what lines them up), so it compares the service time from the send.
        const median = (r: RunResult) =>
          r.run.model === "open" ? r.summary.phases_ms?.service?.p50 ?? 0 : r.summary.latency_ms.p50;
        const [a, b] = [median(merged), median(single)];
        assert(a >= 20 && b >= 20 && Math.abs(a - b) < 0.25 * b, `p50: merged ${a} ms, single ${b} ms`);
      } finally {
        await target.close();
      }
    },
  });
}
