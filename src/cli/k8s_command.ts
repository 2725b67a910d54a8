/**
 * `perf k8s -c FILE -s NAME --segments N --image IMAGE`: the manifests of a run on a Kubernetes cluster
 * (src/k8s/manifests.ts): a ConfigMap with the config and the files it reads, and an Indexed Job whose N
 * pods each run one segment (`perf run --segment i/N`). The config and scenario are checked as
 * `perf run` checks them (and every segment must get users) before anything is written. The manifests
 * go to `-o FILE` or stdout; the steps to apply, wait, collect and merge go to stderr.
 *
 * `--start-at` is resolved here, once: an ISO instant is kept, `+2m` becomes now + 2 minutes, and every
 * pod gets that same instant (pods cannot agree on a relative start by themselves). Without it each
 * segment starts as soon as its pod does.
 */
import { listPresets, loadConfigFile, loadPreset, unknownScenarioError } from "../config/load_config.ts";
import type { ScenarioConfig } from "../model/config.ts";
import { ExitCode, PerfError } from "../errors.ts";
import { collectConfigFiles } from "../k8s/config_files.ts";
import {
  DEFAULT_RESOURCES,
  defaultJobName,
  k8sManifests,
  type K8sResources,
  manifestsYaml,
} from "../k8s/manifests.ts";
import { k8sSteps } from "../k8s/steps.ts";
import { resolveScenario } from "../plan/resolve_scenario.ts";
import { parseStartAt, segmentScenario } from "../plan/segment.ts";
import { writeFileAtomic } from "../result/write_result.ts";
import { type CliIo, warn } from "./io.ts";

export interface K8sFlags {
  config: string;
  scenario: string;
  segments: number;
  image: string;
  namespace?: string;
  /** Job name (default `perf-<scenario>`). */
  name?: string;
  /** Write the manifests to this file instead of stdout. */
  out?: string;
  /** ReadWriteMany PVC for the results (default: the pods' logs). */
  resultsPvc?: string;
  /** ISO 8601 instant or `+DURATION` (from now) at which every segment starts. */
  startAt?: string;
  /** Secret whose keys become the pods' environment variables (`${VAR}` in the config). */
  envSecret?: string;
  serviceAccount?: string;
  /** CPU request of each pod (default 1). */
  cpu?: string;
  /** Memory request and limit of each pod (default 512Mi requested, 1Gi limit). */
  memory?: string;
  /** How the image runs perf from /bin/sh (default `perf`). */
  perfCommand?: string;
}

/** Room for scheduling, image pulls and writing results, on top of the run's own length. */
const WAIT_MARGIN_SECONDS = 600;
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Pods run a scenario of the mounted config; a module path would not exist there. */
function refuseModule(scenario: string): void {
  if (!/\.(ts|js|mjs|mts)$/.test(scenario)) return;
  throw new PerfError(
    `perf k8s runs a scenario of the config, not a module ("${scenario}")`,
    ExitCode.usage,
    "add a scenario with `user: users/x.ts` to the config and pass its name with -s",
  );
}

export async function k8sCommand(flags: K8sFlags, io: CliIo, now: () => number = Date.now): Promise<number> {
  refuseModule(flags.scenario);
  const loaded = await loadConfigFile(flags.config, io.env);
  for (const warning of loaded.warnings) warn(io, warning);
  const { config } = loaded;
  const scenario = await pickScenario(flags.scenario, config.scenarios, io.env);

  // The checks perf run makes before sending anything, so a bad run fails here rather than in N pods.
  const resolved = resolveScenario(flags.scenario, scenario.config, config.base_url, {});
  segmentScenario(resolved, { index: flags.segments - 1, count: flags.segments });
  const startMs = flags.startAt === undefined ? undefined : parseStartAt(flags.startAt, now());
  const startAt = startMs === undefined ? undefined : new Date(startMs).toISOString();

  const extra = await collectConfigFiles(
    flags.config,
    config,
    scenario.inConfig ? scenario.config : undefined,
  );
  for (const warning of extra.warnings) warn(io, warning);
  const configText = await Deno.readTextFile(flags.config);
  const base = flags.config.replace(/^.*\//, "");
  const name = flags.name ?? defaultJobName(flags.scenario);
  const manifests = k8sManifests({
    name,
    namespace: flags.namespace,
    scenario: flags.scenario,
    segments: flags.segments,
    image: flags.image,
    configText,
    configFileName: /^[-._a-zA-Z0-9]+$/.test(base) ? base : "perf.yaml",
    extraFiles: extra.files,
    startAt,
    resultsPvc: flags.resultsPvc,
    envSecret: flags.envSecret,
    serviceAccount: flags.serviceAccount,
    resources: resourcesFrom(flags),
    perfCommand: flags.perfCommand,
    configDigest: loaded.digest,
  });
  const yaml = manifestsYaml(manifests);
  if (flags.out === undefined) io.stdout(yaml);
  else await writeManifests(flags.out, yaml);

  const lengthMs = resolved.run_time_ms + resolved.graceful_stop_ms + Math.max(0, (startMs ?? 0) - now());
  io.stderr(describeManifests(flags, name, [loaded.file.replace(/^.*\//, ""), ...Object.keys(extra.files)]));
  io.stderr(k8sSteps({
    name,
    namespace: flags.namespace,
    segments: flags.segments,
    file: flags.out ?? "perf-job.yaml",
    toStdout: flags.out === undefined,
    resultsPvc: flags.resultsPvc,
    waitTimeoutSeconds: Math.ceil(lengthMs / 1000) + WAIT_MARGIN_SECONDS,
    startAt,
  }));
  return ExitCode.ok;
}

/** The line that says what was written: the ConfigMap and its files, the Job, the results Pod. */
function describeManifests(flags: K8sFlags, name: string, files: readonly string[]): string {
  const segments = `${flags.segments} segment${flags.segments === 1 ? "" : "s"}`;
  return `perf k8s: ${flags.out ?? "stdout"}: ConfigMap ${name}-config (${files.join(", ")}), ` +
    `Indexed Job ${name} (${segments} of "${flags.scenario}", image ${flags.image})` +
    `${flags.resultsPvc ? `, Pod ${name}-results` : ""}\n`;
}

/** The scenario of the config by that name, else the built-in preset; neither is a usage error. */
async function pickScenario(
  name: string,
  scenarios: Record<string, ScenarioConfig>,
  env: Record<string, string | undefined>,
): Promise<{ config: ScenarioConfig; inConfig: boolean }> {
  const own = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
  if (own) return { config: own, inConfig: true };
  const presets = await listPresets();
  if (!presets.includes(name)) throw unknownScenarioError(name, Object.keys(scenarios), presets);
  return { config: (await loadPreset(name, env)).scenario, inConfig: false };
}

function resourcesFrom(flags: K8sFlags): K8sResources {
  for (const [flag, value] of [["--cpu", flags.cpu], ["--memory", flags.memory]] as const) {
    if (value !== undefined && !QUANTITY.test(value)) {
      throw new PerfError(
        `Invalid ${flag} "${value}": expected a Kubernetes quantity`,
        ExitCode.usage,
        "e.g. --cpu 2 or --cpu 500m, --memory 2Gi",
      );
    }
  }
  const requests = { ...DEFAULT_RESOURCES.requests, ...(flags.cpu ? { cpu: flags.cpu } : {}) };
  const limits = { ...DEFAULT_RESOURCES.limits };
  if (flags.memory) requests.memory = limits.memory = flags.memory;
  return { requests, limits };
}

async function writeManifests(path: string, yaml: string): Promise<void> {
  try {
    await writeFileAtomic(path, yaml);
  } catch (error) {
    throw new PerfError(
      `Cannot write the manifests to "${path}": ${error instanceof Error ? error.message : error}`,
      ExitCode.usage,
    );
  }
}
