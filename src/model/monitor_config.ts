/**
 * The `monitor:` list (top level or in a scenario): resource monitors sampled into the result while a
 * test runs. Each entry watches either a local process of the system under test or a Prometheus
 * endpoint. After parsing, every entry has a `kind` and a unique `name`, and durations are milliseconds.
 *
 * ```yaml
 * monitor:
 *   - process: { command: "java -jar orders.jar" }        # or pid: 1234, or pid_file: /run/orders.pid
 *     interval: 2s
 *   - name: orders-db-pool
 *     prometheus:
 *       url: http://127.0.0.1:8080/actuator/prometheus
 *       interval: 5s
 *       metrics:
 *         - hikaricp_connections_active
 *         - { name: hikaricp_connections_idle, labels: { pool: main }, as: pool_idle }
 *         - process_resident_memory_bytes
 * ```
 *
 * Durations are parsed locally (same rules as `durationSchema` in schema.ts) rather than imported from it,
 * because schema.ts imports this file: a cycle would leave `durationSchema` undefined at load time.
 *
 * @module
 */
import { z } from "zod";
import { parseDuration } from "./duration.ts";
import { commandMatcher } from "./command_pattern.ts";

/** Shortest sampling interval: faster than this the monitors would load the machine they measure. */
export const MIN_MONITOR_INTERVAL_MS = 100;
export const DEFAULT_PROCESS_INTERVAL_MS = 1_000;
export const DEFAULT_PROMETHEUS_INTERVAL_MS = 5_000;
export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 2_000;

/** Prometheus's own rules for metric and label names. */
const METRIC_NAME_RE = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
const LABEL_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const intervalSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: "custom",
      message: `invalid duration ${JSON.stringify(value)}: use e.g. "500ms", "5s", "1m"`,
    });
    return z.NEVER;
  }
  if (ms < MIN_MONITOR_INTERVAL_MS) {
    ctx.addIssue({ code: "custom", message: `must be at least ${MIN_MONITOR_INTERVAL_MS}ms` });
    return z.NEVER;
  }
  return ms;
});

const processTargetSchema = z.strictObject({
  pid: z.number().int().positive().optional(),
  pid_file: z.string().min(1).optional(),
  /** A substring of the command line, or `/regex/flags`, matched against /proc/<pid>/cmdline. */
  command: z.string().min(1).optional(),
}).superRefine((target, ctx) => {
  const given = (["pid", "pid_file", "command"] as const).filter((key) => target[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      message: given.length === 0
        ? "a process monitor needs one of `pid`, `pid_file` or `command`"
        : `give only one of \`pid\`, \`pid_file\` or \`command\`, not ${
          given.map((k) => `\`${k}\``).join(" and ")
        }`,
    });
  }
  if (target.command !== undefined) {
    try {
      commandMatcher(target.command);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["command"],
        message: `invalid regex ${JSON.stringify(target.command)}: ${(error as Error).message}`,
      });
    }
  }
});

/** A metric to keep: its exposition name, optionally the labels a series must carry, and a short name. */
const metricSelectorSchema = z.union([
  z.string().regex(METRIC_NAME_RE, "a Prometheus metric name, e.g. process_resident_memory_bytes")
    .transform((name): MetricSelector => ({ name })),
  z.strictObject({
    name: z.string().regex(METRIC_NAME_RE, "a Prometheus metric name, e.g. hikaricp_connections_active"),
    labels: z.record(z.string().regex(LABEL_NAME_RE, "a Prometheus label name"), z.string()).optional(),
    as: z.string().min(1).optional(),
  }),
]);

const prometheusSchema = z.strictObject({
  url: z.string().refine(isHttpUrl, { message: "must be an absolute http:// or https:// URL" }),
  interval: intervalSchema.default(DEFAULT_PROMETHEUS_INTERVAL_MS),
  timeout: intervalSchema.default(DEFAULT_PROMETHEUS_TIMEOUT_MS),
  metrics: z.array(metricSelectorSchema).min(1),
});

/** One entry as written; `interval` belongs to `process` entries (a Prometheus one sets its own inside). */
const monitorEntrySchema = z.strictObject({
  name: z.string().min(1).optional(),
  process: processTargetSchema.optional(),
  prometheus: prometheusSchema.optional(),
  interval: intervalSchema.optional(),
}).superRefine((entry, ctx) => {
  if ((entry.process === undefined) === (entry.prometheus === undefined)) {
    ctx.addIssue({
      code: "custom",
      message: entry.process === undefined
        ? "a monitor needs `process` (a local process) or `prometheus` (an endpoint)"
        : "give either `process` or `prometheus`, not both: one monitor watches one thing",
    });
  }
  if (entry.prometheus !== undefined && entry.interval !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["interval"],
      message: "a Prometheus monitor sets its interval inside `prometheus:` (prometheus.interval)",
    });
  }
}).transform((entry): MonitorConfig =>
  entry.prometheus
    ? {
      kind: "prometheus",
      name: entry.name ?? prometheusName(entry.prometheus.url),
      prometheus: entry.prometheus,
    }
    : {
      kind: "process",
      name: entry.name ?? processName(entry.process!),
      interval: entry.interval ?? DEFAULT_PROCESS_INTERVAL_MS,
      process: entry.process!,
    }
);

/** The `monitor:` list. Names must be unique (they label the series in reports). */
export const monitorsSchema = z.array(monitorEntrySchema).superRefine((monitors, ctx) => {
  // "generator" names perf's own monitor, which every run has.
  const seen = new Set<string>(["generator"]);
  monitors.forEach((monitor, index) => {
    if (monitor.name === "generator") {
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: 'the name "generator" is reserved for perf\'s own monitor: choose another `name`',
      });
    } else if (seen.has(monitor.name)) {
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `monitor name "${monitor.name}" is used twice: give each monitor its own \`name\``,
      });
    }
    seen.add(monitor.name);
  });
});

export type ProcessTarget = z.output<typeof processTargetSchema>;

/** A metric to keep: the exposition name, labels a series must carry, and the name to keep it under. */
export interface MetricSelector {
  name: string;
  labels?: Record<string, string>;
  as?: string;
}
export type PrometheusTarget = z.output<typeof prometheusSchema>;

export interface ProcessMonitorConfig {
  kind: "process";
  name: string;
  /** Milliseconds between samples. */
  interval: number;
  process: ProcessTarget;
}

export interface PrometheusMonitorConfig {
  kind: "prometheus";
  name: string;
  /** `interval` and `timeout` in milliseconds; `metrics` normalised to `{ name, labels?, as? }`. */
  prometheus: PrometheusTarget;
}

export type MonitorConfig = ProcessMonitorConfig | PrometheusMonitorConfig;
export type MonitorsConfig = z.output<typeof monitorsSchema>;

/** The default name of a process monitor: what it was told to look for. */
function processName(target: ProcessTarget): string {
  if (target.pid !== undefined) return `pid ${target.pid}`;
  if (target.pid_file !== undefined) {
    const base = target.pid_file.split("/").pop() || target.pid_file;
    return base.replace(/\.pid$/, "");
  }
  const command = target.command!;
  return command.length > 40 ? `${command.slice(0, 39)}…` : command;
}

/** The default name of a Prometheus monitor: host and port, plus the path when it is not /metrics. */
function prometheusName(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname === "/metrics" || parsed.pathname === "/"
    ? parsed.host
    : parsed.host + parsed.pathname;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
