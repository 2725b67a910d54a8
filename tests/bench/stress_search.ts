/**
 * `deno task bench:stress`: the issue-15 goal measured as a user would meet it. For each capacity (req/s,
 * default 50 500 5000) it starts a FIFO capacity server in a process of its own, shows that the server
 * process absorbs twice that rate (a server of 4× the capacity offered 2× for 5 s: answered in full, no
 * backlog), then runs `perf run -s stress -H URL` with no other option, as a separate process, and prints
 * what perf found against what the server measured itself: max sustainable rate vs capacity, recovery vs
 * the server's own drain time, the search's length, and perf's request count vs the server's.
 *
 * Takes a few minutes per capacity (the preset's defaults); not part of `deno task test`.
 *     deno task bench:stress            # 50 500 5000
 *     deno task bench:stress 137 2000
 */
import { capacityProcess } from "../helpers/targets.ts";
import type { RunResult } from "../../src/model/result.ts";

const root = new URL("../../", import.meta.url);
const capacities = Deno.args.length ? Deno.args.map(Number) : [50, 500, 5000];

async function perf(args: string[]): Promise<{ code: number; result?: RunResult; seconds: number }> {
  const out = await Deno.makeTempDir({ prefix: "perf-bench-stress-" });
  const started = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("main.ts", root).pathname, "run", ...args, "-o", out, "--quiet"],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  for await (const entry of Deno.readDir(out)) {
    const text = await Deno.readTextFile(`${out}/${entry.name}/result.json`);
    return { code, result: JSON.parse(text) as RunResult, seconds };
  }
  return { code, seconds };
}

/** The server process at 4× the capacity, offered 2× for 5 s: did it answer all of it, without a queue? */
async function absorbsTwice(capacity: number): Promise<string> {
  const server = await capacityProcess(4 * capacity, { lifetimeS: 60 });
  try {
    const config = await Deno.makeTempFile({ suffix: ".yaml" });
    await Deno.writeTextFile(
      config,
      `base_url: "${server.url}"\nscenarios:\n  twice:\n    rate: ${2 * capacity}\n    run_time: 5s\n` +
        `    max_users: 1000\n    tasks: [{ name: root, path: / }]\n`,
    );
    const { result } = await perf(["-c", config]);
    const stats = await server.stats();
    return `${result?.summary.rps} req/s answered of ${2 * capacity}/s offered, deepest backlog ` +
      `${Math.round(stats.max_backlog_ms)} ms`;
  } finally {
    await server.close();
  }
}

for (const capacity of capacities) {
  const twice = await absorbsTwice(capacity);
  const server = await capacityProcess(capacity, { lifetimeS: 900 });
  try {
    const { code, result, seconds } = await perf(["-s", "stress", "-H", server.url]);
    const stats = await server.stats();
    const stress = result?.stress;
    const found = stress?.max_sustainable_rps;
    const last = stats.episodes.at(-1);
    const drain = last?.drained_s !== undefined ? last.drained_s - last.peak_s : undefined;
    const error = found === undefined ? "-" : `${((found / capacity - 1) * 100).toFixed(1)}%`;
    console.log(
      [
        `capacity ${capacity} req/s (server alone: ${twice})`,
        `  exit ${code}, ${seconds.toFixed(0)} s; stopped by ${stress?.search?.stopped_by}; ` +
        `bracket ${JSON.stringify(stress?.search?.bracket)}`,
        `  max sustainable ${found} req/s (${error}); recovery ${stress?.recovery.recovery_s} s vs the ` +
        `server's drain ${drain?.toFixed(1)} s`,
        `  requests: perf ${result?.summary.requests}, server ${stats.requests} (refused ${stats.refused})`,
      ].join("\n"),
    );
  } finally {
    await server.close();
  }
}
