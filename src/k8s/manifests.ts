/**
 * `perf k8s`: the Kubernetes manifests of a distributed run. Pure: objects in, objects (and YAML) out.
 *
 * - a ConfigMap `<name>-config` holding the config and the files it reads (test data, TypeScript users),
 *   mounted read-only at `/etc/perf` with the config's directory layout (keys are flat; `items` put each
 *   file back at its relative path);
 * - an Indexed Job `<name>`: `completions = parallelism = segments`, one pod per segment, never retried
 *   (`backoffLimit: 0`: a retried segment would start after the others). Each pod runs
 *   `perf run --segment (JOB_COMPLETION_INDEX + 1)/N` through `/bin/sh` (the only way to add 1 to the
 *   index), with the same `--start-at` instant for every pod when one is given;
 * - results: without a PVC the result JSON is the container's log (`--json -`; perf's own messages go
 *   to a file and their last 4 KB to the termination message), so `kubectl logs` collects it on any
 *   cluster; with `resultsPvc` (ReadWriteMany) each segment writes `/results/<name>/segment-<i>.json`
 *   and its run directory there, and a small Pod `<name>-results` mounts the claim for `kubectl cp`.
 *
 * A segment whose own thresholds fail (exit 99) still succeeds: thresholds are judged by `perf merge`
 * on the merged figures, and a failed pod would fail the Job and stop the other segments.
 *
 * @module
 */
import { stringify } from "yaml";
import { ExitCode, PerfError } from "../errors.ts";

const CONFIG_DIR = "/etc/perf";
export const RESULTS_DIR = "/results";
/** Kubernetes limits a ConfigMap to 1 MiB. */
const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** A day to collect the logs before the Job and its pods are deleted. */
const DEFAULT_TTL_SECONDS = 86_400;
/** Job names are also pod label values and hostnames (`<name>-<index>`): kept short. */
const MAX_NAME_LENGTH = 52;

export interface K8sResources {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

/** No CPU limit by default: CFS throttling of a load generator shows up as latency it did not measure. */
export const DEFAULT_RESOURCES: K8sResources = {
  requests: { cpu: "1", memory: "512Mi" },
  limits: { memory: "1Gi" },
};

export interface K8sManifestInput {
  /** Job name (DNS label, at most 52 characters); the ConfigMap is `<name>-config`. */
  name: string;
  namespace?: string;
  scenario: string;
  segments: number;
  image: string;
  configText: string;
  /** The ConfigMap key and file name of the config under /etc/perf, e.g. `perf.yaml`. */
  configFileName: string;
  /** Files the config reads, by path relative to the config's directory (`data/users.csv`). */
  extraFiles?: Record<string, string>;
  /** The instant every segment starts at (`--start-at`), ISO 8601 UTC; absent: each pod starts at once. */
  startAt?: string;
  /** A ReadWriteMany PersistentVolumeClaim for the results; absent: results go to the pods' logs. */
  resultsPvc?: string;
  /** Secret whose keys become environment variables (for `${VAR}` in the config). */
  envSecret?: string;
  resources?: K8sResources;
  serviceAccount?: string;
  /** How the image runs perf, from /bin/sh (default `perf`, e.g. `deno run -A /app/perf.js`). */
  perfCommand?: string;
  ttlSecondsAfterFinished?: number;
  /** SHA-256 of the config, recorded as an annotation. */
  configDigest?: string;
}

type Obj = Record<string, unknown>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;
const usage = (message: string, hint?: string) => new PerfError(message, ExitCode.usage, hint);

/** `perf-<scenario>` made a valid Job name (lower case, `-` for the rest, at most 52 characters). */
export function defaultJobName(scenario: string): string {
  const slug = `perf-${scenario}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, MAX_NAME_LENGTH);
  return slug.replace(/-+$/, "");
}

/** The relative path of a mounted file, normalised (`./a//b` -> `a/b`); throws for `..` or `/x`. */
export function mountPath(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (path.startsWith("/") || parts.length === 0 || parts.includes("..")) {
    throw usage(
      `Cannot mount "${path}" from the ConfigMap: only files under the config's directory can be`,
      "move the file next to the config (or below it), or build it into the image",
    );
  }
  return parts.join("/");
}

/** The ConfigMap key of a file: its path with `/` as `__` and other characters as `_`, made unique. */
function configMapKey(path: string, taken: Set<string>): string {
  const base = path.replaceAll("/", "__").replace(/[^-._a-zA-Z0-9]/g, "_");
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

function checkInput(input: K8sManifestInput): void {
  if (!DNS_LABEL.test(input.name) || input.name.length > MAX_NAME_LENGTH) {
    throw usage(
      `Invalid name "${input.name}": a Job name is lower-case letters, digits and "-", at most ` +
        `${MAX_NAME_LENGTH} characters, starting and ending with a letter or digit`,
      `e.g. --name ${defaultJobName(input.scenario)}`,
    );
  }
  if (input.namespace !== undefined && (!DNS_LABEL.test(input.namespace) || input.namespace.length > 63)) {
    throw usage(`Invalid namespace "${input.namespace}": lower-case letters, digits and "-"`);
  }
  if (!Number.isInteger(input.segments) || input.segments < 1) {
    throw usage(`Invalid number of segments ${input.segments}: expected a whole number >= 1`);
  }
  if (input.image.trim() === "" || /\s/.test(input.image)) {
    throw usage(`Invalid image "${input.image}"`, "e.g. --image registry.example.com/perf:0.1.0");
  }
  if (!CONFIGMAP_KEY.test(input.configFileName)) {
    throw usage(`Invalid config file name "${input.configFileName}": use letters, digits, ".", "_", "-"`);
  }
  if (input.startAt !== undefined && Number.isNaN(Date.parse(input.startAt))) {
    throw usage(`Invalid start time "${input.startAt}": expected an ISO 8601 instant`);
  }
}

/** The shell script of a segment's container (values come from the environment, so nothing is quoted). */
export function segmentScript(perfCommand: string, toPvc: boolean): string {
  const common = [
    "i=$((JOB_COMPLETION_INDEX + 1))",
    'set -- run -c "$PERF_CONFIG" -s "$PERF_SCENARIO" --segment "$i/$PERF_SEGMENTS"',
    'if [ -n "${PERF_START_AT:-}" ]; then set -- "$@" --start-at "$PERF_START_AT"; fi',
  ];
  // Exit 99 (this segment's thresholds) is no failure: `perf merge` judges the merged figures.
  const verdict = 'case "$code" in 0|99) exit 0 ;; esac';
  if (toPvc) {
    return [
      ...common,
      'out="$PERF_RESULTS/segment-$i"',
      'mkdir -p "$out"',
      `${perfCommand} "$@" -o "$out" --json "$out.json"`,
      "code=$?",
      verdict,
      'exit "$code"',
      "",
    ].join("\n");
  }
  return [
    ...common,
    'mkdir -p "$PERF_RESULTS"',
    "# stdout (the container log) holds only the result JSON; perf's messages go to a file.",
    `${perfCommand} "$@" -q -o "$PERF_RESULTS" --json - 2>"$PERF_RESULTS/perf.log"`,
    "code=$?",
    'tail -c 4000 "$PERF_RESULTS/perf.log" >/dev/termination-log',
    verdict,
    'cat "$PERF_RESULTS/perf.log" >&2',
    'exit "$code"',
    "",
  ].join("\n");
}

/** The ConfigMap, the Indexed Job and (with a PVC) the results Pod of a distributed run. */
export function k8sManifests(input: K8sManifestInput): Obj[] {
  checkInput(input);
  const meta = metadataOf(input);
  const { configMap, items } = configMapOf(input, meta);
  const job = jobOf(input, meta, items);
  if (input.resultsPvc === undefined) return [configMap, job];
  return [configMap, job, resultsPod(input, meta.labels("results"), meta.ns)];
}

/** What every object of the run carries: its namespace, labels by component, and the run's annotations. */
interface RunMetadata {
  ns: Obj;
  labels(component: string): Record<string, string>;
  annotations: Record<string, string>;
}

function metadataOf(input: K8sManifestInput): RunMetadata {
  return {
    ns: input.namespace === undefined ? {} : { namespace: input.namespace },
    labels: (component) => ({
      "app.kubernetes.io/name": "perf",
      "app.kubernetes.io/instance": input.name,
      "app.kubernetes.io/component": component,
    }),
    annotations: {
      "perf/scenario": input.scenario,
      "perf/segments": String(input.segments),
      ...(input.startAt ? { "perf/start-at": input.startAt } : {}),
      ...(input.configDigest ? { "perf/config-sha256": input.configDigest } : {}),
    },
  };
}

/** The config and its files as one ConfigMap, with the items that mount each file at its path. */
function configMapOf(input: K8sManifestInput, meta: RunMetadata): { configMap: Obj; items: Obj[] } {
  const data: Record<string, string> = { [input.configFileName]: input.configText };
  const taken = new Set([input.configFileName]);
  const items = [{ key: input.configFileName, path: input.configFileName }];
  for (const [path, text] of Object.entries(input.extraFiles ?? {})) {
    const rel = mountPath(path);
    if (rel === input.configFileName) continue;
    const key = configMapKey(rel, taken);
    data[key] = text;
    items.push({ key, path: rel });
  }
  const bytes = Object.entries(data).reduce(
    (n, [k, v]) => n + k.length + new TextEncoder().encode(v).length,
    0,
  );
  if (bytes > CONFIGMAP_MAX_BYTES) {
    throw usage(
      `The config and its files take ${bytes} bytes: more than a ConfigMap holds (1 MiB)`,
      "build the large test data into the image and point test_data at its path there",
    );
  }
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `${input.name}-config`,
      ...meta.ns,
      labels: meta.labels("config"),
      annotations: meta.annotations,
    },
    data,
  };
  return { configMap, items };
}

/** The load generator's container: the segment script, its environment and its two mounts. */
function containerOf(input: K8sManifestInput): Obj {
  const toPvc = input.resultsPvc !== undefined;
  const env = [
    { name: "PERF_CONFIG", value: `${CONFIG_DIR}/${input.configFileName}` },
    { name: "PERF_SCENARIO", value: input.scenario },
    { name: "PERF_SEGMENTS", value: String(input.segments) },
    { name: "PERF_RESULTS", value: toPvc ? `${RESULTS_DIR}/${input.name}` : RESULTS_DIR },
    ...(input.startAt ? [{ name: "PERF_START_AT", value: input.startAt }] : []),
    { name: "NO_COLOR", value: "1" },
  ];
  return {
    name: "perf",
    image: input.image,
    command: ["/bin/sh", "-c", segmentScript(input.perfCommand ?? "perf", toPvc)],
    workingDir: CONFIG_DIR,
    env,
    ...(input.envSecret ? { envFrom: [{ secretRef: { name: input.envSecret } }] } : {}),
    resources: input.resources ?? DEFAULT_RESOURCES,
    volumeMounts: [
      { name: "config", mountPath: CONFIG_DIR, readOnly: true },
      { name: "results", mountPath: RESULTS_DIR },
    ],
  };
}

/** The Indexed Job: one pod per segment, all at once, never retried, spread across nodes. */
function jobOf(input: K8sManifestInput, meta: RunMetadata, items: Obj[]): Obj {
  const { name, segments } = input;
  const resultsVolume = input.resultsPvc !== undefined
    ? { name: "results", persistentVolumeClaim: { claimName: input.resultsPvc } }
    : { name: "results", emptyDir: {} };
  const podLabels = meta.labels("load-generator");
  const { annotations } = meta;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, ...meta.ns, labels: podLabels, annotations },
    spec: {
      completionMode: "Indexed",
      completions: segments,
      parallelism: segments,
      backoffLimit: 0,
      ttlSecondsAfterFinished: input.ttlSecondsAfterFinished ?? DEFAULT_TTL_SECONDS,
      template: {
        metadata: { labels: podLabels, annotations },
        spec: {
          restartPolicy: "Never",
          ...(input.serviceAccount
            ? { serviceAccountName: input.serviceAccount }
            : { automountServiceAccountToken: false }),
          // Segments on different nodes where possible, so they do not share a NIC and CPUs.
          topologySpreadConstraints: [{
            maxSkew: 1,
            topologyKey: "kubernetes.io/hostname",
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: { "app.kubernetes.io/instance": name } },
          }],
          containers: [containerOf(input)],
          volumes: [{ name: "config", configMap: { name: `${name}-config`, items } }, resultsVolume],
        },
      },
    },
  };
}

/** A Pod that mounts the results claim (read-only) for `kubectl cp`; it sleeps as long as the Job's TTL. */
function resultsPod(input: K8sManifestInput, labels: Obj, ns: Obj): Obj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `${input.name}-results`, ...ns, labels },
    spec: {
      restartPolicy: "Never",
      automountServiceAccountToken: false,
      containers: [{
        name: "results",
        image: input.image,
        command: ["sleep", String(input.ttlSecondsAfterFinished ?? DEFAULT_TTL_SECONDS)],
        resources: { requests: { cpu: "10m", memory: "16Mi" } },
        volumeMounts: [{ name: "results", mountPath: RESULTS_DIR, readOnly: true }],
      }],
      volumes: [{ name: "results", persistentVolumeClaim: { claimName: input.resultsPvc, readOnly: true } }],
    },
  };
}

/**
 * The manifests as one multi-document YAML stream (`---` between documents), for `kubectl apply -f`.
 * Written for YAML 1.1, which kubectl reads: `on`, `yes` or a timestamp stay quoted strings. No anchors.
 */
export function manifestsYaml(manifests: readonly Obj[]): string {
  const options = { lineWidth: 0, version: "1.1", aliasDuplicateObjects: false } as const;
  return manifests.map((m) => stringify(m, options)).join("---\n");
}
