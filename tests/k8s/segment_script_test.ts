/**
 * The shell script each pod of the Job runs, executed with /bin/sh and a stand-in for perf that prints its
 * arguments: the segment comes from JOB_COMPLETION_INDEX, the start time is passed on, the log holds
 * only the result JSON (stdout) and exit 99 (this segment's thresholds) does not fail the pod.
 */
import { segmentScript } from "../../src/k8s/manifests.ts";
import { assertEquals, assertMatch } from "../helpers/assert.ts";

interface Pod {
  code: number;
  stdout: string;
  stderr: string;
  message: string;
  results: string;
}

async function runPod(
  options: { index: number; exit: number; pvc: boolean; startAt?: string },
): Promise<Pod> {
  const dir = await Deno.makeTempDir({ prefix: "perf-k8s-" });
  const fake = `${dir}/perf`;
  await Deno.writeTextFile(
    fake,
    '#!/bin/sh\nprintf \'%s\\n\' "$@"\necho "perf: 1 segment summary" >&2\nexit "$FAKE_EXIT"\n',
  );
  await Deno.chmod(fake, 0o755);
  const termination = `${dir}/termination-log`;
  const script = segmentScript(fake, options.pvc).replaceAll("/dev/termination-log", termination);
  const results = `${dir}/results`;
  const output = await new Deno.Command("/bin/sh", {
    args: ["-c", script],
    clearEnv: true,
    env: {
      PATH: "/usr/bin:/bin",
      JOB_COMPLETION_INDEX: String(options.index),
      PERF_CONFIG: "/etc/perf/perf.yaml",
      PERF_SCENARIO: "load test",
      PERF_SEGMENTS: "3",
      PERF_RESULTS: results,
      FAKE_EXIT: String(options.exit),
      ...(options.startAt ? { PERF_START_AT: options.startAt } : {}),
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const message = await Deno.readTextFile(termination).catch(() => "");
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr), message, results };
}

Deno.test("logs mode: segment index + 1 of N, the start time, the result JSON alone on stdout", async () => {
  const pod = await runPod({ index: 1, exit: 0, pvc: false, startAt: "2026-05-01T10:00:00.000Z" });
  assertEquals(pod.code, 0);
  assertEquals(pod.stdout.trimEnd().split("\n"), [
    "run",
    "-c",
    "/etc/perf/perf.yaml",
    "-s",
    "load test",
    "--segment",
    "2/3",
    "--start-at",
    "2026-05-01T10:00:00.000Z",
    "-q",
    "-o",
    pod.results,
    "--json",
    "-",
  ]);
  assertEquals(pod.stderr, "");
  assertEquals(pod.message, "perf: 1 segment summary\n");
});

Deno.test("logs mode: the first index is segment 1; without a start time none is passed", async () => {
  const pod = await runPod({ index: 0, exit: 0, pvc: false });
  assertMatch(pod.stdout, /--segment\n1\/3\n/);
  assertEquals(pod.stdout.includes("--start-at"), false);
});

Deno.test("exit 99 (the segment's own thresholds) succeeds; another failure keeps its code and messages", async () => {
  const thresholds = await runPod({ index: 2, exit: 99, pvc: false });
  assertEquals(thresholds.code, 0);
  assertEquals(thresholds.stderr, "");
  const broken = await runPod({ index: 2, exit: 104, pvc: false });
  assertEquals(broken.code, 104);
  assertEquals(broken.stderr, "perf: 1 segment summary\n");
  assertEquals(broken.message, "perf: 1 segment summary\n");
  const aborted = await runPod({ index: 2, exit: 108, pvc: true });
  assertEquals(aborted.code, 108);
});

Deno.test("PVC mode: each segment writes segment-<i>.json and its run directory on the claim", async () => {
  const pod = await runPod({ index: 2, exit: 99, pvc: true });
  assertEquals(pod.code, 0);
  const args = pod.stdout.trimEnd().split("\n");
  assertEquals(args.slice(-4), ["-o", `${pod.results}/segment-3`, "--json", `${pod.results}/segment-3.json`]);
  assertMatch(pod.stderr, /summary/);
});
