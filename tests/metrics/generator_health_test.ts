import { assert, assertEquals, assertGreater, assertMatch } from "../helpers/assert.ts";
import { CpuMeter, generatorBound, judgeGenerator, LagMonitor } from "../../src/metrics/generator_health.ts";

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

Deno.test("judgeGenerator: one worker thread at its core's limit is saturation, though the process total is not", () => {
  // One worker on 8 cores: the process shows ~120% of 800%, the worker's own thread busy ~97% of the time.
  const points = Array.from({ length: 10 }, () => ({ cpu_pct: 120, loop_lag_ms: 3, worker_busy_pct: 97 }));
  const health = judgeGenerator(points, 8);
  assertEquals([health.saturated, health.worker_busy_pct_mean], [true, 97]);
  assertMatch(
    health.verdict,
    /busiest worker thread had no time to spare.*busiest worker thread busy 97% of the time/,
  );
  const calm = judgeGenerator(points.map((p) => ({ ...p, worker_busy_pct: 60 })), 8);
  assertEquals(calm.saturated, false);
  // Results from before workers measured their threads have no such figure.
  assertEquals(judgeGenerator([{ cpu_pct: 20 }], 2).worker_busy_pct_mean, undefined);
});

Deno.test("generatorBound: the process at its cores' limit, the busiest worker never idle, or late timers, else nothing", () => {
  assertMatch(generatorBound([{ cpu_pct: 185 }, { cpu_pct: 190 }], 2)!, /perf used 187.5% CPU of 200%/);
  assertMatch(
    generatorBound([{ cpu_pct: 110, worker_busy_pct: 92 }, { cpu_pct: 112, worker_busy_pct: 96 }], 2)!,
    /busiest worker thread was busy 94% of the time \(running or waiting for a core/,
  );
  // A noisy second at the limit among calm ones is not a bound: the mean over the span decides.
  assertEquals(
    generatorBound([{ cpu_pct: 60, worker_busy_pct: 99 }, { cpu_pct: 40, worker_busy_pct: 40 }], 2),
    undefined,
  );
  assertEquals(generatorBound([], 2), undefined);
  // Timers 50 ms late in two of five seconds: requests waited inside perf. One such second is a stall.
  const calm = { cpu_pct: 50, worker_busy_pct: 50, loop_lag_ms: 2 };
  const lagging = [calm, { ...calm, loop_lag_ms: 80 }, calm, { ...calm, loop_lag_ms: 60 }, calm];
  assertMatch(generatorBound(lagging, 2)!, /timers ran 50 ms late or more in 2 of 5 seconds \(up to 80 ms\)/);
  assertEquals(generatorBound(lagging.slice(0, 3), 2), undefined);
  // The run's verdict uses the same rule.
  assertEquals(judgeGenerator(lagging, 2).saturated, true);
  assertEquals(judgeGenerator(lagging.slice(0, 3), 2).saturated, false);
});
