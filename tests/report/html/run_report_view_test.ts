/** The run report's page view: judged and worded once, only the sections the result has. */
import { runReportView } from "../../../src/report/html/run_report_view.ts";
import { soakResult, stressResult } from "../../helpers/analysis_fixtures.ts";
import { assertEquals, assertMatch } from "../../helpers/assert.ts";
import { demoResult } from "../../helpers/report_fixtures.ts";

Deno.test("runReportView of a plain run: verdict and phases, no stress or endurance section", async () => {
  const view = runReportView(await demoResult());
  assertEquals(view.verdict.label, "PASS");
  assertEquals([view.stress, view.endurance], [undefined, undefined]);
  assertEquals(view.phases[0]?.label, "TCP connect");
  assertEquals(view.liveThresholds, []);
});

Deno.test("runReportView of a stress run and a soak words their sections", async () => {
  const stress = runReportView(await stressResult()).stress!;
  assertEquals(stress.steps.length, stress.analysis.steps.length);
  assertEquals(stress.recoveryAxisBands, 5);
  const endurance = runReportView(await soakResult()).endurance!;
  assertMatch(endurance.intro, /^Analysed .* A series drifts when its slope/);
  assertEquals(endurance.drift.length, endurance.analysis.drift.length);
  assertEquals(endurance.driftAxisLevels, 3);
});
