/**
 * Secrets in a config: alert passwords, webhook URLs (a Slack webhook URL is its own credential) and
 * webhook headers. Their values are collected so every output can be redacted, and the ones written
 * into the file rather than taken from `${ENV_VAR}` are pointed out.
 */
import type { PerfConfig } from "../model/config.ts";

export type SecretPath = (string | number)[];

/** Where secrets live in a config, with their values (only the ones that are set). */
export function secretFields(config: PerfConfig): { path: SecretPath; value: string }[] {
  const alerting = config.alerting;
  const fields: { path: SecretPath; value: string | undefined }[] = [
    { path: ["alerting", "email", "password"], value: alerting?.email?.password },
    { path: ["alerting", "slack", "webhook_url"], value: alerting?.slack?.webhook_url },
    { path: ["alerting", "webhook", "url"], value: alerting?.webhook?.url },
    ...Object.entries(alerting?.webhook?.headers ?? {}).map(([name, value]) => ({
      path: ["alerting", "webhook", "headers", name],
      value,
    })),
  ];
  return fields.filter((f): f is { path: SecretPath; value: string } => !!f.value && f.value.length > 0);
}

/** The secret values to redact from every output. */
export function secretValues(config: PerfConfig): string[] {
  return [...new Set(secretFields(config).map((f) => f.value))];
}

/** Secret fields whose value is written in the file rather than coming from the environment. */
export function literalSecrets(config: PerfConfig, fromEnv: readonly SecretPath[]): SecretPath[] {
  const env = new Set(fromEnv.map((path) => JSON.stringify(path)));
  return secretFields(config).map((f) => f.path).filter((path) => !env.has(JSON.stringify(path)));
}
