import { assertEquals } from "../helpers/assert.ts";
import { InflightRequests } from "../../src/vu/inflight.ts";

Deno.test("sweep aborts only requests past their deadline, once, as timeouts", () => {
  const inflight = new InflightRequests();
  const early = inflight.begin(100, 0);
  const late = inflight.begin(1000, 0);
  assertEquals(inflight.sweep(99), 0);
  assertEquals(inflight.sweep(100), 1);
  assertEquals([early.signal.aborted, early.abortReason], [true, "timeout"]);
  assertEquals([late.signal.aborted, late.abortReason], [false, undefined]);
  assertEquals(inflight.sweep(200), 0, "an aborted request is not counted again");
  early.finish();
  late.finish();
  assertEquals(inflight.size, 0);
  inflight.close();
});

Deno.test("interruptAll aborts what is in flight and anything begun afterwards", () => {
  const inflight = new InflightRequests();
  const before = inflight.begin(1000, 0);
  inflight.interruptAll();
  const after = inflight.begin(1000, 0);
  assertEquals([before.abortReason, after.abortReason], ["interrupted", "interrupted"]);
  assertEquals(inflight.sweep(5000), 0, "interrupted requests do not become timeouts");
  inflight.close();
});
