/**
 * What to do with the manifests of `perf k8s`: apply, wait, collect each segment's result, merge. Pure:
 * the text is printed on stderr by the command (the manifests themselves may be on stdout).
 *
 * @module
 */
import { RESULTS_DIR } from "./manifests.ts";

export interface K8sStepsInput {
  name: string;
  namespace?: string;
  segments: number;
  /** The manifests file to apply (`-o FILE`, or a suggested name when they went to stdout). */
  file: string;
  /** The manifests were printed on stdout rather than written to `file`. */
  toStdout?: boolean;
  resultsPvc?: string;
  /** For `kubectl wait --timeout`: the run's length plus room for scheduling and image pulls. */
  waitTimeoutSeconds: number;
  startAt?: string;
}

/** Segment result files named in `perf merge`; beyond this many, a glob. */
const MAX_LISTED = 4;

/** The numbered steps, one command per line, ready to copy. */
export function k8sSteps(input: K8sStepsInput): string {
  const { name, segments } = input;
  const ns = input.namespace === undefined ? "" : ` -n ${input.namespace}`;
  const selector = `job-name=${name}`;
  const lines: string[] = [];
  if (input.startAt) {
    lines.push(
      `Every segment starts at ${input.startAt}: apply the manifests before then, leaving time for image`,
      "pulls (a segment that starts more than a few seconds late fails); otherwise generate them again.",
      "",
    );
  }
  lines.push(
    "Next:",
    `  1. kubectl apply${ns} -f ${input.file}` +
      (input.toStdout ? `    (the manifests printed on stdout, saved as ${input.file})` : ""),
    `  2. kubectl wait${ns} --for=condition=complete --timeout=${input.waitTimeoutSeconds}s job/${name}`,
    `     If it fails instead: kubectl describe${ns} job/${name}; each pod's last messages:`,
    `     kubectl get pods${ns} -l ${selector} -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}` +
      `{.status.containerStatuses[0].state.terminated.message}{"\\n"}{end}'`,
  );
  let files: string;
  if (input.resultsPvc === undefined) {
    const file = (i: string) => `${name}-segment-${i}.json`;
    lines.push(
      "  3. Collect the results (each pod's log is its segment's result JSON; --tail=-1 for all of it):",
      `     for i in $(seq 1 ${segments}); do kubectl logs${ns} --tail=-1 ` +
        `-l ${selector},batch.kubernetes.io/job-completion-index=$((i - 1)) > ${file("$i")}; done`,
    );
    files = segments <= MAX_LISTED
      ? Array.from({ length: segments }, (_, i) => file(String(i + 1))).join(" ")
      : file("*");
  } else {
    const pod = `${name}-results`;
    const from = `${input.namespace === undefined ? "" : `${input.namespace}/`}${pod}:${RESULTS_DIR}/${name}`;
    lines.push(
      `  3. Copy the results from the claim ${input.resultsPvc} (mounted by the pod ${pod}):`,
      `     kubectl wait${ns} --for=condition=Ready pod/${pod}`,
      `     kubectl cp ${from} ${pod}`,
    );
    files = `${pod}/segment-*.json`;
  }
  lines.push(
    `  4. perf merge ${files} -o reports/performance/${name}`,
    "     (the merged result, its report.html and the thresholds' verdict on the merged figures)",
    `  5. kubectl delete${ns} -f ${input.file}    (else the Job and its pods go a day after it ends)`,
    "",
  );
  return lines.join("\n");
}
