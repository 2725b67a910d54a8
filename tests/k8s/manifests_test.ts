/**
 * The manifests of `perf k8s` (src/k8s/manifests.ts): their structure, the Kubernetes schema
 * (kubernetes-models, see k8s_schema.ts) on the YAML as kubectl would read it, and the segment's shell
 * script run for real with a stand-in for perf.
 */
import { parseAllDocuments } from "yaml";
import { PerfError } from "../../src/errors.ts";
import {
  defaultJobName,
  type K8sManifestInput,
  k8sManifests,
  manifestsYaml,
  mountPath,
} from "../../src/k8s/manifests.ts";
import { assert, assertEquals, assertMatch, assertThrows } from "../helpers/assert.ts";
import { validateManifest } from "./k8s_schema.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** Comments, placeholders, `${VAR}`, quotes, unicode, a tab and trailing spaces: all must survive. */
const CONFIG = [
  "# perf config: ${TARGET_URL} is read in the pod",
  'base_url: "${TARGET_URL:-http://shop.test:8000}"',
  "test_data:",
  "  users: { file: data/users.csv }",
  "scenarios:",
  "  load:   ",
  "    users: 30",
  "    run_time: 5m",
  "    tasks:",
  "      - path: '/api/items/{{ users.id }}?q=\"ü\"'",
  "\t",
  "",
].join("\n");

function input(overrides: Partial<K8sManifestInput> = {}): K8sManifestInput {
  return {
    name: "perf-load",
    scenario: "load",
    segments: 3,
    image: "registry.example.com/perf:0.1.0",
    configText: CONFIG,
    configFileName: "perf.yaml",
    extraFiles: { "data/users.csv": "id\n1\n2\n", "./users/shop.ts": "export default {};\n" },
    ...overrides,
  };
}

/** The manifests as kubectl reads them: the YAML stream parsed back. */
function roundTrip(manifests: object[]): Any[] {
  // kubectl reads YAML 1.1, where `on` is a boolean and a bare timestamp a time.
  const docs = parseAllDocuments(manifestsYaml(manifests as Record<string, unknown>[]), { version: "1.1" });
  assert(Array.isArray(docs), "a YAML stream");
  for (const doc of docs) assertEquals(doc.errors, []);
  return docs.map((doc) => doc.toJS());
}

Deno.test("the YAML stream holds a ConfigMap and an Indexed Job, both valid against the Kubernetes schema", () => {
  const docs = roundTrip(k8sManifests(input()));
  assertEquals(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`), [
    "v1 ConfigMap perf-load-config",
    "batch/v1 Job perf-load",
  ]);
  for (const doc of docs) validateManifest(doc);
});

Deno.test("the Job runs one pod per segment, never retried, kept a day for its logs", () => {
  const [, job] = roundTrip(k8sManifests(input({ segments: 5 })));
  const spec = job.spec;
  assertEquals(spec.completionMode, "Indexed");
  assertEquals(spec.completions, 5);
  assertEquals(spec.parallelism, 5);
  assertEquals(spec.backoffLimit, 0);
  assertEquals(spec.ttlSecondsAfterFinished, 86400);
  const pod = spec.template.spec;
  assertEquals(pod.restartPolicy, "Never");
  assertEquals(pod.automountServiceAccountToken, false);
  const [container] = pod.containers;
  assertEquals(container.image, "registry.example.com/perf:0.1.0");
  assertEquals(container.command.slice(0, 2), ["/bin/sh", "-c"]);
  assertMatch(container.command[2], /i=\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/);
  assertMatch(container.command[2], /--segment "\$i\/\$PERF_SEGMENTS"/);
  const env = Object.fromEntries(container.env.map((e: Any) => [e.name, e.value]));
  assertEquals(env.PERF_SEGMENTS, "5");
  assertEquals(env.PERF_SCENARIO, "load");
  assertEquals(env.PERF_CONFIG, "/etc/perf/perf.yaml");
  assertEquals(env.PERF_START_AT, undefined);
  assertEquals(container.resources, { requests: { cpu: "1", memory: "512Mi" }, limits: { memory: "1Gi" } });
  assertEquals(container.volumeMounts, [
    { name: "config", mountPath: "/etc/perf", readOnly: true },
    { name: "results", mountPath: "/results" },
  ]);
  assertEquals(pod.volumes[1], { name: "results", emptyDir: {} });
  assertEquals(job.metadata.annotations["perf/scenario"], "load");
  assertEquals(job.metadata.labels["app.kubernetes.io/instance"], "perf-load");
});

Deno.test("values YAML 1.1 would read as booleans, numbers or times stay strings", () => {
  const yaml = manifestsYaml(k8sManifests(input({ scenario: "on", startAt: "2026-05-01T10:00:00.000Z" })));
  assertEquals(/[&*]a\d+\b/.test(yaml), false, "no anchors");
  const [configMap, job] = roundTrip(
    k8sManifests(input({ scenario: "on", startAt: "2026-05-01T10:00:00.000Z" })),
  );
  assertEquals(configMap.metadata.annotations["perf/scenario"], "on");
  assertEquals(configMap.metadata.annotations["perf/start-at"], "2026-05-01T10:00:00.000Z");
  const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: Any) => [e.name, e.value]));
  assertEquals(env.PERF_SCENARIO, "on");
  assertEquals(env.PERF_SEGMENTS, "3");
});

Deno.test("the ConfigMap holds the config text intact and every extra file at its relative path", () => {
  const [configMap, job] = roundTrip(k8sManifests(input()));
  assertEquals(configMap.data["perf.yaml"], CONFIG);
  assertEquals(Object.keys(configMap.data).sort(), ["data__users.csv", "perf.yaml", "users__shop.ts"]);
  assertEquals(configMap.data["data__users.csv"], "id\n1\n2\n");
  const volume = job.spec.template.spec.volumes[0];
  assertEquals(volume.configMap.name, "perf-load-config");
  assertEquals(volume.configMap.items, [
    { key: "perf.yaml", path: "perf.yaml" },
    { key: "data__users.csv", path: "data/users.csv" },
    { key: "users__shop.ts", path: "users/shop.ts" },
  ]);
});

Deno.test("start time, namespace, service account, env secret and a results PVC are all valid too", () => {
  const docs = roundTrip(k8sManifests(input({
    namespace: "load-tests",
    startAt: "2026-05-01T10:00:00.000Z",
    serviceAccount: "perf",
    envSecret: "perf-env",
    resultsPvc: "perf-results",
    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } },
  })));
  assertEquals(docs.map((d) => d.kind), ["ConfigMap", "Job", "Pod"]);
  for (const doc of docs) {
    validateManifest(doc);
    assertEquals(doc.metadata.namespace, "load-tests");
  }
  const pod = docs[1].spec.template.spec;
  assertEquals(pod.serviceAccountName, "perf");
  assertEquals(pod.automountServiceAccountToken, undefined);
  const [container] = pod.containers;
  assertEquals(container.envFrom, [{ secretRef: { name: "perf-env" } }]);
  const env = Object.fromEntries(container.env.map((e: Any) => [e.name, e.value]));
  assertEquals(env.PERF_START_AT, "2026-05-01T10:00:00.000Z");
  assertEquals(env.PERF_RESULTS, "/results/perf-load");
  assertEquals(pod.volumes[1], { name: "results", persistentVolumeClaim: { claimName: "perf-results" } });
  assertEquals(docs[2].spec.volumes[0].persistentVolumeClaim, { claimName: "perf-results", readOnly: true });
});

Deno.test("the schema rejects a broken manifest: completions as a string, a nameless container, a bad quantity", () => {
  const [, job] = roundTrip(k8sManifests(input()));
  const broken = structuredClone(job);
  broken.spec.completions = "3";
  assertThrows(() => validateManifest(broken), Error, "completions must be integer");
  const nameless = structuredClone(job);
  delete nameless.spec.template.spec.containers[0].name;
  assertThrows(() => validateManifest(nameless), Error, "must have required property name");
  const quantity = structuredClone(job);
  quantity.spec.template.spec.containers[0].resources.requests.cpu = "lots";
  assertThrows(() => validateManifest(quantity), Error, 'must match format "quantity"');
  const mode = structuredClone(job);
  mode.spec.completionMode = "indexed";
  assertThrows(() => validateManifest(mode), Error, "must be equal to one of the allowed values");
});

Deno.test("bad names, segments, images and paths are usage errors", () => {
  assertThrows(() => k8sManifests(input({ name: "Perf_Load" })), PerfError, 'Invalid name "Perf_Load"');
  assertThrows(() => k8sManifests(input({ name: "x".repeat(53) })), PerfError, "at most 52");
  assertThrows(() => k8sManifests(input({ segments: 0 })), PerfError, "segments");
  assertThrows(() => k8sManifests(input({ image: "a b" })), PerfError, "Invalid image");
  assertThrows(() => k8sManifests(input({ namespace: "Team A" })), PerfError, "Invalid namespace");
  assertThrows(
    () => k8sManifests(input({ extraFiles: { "../secrets.csv": "x" } })),
    PerfError,
    "only files under the config's directory",
  );
  assertThrows(
    () => k8sManifests(input({ extraFiles: { "big.csv": "x".repeat(1024 * 1024) } })),
    PerfError,
    "more than a ConfigMap holds",
  );
  assertEquals(mountPath("./data//users.csv"), "data/users.csv");
  assertEquals(defaultJobName("Checkout_Flow"), "perf-checkout-flow");
  assertEquals(defaultJobName("x".repeat(80)).length, 52);
});
