/**
 * A drifting target in a process of its own (`deno run --allow-net drifting_server_main.ts BASE_MS
 * MS_PER_S BYTES_PER_S`): latency and a memory gauge grow at a known pace from its start. Out of the
 * test's process so the test's own event loop (perf's main thread runs there) adds no latency. Prints
 * its port on stdout; stops by itself after two minutes whatever happens.
 */
const [baseMs, msPerSecond, bytesPerSecond] = Deno.args.map(Number) as [number, number, number];
const started = performance.now();
const elapsedS = () => (performance.now() - started) / 1000;

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(port) },
  async (req) => {
    if (new URL(req.url).pathname === "/metrics") {
      const bytes = 50 * 2 ** 20 + bytesPerSecond * elapsedS();
      return new Response(`# TYPE app_memory_bytes gauge\napp_memory_bytes ${bytes}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, baseMs + msPerSecond * elapsedS()));
    return new Response("ok");
  },
);
setTimeout(() => server.shutdown(), 120_000);
