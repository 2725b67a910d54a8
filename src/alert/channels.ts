/**
 * The configured channels: `alerting.enabled` and each channel's own `enabled` must both be on. Reads
 * the email `ca_file` up front so a wrong path fails before any load.
 */
import type { AlertingConfig } from "../model/alerting_config.ts";
import { readCaFile } from "../config/ca_file.ts";
import type { ConfiguredChannel } from "./dispatcher.ts";
import { emailChannel } from "./email.ts";
import { slackChannel } from "./slack.ts";
import { webhookChannel } from "./webhook.ts";

export async function channelsFromConfig(alerting: AlertingConfig | undefined): Promise<ConfiguredChannel[]> {
  if (!alerting?.enabled) return [];
  const channels: ConfiguredChannel[] = [];
  const { email, slack, webhook } = alerting;
  if (email?.enabled) {
    const caCerts = email.ca_file ? [await readCaFile(email.ca_file, "alerting.email.ca_file")] : undefined;
    channels.push({
      on: new Set(email.on),
      channel: emailChannel({
        smtp_server: email.smtp_server!,
        smtp_port: email.smtp_port,
        use_tls: email.use_tls,
        username: email.username,
        password: email.password,
        from_addr: email.from_addr!,
        to_addrs: email.to_addrs,
      }, { attachReport: email.attach_report, caCerts }),
    });
  }
  if (slack?.enabled) {
    channels.push({
      on: new Set(slack.on),
      channel: slackChannel({ webhook_url: slack.webhook_url!, channel: slack.channel }),
    });
  }
  if (webhook?.enabled) {
    channels.push({
      on: new Set(webhook.on),
      channel: webhookChannel({ url: webhook.url!, headers: webhook.headers }),
    });
  }
  return channels;
}
