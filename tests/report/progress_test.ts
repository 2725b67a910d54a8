import { formatProgressLine, PLAIN_PROGRESS_EVERY_S, ProgressPrinter } from "../../src/report/progress.ts";
import type { TickInfo } from "../../src/runner/stream.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

function tick(elapsed_s: number, overrides: Partial<TickInfo> = {}): TickInfo {
  return {
    elapsed_s,
    run_time_s: 60,
    users: 8,
    target_users: 10,
    requests: 1234,
    failures: 5,
    interval_rps: 98.76,
    interval_p95_ms: 45.67,
    stopping: false,
    ...overrides,
  };
}

function recorder() {
  const writes: string[] = [];
  return { writes, write: (text: string) => void writes.push(text) };
}

Deno.test("formatProgressLine: elapsed/run time, users, requests, rate, p95 and failures", () => {
  assertEquals(
    formatProgressLine("load", tick(12.4)),
    "[load 12s/60s] users 8/10 · 1234 req · 98.8 req/s · p95 45.7 ms · 5 failed",
  );
  assertEquals(
    formatProgressLine(
      "smoke",
      tick(59.6, { stopping: true, interval_rps: 0, interval_p95_ms: 0, failures: 0 }),
    ),
    "[smoke 60s/60s] users 8/10 · 1234 req · 0.0 req/s · p95 0 ms · 0 failed · stopping",
  );
});

Deno.test("ProgressPrinter, non-TTY: a plain line only every 10 s of elapsed time", () => {
  assertEquals(PLAIN_PROGRESS_EVERY_S, 10);
  const out = recorder();
  const printer = new ProgressPrinter(out.write, false, "load");
  for (let s = 1; s <= 35; s++) printer.tick(tick(s));
  assertEquals(out.writes, [10, 20, 30].map((s) => `${formatProgressLine("load", tick(s))}\n`));
  for (const line of out.writes) assert(!line.includes("\r") && !line.includes("\x1b"), JSON.stringify(line));
  printer.finish();
  assertEquals(out.writes.length, 3, "finish() writes nothing without a TTY");
});

Deno.test("ProgressPrinter, non-TTY: nothing before the first 10 s", () => {
  const out = recorder();
  const printer = new ProgressPrinter(out.write, false, "smoke");
  for (const s of [0.5, 1, 5, 9.99]) printer.tick(tick(s));
  printer.finish();
  assertEquals(out.writes, []);
});

Deno.test("ProgressPrinter, TTY: redraws the line with \\r every tick, finish() clears it once", () => {
  const out = recorder();
  const printer = new ProgressPrinter(out.write, true, "load");
  printer.tick(tick(1));
  printer.tick(tick(2, { stopping: true }));
  assertEquals(out.writes, [
    `\r\x1b[2K${formatProgressLine("load", tick(1))}`,
    `\r\x1b[2K${formatProgressLine("load", tick(2, { stopping: true }))}`,
  ]);
  assert(out.writes.every((w) => !w.endsWith("\n")), "a redrawn line never ends with a newline");
  printer.finish();
  assertEquals(out.writes.at(-1), "\r\x1b[2K");
  assertEquals(out.writes.length, 3);
  printer.finish();
  assertEquals(out.writes.length, 3, "a second finish() writes nothing");
});

Deno.test("ProgressPrinter, TTY: finish() without any tick writes nothing", () => {
  const out = recorder();
  new ProgressPrinter(out.write, true, "load").finish();
  assertEquals(out.writes, []);
});

// Regression (fixed): the plain line drifts to every 11 s. The runner's ticks fire a little after each second
// (TICK_SLACK_MS = 150 plus timer jitter), and the printer measures 10 s from the previous tick's own
// elapsed time, so a tick a few ms earlier than the last one is skipped. Input: ticks at k + 0.150 s
// (k = 1..35), with 2 ms of jitter at k = 10 (10.152). Expected lines at the ticks of 10, 20 and 30 s;
// actual lines at 10.152, 21.15 and 31.15 (20.15 - 10.152 = 9.998 < 10). Float rounding alone does it
// too: ticks at exactly 10.15 and 20.15 differ by 9.999999999999998.
Deno.test({
  name: "ProgressPrinter, non-TTY: jittered ticks still give one line per 10 s boundary",
  fn() {
    const out = recorder();
    const printer = new ProgressPrinter(out.write, false, "load");
    const times = Array.from({ length: 35 }, (_, i) => (i + 1 === 10 ? 10.152 : i + 1 + 0.15));
    for (const s of times) printer.tick(tick(s));
    assertEquals(out.writes, [10.152, 20.15, 30.15].map((s) => `${formatProgressLine("load", tick(s))}\n`));
  },
});
