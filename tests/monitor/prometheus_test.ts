import { assert, assertEquals, assertGreaterOrEqual, assertMatch } from "../helpers/assert.ts";
import type { MetricSelector } from "../../src/model/monitor_config.ts";
import { PrometheusSampler, scrape, selectMetrics, seriesName } from "../../src/monitor/prometheus.ts";
import { parsePrometheusText } from "../../src/monitor/prometheus_text.ts";

const PAGE = [
  "# TYPE hikaricp_connections_active gauge",
  'hikaricp_connections_active{pool="main"} 7',
  'hikaricp_connections_active{pool="reports"} 1',
  'hikaricp_connections_max{pool="main"} 10',
  "# TYPE http_request_duration_seconds histogram",
  'http_request_duration_seconds_bucket{le="+Inf"} 100',
  "http_request_duration_seconds_sum 8.5",
  "http_request_duration_seconds_count 100",
  "process_resident_memory_bytes 52428800",
].join("\n");

const SELECT_CASES: [string, MetricSelector[], { name: string; value: number }[], string[]][] = [
  ["an unlabelled metric keeps its name", [{ name: "process_resident_memory_bytes" }], [
    { name: "process_resident_memory_bytes", value: 52428800 },
  ], []],
  ["several labelled series are kept apart", [{ name: "hikaricp_connections_active" }], [
    { name: 'hikaricp_connections_active{pool="main"}', value: 7 },
    { name: 'hikaricp_connections_active{pool="reports"}', value: 1 },
  ], []],
  ["one labelled match keeps its labels", [{ name: "hikaricp_connections_max" }], [
    { name: 'hikaricp_connections_max{pool="main"}', value: 10 },
  ], []],
  [
    "labels filter, `as` names the one match",
    [{
      name: "hikaricp_connections_active",
      labels: { pool: "main" },
      as: "pool_active",
    }],
    [{ name: "pool_active", value: 7 }],
    [],
  ],
  ["`as` with several matches prefixes each", [{ name: "hikaricp_connections_active", as: "active" }], [
    { name: 'active{pool="main"}', value: 7 },
    { name: 'active{pool="reports"}', value: 1 },
  ], []],
  ["histogram series by their full names", [{ name: "http_request_duration_seconds_count" }], [
    { name: "http_request_duration_seconds_count", value: 100 },
  ], []],
  ["a missing metric", [{ name: "jvm_threads_live" }, { name: "process_resident_memory_bytes", as: "rss" }], [
    { name: "rss", value: 52428800 },
  ], ["metric jvm_threads_live not found"]],
  ["labels that match nothing", [{ name: "hikaricp_connections_active", labels: { pool: "x" } }], [], [
    'metric hikaricp_connections_active{pool="x"} not found: no series of hikaricp_connections_active has those labels',
  ]],
  ["a histogram's family name", [{ name: "http_request_duration_seconds" }], [], [
    "metric http_request_duration_seconds not found: it is a histogram, keep one of its series " +
    "(http_request_duration_seconds_bucket, http_request_duration_seconds_sum, http_request_duration_seconds_count)",
  ]],
];

for (const [what, selectors, values, missing] of SELECT_CASES) {
  Deno.test(`selectMetrics: ${what}`, () => {
    const selected = selectMetrics(parsePrometheusText(PAGE), selectors);
    // Each value also names its metric (for its unit); the cases compare names and values.
    assertEquals({
      values: selected.values.map(({ name, value }) => ({ name, value })),
      missing: selected.missing,
    }, {
      values,
      missing,
    });
  });
}

Deno.test("selectMetrics: garbage and empty pages say so", () => {
  const up = [{ name: "up" }];
  assertEquals(selectMetrics(parsePrometheusText("<html>\n<body>oops</body>"), up).missing, [
    'not Prometheus text exposition (line 1: expected a metric name at "<html>")',
  ]);
  assertEquals(selectMetrics(parsePrometheusText("# nothing here\n"), up).missing, [
    "the endpoint exposed no metrics",
  ]);
});

Deno.test("seriesName sorts labels and escapes values", () => {
  assertEquals(seriesName("m", {}), "m");
  assertEquals(seriesName("m", { b: "2", a: 'say "hi"\\\n' }), 'm{a="say \\"hi\\"\\\\\\n",b="2"}');
});

/** A loopback endpoint; `respond` decides each answer. Always shut down by the caller. */
function serve(respond: (request: number) => Response | Promise<Response>) {
  let requests = 0;
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    () => respond(++requests),
  );
  return { server, url: `http://127.0.0.1:${server.addr.port}/metrics`, requests: () => requests };
}

Deno.test("PrometheusSampler: a live gauge that changes between scrapes", async () => {
  const { server, url } = serve((n) =>
    new Response(`# TYPE pool_active gauge\npool_active ${n * 2}\nother 1\n`)
  );
  try {
    const sampler = new PrometheusSampler({
      url,
      interval: 100,
      timeout: 1000,
      metrics: [{ name: "pool_active" }],
    });
    const values = [];
    for (let i = 0; i < 3; i++) values.push(await sampler.sample());
    assertEquals(
      values,
      [2, 4, 6].map((value) => ({ values: [{ name: "pool_active", value, metric: "pool_active" }] })),
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("scrape: HTTP errors, timeouts and refused connections are messages", async () => {
  const release = Promise.withResolvers<void>();
  const { server, url } = serve(async (n) => {
    if (n === 1) return new Response("boom", { status: 500, statusText: "Internal Server Error" });
    await release.promise;
    return new Response("up 1\n");
  });
  try {
    assertEquals(await scrape(url, 1000), { ok: false, error: "HTTP 500 Internal Server Error" });
    const started = performance.now();
    assertEquals(await scrape(url, 150), { ok: false, error: "no answer within 150 ms" });
    assert(performance.now() - started < 1000, "the timeout cut the scrape short");
  } finally {
    release.resolve();
    await server.shutdown();
  }
  const refused = await scrape(url, 1000);
  assert(!refused.ok);
  assertMatch(refused.error, /refused|connect/i);
});

Deno.test("PrometheusSampler: NaN and Inf are skipped, a missing metric is an error beside the values", async () => {
  const { server, url } = serve(() => new Response("a NaN\nb +Inf\nc 3\n"));
  try {
    const metrics = ["a", "b", "c", "d"].map((name) => ({ name }));
    const sample = await new PrometheusSampler({ url, interval: 100, timeout: 1000, metrics }).sample();
    assertEquals(sample, { values: [{ name: "c", value: 3, metric: "c" }], error: "metric d not found" });
  } finally {
    await server.shutdown();
  }
});

Deno.test("PrometheusSampler: an unreachable endpoint names its URL", async () => {
  const { server, url } = serve(() => new Response(""));
  await server.shutdown();
  const sample = await new PrometheusSampler({ url, interval: 100, timeout: 500, metrics: [{ name: "up" }] })
    .sample();
  assertEquals(sample.values, []);
  assertGreaterOrEqual(sample.error?.indexOf(`${url}: `), 0);
});
