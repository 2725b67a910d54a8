/** WorkerPool's worker module: src/vu/worker.ts from the source tree and a binary, the bundle itself in a bundle. */
import { workerModuleUrl } from "../../src/runner/worker_pool.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("workerModuleUrl: src/vu/worker.ts beside the source, the bundle's own URL in a bundle", () => {
  assertEquals(
    workerModuleUrl("file:///repo/src/runner/worker_pool.ts"),
    "file:///repo/src/vu/worker.ts",
  );
  assertEquals(workerModuleUrl("file:///opt/perf/perf.js"), "file:///opt/perf/perf.js");
  assertEquals(workerModuleUrl(), new URL("../../src/vu/worker.ts", import.meta.url).href);
});
