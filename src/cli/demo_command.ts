/**
 * `perf demo`: starts the embedded demo API on a free loopback port and runs a short test against it,
 * the seed's custom-test example (list items three times for every item created).
 */
import { type ScenarioConfig, scenarioSchema } from "../model/config.ts";
import { startDemoApi } from "../demo/demo_api.ts";
import { resolveScenario } from "../plan/resolve_scenario.ts";
import { DEFAULT_OUT_DIR } from "../result/write_result.ts";
import { executeScenario } from "./execute.ts";
import type { CliIo } from "./io.ts";

export interface DemoFlags {
  /** Only serve the demo API (until Ctrl-C), for `perf run` against it. */
  serve?: boolean;
  port?: number;
  users?: number;
  runTime?: number;
  out?: string;
  quiet?: boolean;
  workers?: number;
}

/** The demo scenario, written as a user would write it in YAML. */
export const DEMO_SCENARIO: unknown = {
  description: "Demo: list items 3x for every item created, as in the seed's custom test",
  test_type: "load",
  users: 10,
  spawn_rate: 10,
  run_time: "10s",
  wait_time: "between(0.05, 0.2)",
  tasks: [
    { name: "/api/items/", method: "GET", path: "/api/items/", weight: 3 },
    {
      name: "/api/items/",
      method: "POST",
      path: "/api/items/",
      weight: 1,
      json: { name: "test", value: 42 },
      expect_status: 201,
    },
  ],
  thresholds: { response_time_p95: 100, error_rate: 0.05, throughput: 20 },
};

/** `perf demo --serve`: the API alone, until Ctrl-C, for trying your own config against it. */
async function serveDemo(flags: DemoFlags, io: CliIo): Promise<number> {
  const api = startDemoApi({ port: flags.port });
  io.stdout(`Demo API on ${api.url} (GET/POST /api/items/, GET /api/items/{id}); Ctrl-C stops it.\n`);
  io.stdout(`Try: perf run -c perf.yaml -H ${api.url}\n`);
  await new Promise((resolve) => io.stopSignal.addEventListener("abort", resolve, { once: true }));
  await api.close();
  io.stdout(`Demo API stopped after ${api.stats().requests} requests.\n`);
  return 0;
}

export async function demoCommand(flags: DemoFlags, io: CliIo): Promise<number> {
  if (flags.serve) return await serveDemo(flags, io);
  const api = startDemoApi();
  try {
    io.stderr(`perf demo: demo API listening on ${api.url}\n`);
    const scenario: ScenarioConfig = scenarioSchema.parse(DEMO_SCENARIO);
    const resolved = resolveScenario("demo", scenario, api.url, {
      users: flags.users,
      run_time_ms: flags.runTime,
      workers: flags.workers,
    });
    const { result } = await executeScenario(resolved, {
      outDir: flags.out ?? DEFAULT_OUT_DIR,
      quiet: flags.quiet ?? false,
      summaryToStderr: false,
    }, io);
    io.stdout(
      `The demo API counted ${api.stats().requests} requests; perf counted ${result.summary.requests}.\n`,
    );
    io.stdout(`Next: perf run -s smoke -H http://your-server:8000 (or perf run -c your.yaml)\n`);
    return result.exit_code;
  } finally {
    await api.close();
  }
}
