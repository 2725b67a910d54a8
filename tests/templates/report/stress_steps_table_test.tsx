import { renderToString } from "preact-render-to-string";
import { StressStepsTable } from "../../../templates/report/stress_steps_table.tsx";
import { stepRows } from "../../../src/report/html/stress_view.ts";
import { stressResult } from "../../helpers/analysis_fixtures.ts";
import { assert, assertEquals, assertMatch } from "../../helpers/assert.ts";

Deno.test("stress steps: a step that was not judged says so and why, neither held nor failed", async () => {
  const stress = (await stressResult()).stress!;
  const last = stress.steps.at(-1)!;
  const cut = {
    ...last,
    ok: false,
    failed: [],
    not_judged: "cut short at 41 s: the run ended before the step did",
  };
  const rows = stepRows({ ...stress, steps: [...stress.steps.slice(0, -1), cut] });
  assertEquals(rows.at(-1)!.notJudged, cut.not_judged);
  const html = renderToString(<StressStepsTable rows={rows} />);
  const lastRow = html.slice(html.lastIndexOf("<tr"));
  assertMatch(lastRow, /not judged<span class="check-list">cut short at 41 s/);
  assert(!lastRow.includes("✗ failed") && !lastRow.includes('class="failed"'), lastRow);
});
