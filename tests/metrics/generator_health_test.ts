import { assert, assertEquals, assertGreater, assertMatch } from "../helpers/assert.ts";
import { CpuMeter, judgeGenerator, LagMonitor } from "../../src/metrics/generator_health.ts";

Deno.test("judgeGenerator: idle figures keep up; a busy CPU or late timers make it the bottleneck", () => {
  const calm = judgeGenerator([{ cpu_pct: 30, loop_lag_ms: 1 }, { cpu_pct: 50, loop_lag_ms: 4 }], 2);
  assertEquals([calm.cpu_pct_mean, calm.cpu_pct_max, calm.loop_lag_ms_max, calm.saturated], [
    40,
    50,
    4,
    false,
  ]);
  assertMatch(calm.verdict, /^the generator kept up/);

  const cpuBound = judgeGenerator(Array.from({ length: 10 }, () => ({ cpu_pct: 185, loop_lag_ms: 2 })), 2);
  assertEquals(cpuBound.saturated, true);
  assertMatch(cpuBound.verdict, /bottleneck \(its CPU was exhausted\)/);

  const lagging = judgeGenerator(Array.from({ length: 10 }, () => ({ cpu_pct: 60, loop_lag_ms: 80 })), 2);
  assertEquals(lagging.saturated, true);
  assertMatch(lagging.verdict, /event loops fell behind/);

  // One hiccup in 40 intervals is not saturation: the p95 of lag decides.
  const hiccup = judgeGenerator(
    Array.from({ length: 40 }, (_, i) => ({ cpu_pct: 60, loop_lag_ms: i === 7 ? 300 : 2 })),
    2,
  );
  assertEquals([hiccup.saturated, hiccup.loop_lag_ms_max, hiccup.loop_lag_ms_p95], [false, 300, 2]);
});

Deno.test("judgeGenerator: dropped starts with a calm generator blame max_users", () => {
  const health = judgeGenerator([{ cpu_pct: 20, loop_lag_ms: 1 }], 2, 37);
  assertEquals(health.saturated, false);
  assertMatch(health.verdict, /37 dropped starts came from max_users/);
});

Deno.test("CpuMeter sees a busy loop; LagMonitor sees a blocked event loop", async () => {
  const cpu = new CpuMeter();
  const until = performance.now() + 60;
  while (performance.now() < until) { /* busy for 60 ms */ }
  assertGreater(cpu.sample(), 50);

  const lag = new LagMonitor(10);
  lag.start();
  await new Promise((r) => setTimeout(r, 15));
  const blockUntil = performance.now() + 80;
  while (performance.now() < blockUntil) { /* block the loop for 80 ms */ }
  await new Promise((r) => setTimeout(r, 20));
  lag.stop();
  const max = lag.takeMax();
  assert(max >= 50, `lag ${max} ms after an 80 ms block`);
  assertEquals(lag.takeMax(), 0, "takeMax resets");
});
