import { assert, assertEquals, assertGreaterOrEqual, assertThrows } from "../helpers/assert.ts";
import {
  busyPercent,
  countOpenFiles,
  cpuPercent,
  parseCmdline,
  parseSchedstat,
  parseStat,
  parseStatusRssKb,
  type ProcStat,
  readPidFile,
  readStat,
  ThreadBusyMeter,
} from "../../src/monitor/proc.ts";
import { commandMatcher } from "../../src/model/command_pattern.ts";

/** A stat line with the fields a monitor reads set to recognisable values (proc(5) numbering). */
function statLine(comm: string, state = "S"): string {
  // fields 4..24: ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
  //               priority nice num_threads itrealvalue starttime vsize rss, then the rest of the line
  return `12345 (${comm}) ${state} 1 12345 12345 0 -1 4194560 1000 0 0 0 250 50 3 4 20 0 7 0 123456 ` +
    `1000000 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 17 3 0 0 0 0 0\n`;
}

const STAT_CASES: [string, string, Partial<ProcStat> | undefined][] = [
  ["plain comm", statLine("deno"), { comm: "deno", state: "S", utime: 250, stime: 50, num_threads: 7 }],
  ["comm with spaces and parentheses", statLine("my (weird) comm"), { comm: "my (weird) comm", ppid: 1 }],
  ["comm that looks like fields", statLine(") R 9 9 9 ("), { comm: ") R 9 9 9 (", starttime: 123456 }],
  ["zombie", statLine("gone", "Z"), { state: "Z", rss_pages: 2560 }],
  ["no parentheses", "12345 deno S 1 2 3", undefined],
  ["truncated", "12345 (deno) S 1 2 3", undefined],
];

for (const [what, line, expected] of STAT_CASES) {
  Deno.test(`parseStat: ${what}`, () => {
    const stat = parseStat(line);
    if (expected === undefined) return assertEquals(stat, undefined);
    assert(stat, `no stat parsed from ${line}`);
    assertEquals(stat.pid, 12345);
    for (const [key, value] of Object.entries(expected)) {
      assertEquals(stat[key as keyof ProcStat], value, key);
    }
  });
}

Deno.test("parseStatusRssKb reads VmRSS and is undefined without it", () => {
  const status = "Name:\tdeno\nState:\tS (sleeping)\nVmPeak:\t  999 kB\nVmRSS:\t   52340 kB\nThreads:\t7\n";
  assertEquals(parseStatusRssKb(status), 52340);
  assertEquals(parseStatusRssKb("Name:\tkthreadd\nState:\tS (sleeping)\n"), undefined);
});

Deno.test("parseCmdline joins NUL-separated arguments", () => {
  assertEquals(parseCmdline("java\0-jar\0orders.jar\0"), "java -jar orders.jar");
  assertEquals(parseCmdline(""), "");
});

const MATCHER_CASES: [string, string, boolean][] = [
  ["orders.jar", "java -jar orders.jar", true],
  ["orders.jar", "java -jar billing.jar", false],
  ["/java .*orders\\.jar$/", "java -Xmx1g -jar orders.jar", true],
  ["/ORDERS/i", "java -jar orders.jar", true],
  ["/ORDERS/", "java -jar orders.jar", false],
  ["/usr/bin/node", "/usr/bin/node server.js", true],
];

Deno.test("commandMatcher: substrings and /regex/flags", () => {
  for (const [pattern, cmdline, expected] of MATCHER_CASES) {
    const matches = commandMatcher(pattern);
    assertEquals(matches(cmdline), expected, `${pattern} vs ${cmdline}`);
    assertEquals(matches(cmdline), expected, `${pattern} again (no lastIndex state)`);
  }
  assertEquals(commandMatcher("/orders/g")("orders"), true);
  assertEquals(commandMatcher("/orders/g")("orders"), true);
  assertThrows(() => commandMatcher("/a(/"), SyntaxError);
});

Deno.test("cpuPercent: ticks over wall time, none across a restart", () => {
  const before = parseStat(statLine("x"))!;
  const after = { ...before, utime: before.utime + 150, stime: before.stime + 50 };
  assertEquals(cpuPercent(before, after, 1000), 200);
  assertEquals(cpuPercent(before, after, 4000), 50);
  assertEquals(cpuPercent(before, { ...after, starttime: 999_999 }, 1000), undefined);
  assertEquals(cpuPercent(before, after, 0), undefined);
});

Deno.test("the reads see this very process", async () => {
  const stat = await readStat(Deno.pid);
  assert(stat);
  assertEquals(stat.pid, Deno.pid);
  assertGreaterOrEqual(stat.num_threads, 1);
  assertGreaterOrEqual((await countOpenFiles(Deno.pid))!, 3);
  assertEquals(await readStat(2 ** 22 + 1), undefined);
});

Deno.test("readPidFile: a pid, or why not", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/ok.pid`, "4242\n");
    await Deno.writeTextFile(`${dir}/bad.pid`, "hello");
    assertEquals(await readPidFile(`${dir}/ok.pid`), 4242);
    assertEquals(await readPidFile(`${dir}/bad.pid`), `pid_file "${dir}/bad.pid" holds no pid`);
    assertEquals(await readPidFile(`${dir}/none.pid`), `pid_file "${dir}/none.pid" not found`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ThreadBusyMeter: this thread's busy share, from /proc/thread-self (a busy loop shows, an idle wait does not)", async () => {
  const meter = new ThreadBusyMeter();
  const until = performance.now() + 300;
  while (performance.now() < until) { /* busy for 300 ms */ }
  const busy = meter.sample();
  assert(busy !== undefined && busy > 80, `busy ${busy}%`);
  await new Promise((r) => setTimeout(r, 300));
  const idle = meter.sample();
  assert(idle !== undefined && idle < 20, `idle ${idle}% after busy ${busy}%`);
});

Deno.test("parseSchedstat and busyPercent: running plus waiting for a core, over the wall time", () => {
  const before = parseSchedstat("1000000000 500000000 12\n")!;
  assertEquals(before, { run_ns: 1e9, wait_ns: 5e8 });
  // 600 ms on a core and 300 ms waiting for one in a second: busy 90% though its CPU was 60%.
  const after = parseSchedstat("1600000000 800000000 20\n")!;
  assertEquals(busyPercent(before.run_ns + before.wait_ns, after.run_ns + after.wait_ns, 1000), 90);
  assertEquals(busyPercent(1e9, 1e9, 0), undefined);
  assertEquals(parseSchedstat(""), undefined);
  assertEquals(parseSchedstat("x y z"), undefined);
});
