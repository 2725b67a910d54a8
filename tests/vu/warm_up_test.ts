import { assert, assertEquals } from "../helpers/assert.ts";
import { warmUp } from "../../src/vu/warm_up.ts";

Deno.test("warmUp: sends its requests to its own loopback server and leaves nothing open", async () => {
  // Deno's sanitizers fail this test if a listener, connection or timer outlives the warm-up.
  assertEquals(await warmUp({ requests: 300, connections: 3 }), 300);
});

Deno.test("warmUp: bounded in time whatever the count", async () => {
  const started = performance.now();
  const sent = await warmUp({ requests: 1e9, maxMs: 150 });
  assert(sent > 0 && sent < 1e9, `${sent} sent`);
  // Generous: the bound is checked between requests, and this machine may be loaded.
  assert(performance.now() - started < 5000, `${performance.now() - started} ms`);
});
