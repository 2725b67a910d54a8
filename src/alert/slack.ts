/**
 * The Slack channel: the Block Kit payload of slack_blocks.ts, sent with @slack/webhook's IncomingWebhook.
 *
 * @slack/webhook 8 posts with the global `fetch` (no axios, no node:http) and accepts a `fetch` option,
 * so under Deno the request is Deno's own fetch. Its `send()` takes no AbortSignal; the channel injects a
 * fetch that adds the caller's signal to the library's own timeout signal, so an abort cancels the
 * request itself (connection and body read), and nothing is left running to keep the process alive.
 * The library's retries are off: delivery.ts retries. The webhook URL is a secret: errors say
 * "Slack webhook" and never show it.
 */
import {
  type FetchFunction,
  IncomingWebhook,
  IncomingWebhookHTTPError,
  IncomingWebhookRequestError,
} from "@slack/webhook";
import { slackPayload } from "./slack_blocks.ts";
import type { AlertChannel, AlertMessage } from "../model/alert.ts";
import {
  type ChannelOptions,
  DEFAULT_CHANNEL_TIMEOUT_MS,
  stripUrls,
  unreachable,
  urlForms,
} from "./webhook.ts";

export interface SlackSettings {
  webhook_url: string;
  /** `#alerts`; honoured by legacy webhooks only (a modern webhook posts to the channel it was made for). */
  channel?: string;
}

const LABEL = "Slack webhook";

/** Deno's fetch, with the caller's signal added to whatever signal the library passes (its timeout). */
function abortableFetch(signal: AbortSignal): FetchFunction {
  return (url, init) => {
    const signals = init?.signal ? [init.signal, signal] : [signal];
    return fetch(url, { ...init, signal: AbortSignal.any(signals) });
  };
}

/** A Slack answer's body (`invalid_payload`, `no_service`, …) on one line, short, URLs masked. */
function answerBody(body: string, url: string): string {
  const line = stripUrls(body.replace(/\s+/g, " ").trim(), urlForms(url));
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Maps what IncomingWebhook throws to an error that names the Slack webhook and never its URL. */
export function slackError(error: unknown, signal: AbortSignal, url: string): Error {
  if (error instanceof IncomingWebhookHTTPError) {
    const status = `${error.statusCode}${error.statusMessage ? ` ${error.statusMessage}` : ""}`;
    const body = answerBody(error.body ?? "", url);
    return new Error(`${LABEL} answered ${status}${body ? `: ${body}` : ""}`);
  }
  if (error instanceof IncomingWebhookRequestError) return unreachable(LABEL, error.original, signal, url);
  if (signal.aborted) return unreachable(LABEL, error, signal, url);
  const text = error instanceof Error ? error.message || error.name : String(error);
  return new Error(`${LABEL} failed: ${stripUrls(text, urlForms(url))}`);
}

/** The Slack channel: one POST per `send`, bounded by `signal` and by its own `timeoutMs` (default 10 s). */
export function slackChannel(settings: SlackSettings, options: ChannelOptions = {}): AlertChannel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  return {
    name: "slack",
    async send(message: AlertMessage, signal: AbortSignal): Promise<void> {
      try {
        signal.throwIfAborted();
        const webhook = new IncomingWebhook(settings.webhook_url, {
          timeout: timeoutMs,
          fetch: abortableFetch(signal),
          retryConfig: { retries: 0 },
        });
        await webhook.send(slackPayload(message, settings.channel));
      } catch (error) {
        throw slackError(error, signal, settings.webhook_url);
      }
    },
  };
}
