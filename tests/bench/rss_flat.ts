/**
 * Memory stays flat: runs perf for a while against a loopback server (in a child process, at full
 * speed) and samples the perf process's RSS every second from /proc. Prints the samples and the spread
 * after warm-up. Usage: deno run -A tests/bench/rss_flat.ts [seconds=60] [users=50] [wait_time=0]
 * e.g. 10,000 users with Locust-like think time: deno run -A tests/bench/rss_flat.ts 60 10000 "between(1, 2)"
 */
const seconds = Number(Deno.args[0] ?? 60);
const users = Number(Deno.args[1] ?? 50);
const waitTime = Deno.args[2] ?? "0";
const WARMUP_S = 10;

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => new Response("ok"));
const dir = await Deno.makeTempDir({ prefix: "perf-rss-" });
const config = `${dir}/rss.yaml`;
await Deno.writeTextFile(
  config,
  `base_url: "http://127.0.0.1:${server.addr.port}"
scenarios:
  rss:
    users: ${users}
    run_time: ${seconds}s
    spawn_rate: ${Math.max(users / 5, 1)}
    wait_time: ${/^[\d.]+$/.test(waitTime) ? waitTime : JSON.stringify(waitTime)}
    tasks:
      - { name: a, path: /a, weight: 3 }
      - { name: b, path: /b, weight: 1 }
`,
);
const main = new URL("../../main.ts", import.meta.url).pathname;
const child = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    ...(Deno.env.get("PERF_V8_FLAGS") ? [`--v8-flags=${Deno.env.get("PERF_V8_FLAGS")}`] : []),
    main,
    "run",
    "-c",
    config,
    "-o",
    dir,
    "--quiet",
  ],
  stdout: "piped",
  stderr: "inherit",
}).spawn();

function rssMb(pid: number): number | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return undefined;
  }
}

const samples: number[] = [];
const sampler = setInterval(() => {
  const mb = rssMb(child.pid);
  if (mb !== undefined) samples.push(mb);
}, 1000);
const output = await child.output();
clearInterval(sampler);
await server.shutdown();

const text = new TextDecoder().decode(output.stdout);
console.log(text.split("\n").slice(0, 6).join("\n"));
console.log(`RSS per second (MB): ${samples.map((s) => s.toFixed(1)).join(" ")}`);
const steady = samples.slice(WARMUP_S);
if (steady.length > 1) {
  const min = Math.min(...steady);
  const max = Math.max(...steady);
  console.log(
    `after ${WARMUP_S}s warm-up: min ${min.toFixed(1)} MB, max ${max.toFixed(1)} MB, ` +
      `spread ${(max - min).toFixed(1)} MB, first ${steady[0]!.toFixed(1)} -> last ${
        steady.at(-1)!.toFixed(1)
      } MB`,
  );
}
