/**
 * A drifting target in a process of its own (`deno run --allow-net drifting_server_main.ts BASE_MS
 * MS_PER_S BYTES_PER_S`): latency and a memory gauge grow at a known pace from its start. Out of the
 * test's process so the test's own event loop (perf's main thread runs there) adds no latency. Prints
 * its port on stdout; stops by itself after two minutes whatever happens.
 *
 * It times itself too: `GET /own` returns each answered request's start (s since the server started)
 * and its own handling time (ms, its timer's lateness included), so a test can judge perf's latency
 * against what the server itself measured rather than against the nominal delay. `GET /warm` goes
 * through the same code without the delay and is neither timed nor counted: a test warms the server's
 * own JIT with it first, so a server getting faster as it warms up is not read as perf's doing.
 */
const [baseMs, msPerSecond, bytesPerSecond] = Deno.args.map(Number) as [number, number, number];
const started = performance.now();
const elapsedS = () => (performance.now() - started) / 1000;
const own: [number, number][] = [];

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(port) },
  async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/metrics") {
      const bytes = 50 * 2 ** 20 + bytesPerSecond * elapsedS();
      return new Response(`# TYPE app_memory_bytes gauge\napp_memory_bytes ${bytes}\n`);
    }
    if (path === "/own") return Response.json(own);
    const warm = path === "/warm";
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, warm ? 0 : baseMs + msPerSecond * elapsedS()));
    if (!warm) own.push([(at - started) / 1000, performance.now() - at]);
    return new Response("ok");
  },
);
setTimeout(() => server.shutdown(), 120_000);
