/** The config's alerting: (email, Slack, webhook) and reporting: sections. */
import { z } from "zod";
import { positiveDuration } from "./duration.ts";

/**
 * When a channel speaks: `breach` (a live threshold failed during the run, once per threshold per
 * cooldown), `failure` (a run ended with failed thresholds, an abort or an error), `always` (every run's
 * end, passed or not).
 */
export const ALERT_WHEN = ["breach", "failure", "always"] as const;
const alertWhenSchema = z.array(z.enum(ALERT_WHEN)).min(1).default(["breach", "failure"]);

const emailSchema = z.strictObject({
  enabled: z.boolean().default(false).describe("Email alerts."),
  smtp_server: z.string().optional().describe("SMTP server host name (required when enabled)."),
  smtp_port: z.number().int().min(1).max(65535).default(587).describe(
    "SMTP port; 465 is TLS from the first byte.",
  ),
  /** STARTTLS (required) on any port but 465, where the connection is TLS from the start. */
  use_tls: z.boolean().default(true).describe(
    "`true`: STARTTLS is required, or TLS from the first byte on port 465; `false`: plain SMTP.",
  ),
  username: z.string().optional().describe("SMTP user name."),
  password: z.string().optional().describe(
    "SMTP password; use `${ENV_VAR}` so the secret stays out of the file.",
  ),
  from_addr: z.string().optional().describe("Sender address (required when enabled)."),
  to_addrs: z.array(z.string()).default([]).describe("Recipient addresses (at least one when enabled)."),
  on: alertWhenSchema.describe("When this channel speaks: `breach`, `failure`, `always`."),
  /** Attach the run's report.html to end-of-run emails. */
  attach_report: z.boolean().default(true).describe("Attach the run's `report.html` to end-of-run emails."),
  /** PEM file of extra CAs to trust for the SMTP server's certificate (a private CA). */
  ca_file: z.string().min(1).optional().describe(
    "PEM file of extra CAs to trust for the SMTP server (a private CA).",
  ),
}).superRefine((email, ctx) => {
  if (!email.enabled) return;
  const missing = (["smtp_server", "from_addr"] as const).filter((key) => !email[key]);
  for (const key of missing) {
    ctx.addIssue({ code: "custom", path: [key], message: `required when email alerts are enabled` });
  }
  if (email.to_addrs.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["to_addrs"],
      message: "give at least one address to send alerts to",
    });
  }
});

const slackSchema = z.strictObject({
  enabled: z.boolean().default(false).describe("Slack alerts."),
  webhook_url: z.string().optional().describe(
    "Slack incoming-webhook URL (required when enabled); use `${ENV_VAR}`.",
  ),
  channel: z.string().optional().describe('Channel override, e.g. "#alerts".'),
  on: alertWhenSchema.describe("When this channel speaks: `breach`, `failure`, `always`."),
}).superRefine((slack, ctx) => {
  if (slack.enabled && !slack.webhook_url) {
    ctx.addIssue({
      code: "custom",
      path: ["webhook_url"],
      message: "required when Slack alerts are enabled",
    });
  }
});

/** A generic JSON webhook: the alert as JSON, POSTed. */
const webhookSchema = z.strictObject({
  enabled: z.boolean().default(false).describe("The generic JSON webhook."),
  url: z.string().optional().describe("URL the alert is POSTed to as JSON (required when enabled)."),
  headers: z.record(z.string(), z.string()).default({}).describe(
    "Extra request headers (e.g. a bearer token from the environment).",
  ),
  on: alertWhenSchema.describe("When this channel speaks: `breach`, `failure`, `always`."),
}).superRefine((hook, ctx) => {
  if (hook.enabled && !hook.url) {
    ctx.addIssue({ code: "custom", path: ["url"], message: "required when the webhook is enabled" });
  }
});

export const alertingSchema = z.strictObject({
  enabled: z.boolean().default(false).describe("Master switch."),
  email: emailSchema.optional().describe("Email alerts."),
  slack: slackSchema.optional().describe("Slack alerts."),
  webhook: webhookSchema.optional().describe("A generic JSON webhook."),
  /** A threshold that keeps failing alerts again only after this long. */
  cooldown: positiveDuration.default(300_000).describe(
    "After a breach alert for a threshold, the same threshold alerts again only once this has passed.",
  ),
  /** Per attempt; a failed attempt is retried `retries` times with backoff. */
  timeout: positiveDuration.default(10_000).describe("Per delivery attempt."),
  retries: z.number().int().min(0).max(5).default(2).describe(
    "Retries of a failed attempt, with exponential backoff.",
  ),
});

export type AlertingConfig = z.output<typeof alertingSchema>;

export const reportingSchema = z.strictObject({
  output_dir: z.string().optional().describe(
    "Results directory when `-o` is not given (default `reports/performance`).",
  ),
  results_dir: z.string().optional().describe("The seed's name for it; used when `output_dir` is absent."),
  formats: z.array(z.enum(["html", "json", "plots", "junit"])).optional().describe(
    "Accepted; not used: `result.json`, `report.html` and `plots/` are always written, JUnit XML with `--junit`.",
  ),
  html: z.boolean().optional().describe("Accepted for the seed's configs; not used."),
  json: z.boolean().optional().describe("Accepted for the seed's configs; not used."),
  plots: z.boolean().optional().describe("Accepted for the seed's configs; not used."),
  keep_last: z.number().int().min(1).optional().describe(
    "After each run, keep only the newest N runs of that scenario in the results directory.",
  ),
});
