import {
  assert,
  assertEquals,
  assertGreater,
  assertGreaterOrEqual,
  assertLessOrEqual,
} from "../helpers/assert.ts";
import type { MonitorConfig } from "../../src/model/monitor_config.ts";
import { generatorRssMb } from "../../src/monitor/generator.ts";
import { type Monitor, MonitorSet, prometheusValue } from "../../src/monitor/monitor_set.ts";
import { type MonitorsResult } from "../../src/model/monitor.ts";
import { sleep, spawnChild } from "./helpers.ts";

/** A monitor whose samples come from a list: a number is a value, a string an error, a function throws. */
function scripted(name: string, script: (number | string | (() => never))[]): Monitor {
  let i = 0;
  return {
    name,
    source: "prometheus",
    intervalMs: 100,
    sample: () => {
      const step = script[Math.min(i++, script.length - 1)]!;
      if (typeof step === "function") return Promise.resolve().then(step);
      return Promise.resolve(
        typeof step === "number"
          ? { values: [{ name: "v", unit: "" as const, value: step }] }
          : { values: [], error: step },
      );
    },
  };
}

function series(result: MonitorsResult, monitor: string, name: string) {
  return result.series.find((s) => s.monitor === monitor && s.name === name);
}

Deno.test("MonitorSet: times from the run start, errors counted per monitor, one report per failing streak", async () => {
  let now = 10_000;
  const reported: string[] = [];
  const set = new MonitorSet([], {
    now: () => now,
    startMs: 9_000,
    generator: false,
    onError: (monitor, message) => reported.push(`${monitor}: ${message}`),
    extra: [scripted("db", [5, "down", "still down", 7, () => {
      throw new Error("boom");
    }])],
  });
  for (let i = 0; i < 5; i++) {
    await set.sampleAll();
    now += 500;
  }
  assertEquals(set.result(), {
    series: [{
      monitor: "db",
      name: "v",
      source: "prometheus",
      unit: "",
      points: [{ t: 1, value: 5 }, { t: 2.5, value: 7 }],
    }],
    errors: [{ monitor: "db", count: 3, last: "boom", first_t: 1.5, last_t: 3 }],
  });
  assertEquals(reported, ["db: down", "db: boom"]);
});

Deno.test("MonitorSet: a long run keeps each series under its cap", async () => {
  let now = 0;
  const set = new MonitorSet([], {
    now: () => now,
    startMs: 0,
    cap: 50,
    generator: false,
    extra: [scripted("m", [1])],
  });
  for (let i = 0; i < 1000; i++) {
    now += 1000;
    await set.sampleAll();
  }
  const points = set.result().series[0]!.points;
  assertLessOrEqual(points.length, 50);
  assertEquals(points.at(-1)!.t, 1000);
});

Deno.test("MonitorSet: the generator monitors itself", async () => {
  assertGreater(generatorRssMb(), 0);
  const set = new MonitorSet([]);
  set.start();
  await sleep(120);
  await set.stop();
  const result = set.result();
  assertEquals(result.series.map((s) => `${s.monitor}/${s.name} ${s.unit}`), [
    "generator/cpu_pct %",
    "generator/rss_mb MB",
    "generator/loop_lag_ms ms",
  ]);
  assertGreater(series(result, "generator", "rss_mb")!.points[0]!.value, 0);
  assertEquals(result.errors, []);
});

Deno.test("MonitorSet: a live Prometheus gauge sampled on its interval, bad endpoints counted", async () => {
  let gauge = 0;
  const release = Promise.withResolvers<void>();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/metrics") {
      return new Response(`# TYPE pool_in_use gauge\npool_in_use{pool="main"} ${++gauge}\n`);
    }
    if (path === "/fail") return new Response("no", { status: 500 });
    if (path === "/garbage") return new Response("<html>hello</html>");
    await release.promise;
    return new Response("late 1\n");
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const prometheus = (name: string, path: string): MonitorConfig => ({
    kind: "prometheus",
    name,
    prometheus: {
      url: base + path,
      interval: 100,
      timeout: 150,
      metrics: [{ name: "pool_in_use", labels: { pool: "main" }, as: "in_use" }],
    },
  });
  const set = new MonitorSet(
    [
      prometheus("app", "/metrics"),
      prometheus("fail", "/fail"),
      prometheus("garbage", "/garbage"),
      prometheus("hang", "/hang"),
    ],
    { generator: false },
  );
  try {
    set.start();
    // Until each monitor has had its turns (3 scrapes, 3 failures, 2 timeouts), however loaded the
    // machine is: the test is about what is recorded, not how fast; bounded at 10 s.
    const enough = () => {
      const r = set.result();
      const count = (name: string) => r.errors.find((e) => e.monitor === name)?.count ?? 0;
      return (series(r, "app", "in_use")?.points.length ?? 0) >= 3 && count("fail") >= 3 &&
        count("hang") >= 2;
    };
    for (const deadline = Date.now() + 10_000; !enough() && Date.now() < deadline;) await sleep(50);
    await set.stop();
  } finally {
    release.resolve();
    await server.shutdown();
  }
  const result = set.result();
  const points = series(result, "app", "in_use")!.points;
  assertGreaterOrEqual(points.length, 3);
  assert(
    points.every((p, i) => i === 0 || (p.value > points[i - 1]!.value && p.t >= points[i - 1]!.t)),
    "the gauge rose",
  );
  const errors = Object.fromEntries(result.errors.map((e) => [e.monitor, e]));
  assertEquals(Object.keys(errors).sort(), ["fail", "garbage", "hang"]);
  assertGreaterOrEqual(errors.fail!.count, 3);
  assertEquals(errors.fail!.last, `${base}/fail: HTTP 500 Internal Server Error`);
  assertEquals(
    errors.garbage!.last,
    'not Prometheus text exposition (line 1: expected a metric name at "<html>hello</html>")',
  );
  assertGreaterOrEqual(errors.hang!.count, 2);
  assertEquals(errors.hang!.last, `${base}/hang: no answer within 150 ms`);
});

Deno.test("MonitorSet: a process monitored by pid, then killed: a reported error, not a throw", async () => {
  const child = spawnChild();
  const config: MonitorConfig = {
    kind: "process",
    name: "server",
    interval: 100,
    process: { pid: child.pid },
  };
  const set = new MonitorSet([config], { generator: false });
  try {
    set.start();
    await sleep(350);
    await child.kill();
    await sleep(250);
    await set.stop();
  } finally {
    await child.kill();
  }
  const result = set.result();
  assertEquals(result.series.map((s) => `${s.name} ${s.unit}`), [
    "cpu_pct %",
    "rss_mb MB",
    "threads count",
    "open_files count",
  ]);
  assertGreater(series(result, "server", "rss_mb")!.points[0]!.value, 0);
  assertGreaterOrEqual(series(result, "server", "threads")!.points[0]!.value, 1);
  assertGreaterOrEqual(series(result, "server", "open_files")!.points[0]!.value, 3);
  assertEquals(result.errors.length, 1);
  assertEquals(result.errors[0]!.last, `process ${child.pid} is not running`);
  assertGreaterOrEqual(result.errors[0]!.count, 1);
});

Deno.test("MonitorSet: started and never stopped, it does not keep the process alive", async () => {
  const url = new URL("../../src/monitor/monitor_set.ts", import.meta.url).href;
  const code = `import { MonitorSet } from "${url}";
    new MonitorSet([{ kind: "process", name: "p", interval: 100, process: { pid: ${Deno.pid} } }]).start();`;
  const child = new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "null", stderr: "piped" })
    .spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 4000);
  try {
    const { code: exitCode, stderr } = await child.output();
    assertEquals(exitCode, 0, new TextDecoder().decode(stderr));
  } finally {
    clearTimeout(timer);
  }
});

Deno.test("prometheusValue: units from the metric's suffix (bytes in MB, seconds in ms)", () => {
  assertEquals(prometheusValue({ name: "process_resident_memory_bytes", value: 2 * 2 ** 20 }), {
    name: "process_resident_memory_bytes",
    unit: "MB",
    value: 2,
  });
  assertEquals(
    prometheusValue({ name: 'http_request_duration_seconds{quantile="0.5"}', value: 0.25 }).value,
    250,
  );
  assertEquals(prometheusValue({ name: "hikaricp_connections_active", value: 7 }).unit, "");
});

Deno.test("prometheusValue: a series renamed with `as:` keeps its metric's unit", () => {
  assertEquals(
    prometheusValue({ name: "rss", metric: "process_resident_memory_bytes", value: 3 * 2 ** 20 }),
    {
      name: "rss",
      unit: "MB",
      value: 3,
    },
  );
});
