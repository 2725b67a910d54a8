/**
 * Acceptance for the capacity search (issue 15): `perf run` with `stress.search` and nothing about the
 * target's capacity finds it, against FIFO servers of known capacity, within 10%; the search path, the
 * bracket and the recovery are in result.json (read back through the shipped schema) and the report.
 * Each server runs in a process of its own and measures its own drain time, which the recovery must
 * match within max(2.5 s, 25%). Steps are shortened (3-5 s) so the test takes about a minute per server;
 * the defaults (10-40 s steps) are measured by `deno task bench:stress`.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { capacityProcess } from "../helpers/targets.ts";
import { readResultFile } from "../../src/result/read_result.ts";

for (const capacity of [50, 400, 2000]) {
  Deno.test(`capacity search: a ${capacity} req/s server is found within 10%, and its recovery timed`, async () => {
    const target = await capacityProcess(capacity);
    try {
      const out = await Deno.makeTempDir({ prefix: "perf-search-" });
      const config = await writeConfig(`base_url: "${target.url}"
scenarios:
  stress:
    stress:
      search: { start_rate: ${
        capacity / 4
      }, min_step: 3s, max_step: 5s, min_samples: 150, max_duration: 120s }
      recovery_limit: 15s
    max_users: 500
    tasks:
      - { name: root, path: / }
`);
      const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
      assertEquals(run.code, 0, run.stderr);
      const { result, dir } = await readOnlyResult(out);
      const stats = await target.stats();
      assertEquals(result.summary.requests, stats.requests);
      const stress = result.stress!;
      const search = stress.search!;
      assertEquals(search.stopped_by, "converged");
      const { held, failed } = search.bracket;
      assert(held !== undefined && failed !== undefined && held < failed, JSON.stringify(search.bracket));
      const found = stress.max_sustainable_rps!;
      assert(Math.abs(found - capacity) <= capacity * 0.1, `max sustainable ${found} req/s vs ${capacity}`);
      assertEquals(stress.breaking_point?.target, failed);
      assert(stress.recovery.recovered, stress.recovery.explanation);
      // The server's own drain after the peak: from its deepest backlog to an empty queue.
      const episode = stats.episodes.at(-1)!;
      const drain = episode.drained_s! - episode.peak_s;
      const recovery = stress.recovery.recovery_s!;
      assert(
        Math.abs(recovery - drain) <= Math.max(2.5, 0.25 * drain),
        `recovery ${recovery} s vs the server's drain ${drain} s`,
      );
      assertMatch(stress.verdict, /Sustained .* Broke at .* Search: \d+ steps; it ended because the bracket/);
      // The path alternates as a bisection should: every refine step inside the bracket before it.
      assertEquals(search.path.map((s) => s.rate).slice(0, 3), [capacity / 4, capacity / 2, capacity]);
      // Read back through the shipped schema, and drawn in the report.
      assertEquals(
        (await readResultFile(`${dir}/result.json`)).stress?.search?.path.length,
        search.path.length,
      );
      const html = await Deno.readTextFile(`${dir}/report.html`);
      assertMatch(html, /Max sustainable/);
    } finally {
      await target.close();
    }
  });
}
