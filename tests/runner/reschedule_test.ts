/**
 * The runner's reschedule (for the capacity search, issue 15), in-process against a counting server: a
 * consumer that changes the open-model rate mid-run changes what the workers send from then on, and
 * the run ends when the new schedule does; every request is still counted on both sides.
 */
import { scenarioSchema } from "../../src/model/config.ts";
import { resolveScenario } from "../../src/plan/resolve_scenario.ts";
import { runScenario } from "../../src/runner/run_scenario.ts";
import type { MeasurementConsumer, StreamControl } from "../../src/runner/stream.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { countingServer } from "../helpers/targets.ts";

Deno.test("reschedule: 50/s becomes 200/s from 2 s for 2 s, across two workers; the run ends with it", async () => {
  const target = countingServer();
  try {
    const parsed = scenarioSchema.parse({
      rate: 50,
      run_time: "30s", // the reschedule, not this, ends the run
      max_users: 40,
      workers: 2,
      wait_time: 0,
      tasks: [{ name: "root", path: "/" }],
    });
    const scenario = resolveScenario("reschedule", parsed, target.url, {});
    let control: StreamControl | undefined;
    const consumer: MeasurementConsumer = {
      start: (_scenario, c) => control = c,
      interval: ({ delta }) => {
        // After the first second: from 2 s on, 200/s until 4 s.
        if (delta.t === 1) {
          control!.reschedule(2, [{ start_ms: 2000, duration_ms: 2000, from_rate: 200, to_rate: 200 }]);
        }
      },
    };
    const measured = await runScenario(scenario, { cores: 2, consumers: [consumer] });
    assertEquals(measured.summary.requests, target.count());
    // 100 arrivals in the first 2 s, 400 in the next 2: exactly the schedule, started on time or not.
    assertEquals(measured.summary.requests, 500);
    assert(measured.elapsed_s < 8, `the run ended at ${measured.elapsed_s} s, not with the new schedule`);
    const perSecond = measured.timeline.slice(0, 4).map((p) => p.requests);
    assert(perSecond[0]! < 80 && perSecond[3]! > 150, `per second: ${perSecond}`);
  } finally {
    await target.close();
  }
});
