/**
 * The alert contract between the dispatcher (when to alert, what to say) and the channels (email, Slack,
 * webhook: how to say it). A message is built once from a result or a live breach; every channel
 * renders it in its own format. Channels throw on failure; delivery.ts retries and reports.
 */

/** Why an alert is sent. */
export type AlertKind = "breach" | "failure" | "success" | "aborted" | "test";

/** The one-word verdict a channel shows first. */
export type AlertVerdict = "PASS" | "FAIL" | "ABORTED" | "INTERRUPTED" | "BREACH" | "TEST";

export interface AlertFigure {
  label: string;
  /** Already formatted, with its unit: `312 ms`, `1.20%`, `58.3 req/s`. */
  value: string;
}

export interface AlertThreshold {
  name: string;
  /** Measured value with unit. */
  value: string;
  /** The limit as written: `<= 1000 ms`. */
  limit: string;
}

export interface AlertMessage {
  kind: AlertKind;
  verdict: AlertVerdict;
  scenario: string;
  /** One line, e.g. `perf: load FAIL: 2 of 3 thresholds failed` (email subject, Slack header). */
  title: string;
  /** A sentence or two of plain text: what happened and what it means. */
  summary: string;
  base_url: string;
  run_id?: string;
  /** ISO 8601 UTC. */
  started_at?: string;
  figures: AlertFigure[];
  failed_thresholds: AlertThreshold[];
  /** Where the run's files are, for the reader (and the email attachment). */
  result_path?: string;
  report_path?: string;
}

export type ChannelName = "email" | "slack" | "webhook";

/** A configured channel: sends one message or throws an Error saying why (secrets already redacted). */
export interface AlertChannel {
  name: ChannelName;
  /** `signal` aborts the attempt (timeout or the run's bounded wait). */
  send(message: AlertMessage, signal: AbortSignal): Promise<void>;
}

/** What happened to one message on one channel: goes to result.json `alerts[]` and to stderr on failure. */
export interface AlertOutcome {
  channel: ChannelName;
  kind: AlertKind;
  /** For breach alerts: the threshold. */
  threshold?: string;
  ok: boolean;
  attempts: number;
  /** ISO 8601 UTC of the last attempt's end. */
  at: string;
  /** Why it failed, redacted. */
  error?: string;
}
