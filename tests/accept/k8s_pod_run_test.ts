/**
 * The Job's pods end to end, without a cluster: the container script of the generated Job, run by /bin/sh
 * with the environment Kubernetes gives each pod (JOB_COMPLETION_INDEX, the ConfigMap's files under one
 * directory), runs the real perf; each pod's stdout (its log) is its segment's result JSON as is, and
 * `perf merge` of those logs counts exactly the requests the server saw.
 */
import { mergeCommand } from "../../src/cli/merge_command.ts";
import { k8sManifests } from "../../src/k8s/manifests.ts";
import { assertEquals } from "../helpers/assert.ts";
import { fakeIo } from "../helpers/cli.ts";
import { countingServer } from "../helpers/targets.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

Deno.test("each pod's log is its segment's result JSON, and perf merge adds them up exactly", async () => {
  const target = countingServer();
  const dir = await Deno.makeTempDir({ prefix: "perf-k8s-pods-" });
  try {
    const configText = `base_url: "${target.url}"\nscenarios:\n  load:\n    rate: 40\n    max_users: 8\n` +
      `    run_time: 2s\n`;
    const [configMap, job] = k8sManifests({
      name: "perf-load",
      scenario: "load",
      segments: 2,
      image: "unused",
      configText,
      configFileName: "perf.yaml",
      // Time for both perf processes to load before the common start.
      startAt: new Date(Date.now() + 6000).toISOString(),
      perfCommand: `"${Deno.execPath()}" run -A "${MAIN}"`,
    }) as Any[];
    // What the ConfigMap volume and the emptyDir give the container, under a temporary directory.
    await Deno.mkdir(`${dir}/etc/perf`, { recursive: true });
    await Deno.writeTextFile(`${dir}/etc/perf/perf.yaml`, configMap.data["perf.yaml"]);
    const container = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(
      container.env.map((e: Any) => [e.name, e.value.replace(/^\//, `${dir}/`)]),
    );
    const script = container.command[2].replaceAll("/dev/termination-log", `${dir}/termination-log`);
    const pods = await Promise.all([0, 1].map(async (index) => {
      await Deno.mkdir(`${dir}/results-${index}`);
      const output = await new Deno.Command("/bin/sh", {
        args: ["-c", script],
        env: { ...env, PERF_RESULTS: `${dir}/results-${index}`, JOB_COMPLETION_INDEX: String(index) },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(output.stdout);
      assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
      await Deno.writeTextFile(`${dir}/segment-${index + 1}.json`, log);
      return JSON.parse(log);
    }));
    assertEquals(pods.map((r) => r.run.segment), ["1/2", "2/2"]);
    const code = await mergeCommand(
      [`${dir}/segment-1.json`, `${dir}/segment-2.json`],
      { out: `${dir}/merged` },
      fakeIo(),
    );
    assertEquals(code, 0);
    const merged = JSON.parse(await Deno.readTextFile(`${dir}/merged/result.json`));
    assertEquals(merged.summary.requests, target.count());
    assertEquals(merged.summary.requests, 80); // 40/s for 2 s, split between the two pods
  } finally {
    await target.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
