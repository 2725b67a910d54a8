/**
 * The generic webhook channel: the alert as JSON (`{ perf_alert: 1, ...message }`), POSTed with fetch.
 * Its URL may carry a token, so no error here ever shows it: Deno's fetch errors do (`error sending
 * request for url (http://…)`), hence `unreachable()` rebuilds the reason without any URL. The helpers
 * are shared with the Slack channel.
 */
import { VERSION } from "../version.ts";
import type { AlertChannel, AlertMessage } from "../model/alert.ts";

export interface WebhookSettings {
  url: string;
  headers?: Record<string, string>;
}

export interface ChannelOptions {
  /** The channel's own limit per request, on top of the caller's signal. Default 10 s. */
  timeoutMs?: number;
}

export const DEFAULT_CHANNEL_TIMEOUT_MS = 10_000;

/** The JSON a webhook receives; `perf_alert` is the format's version. */
export type WebhookPayload = { perf_alert: 1 } & AlertMessage;

export function webhookPayload(message: AlertMessage): WebhookPayload {
  return { perf_alert: 1, ...message };
}

/** Any URL-looking text, and the given secret strings, masked as `[url]`. */
export function stripUrls(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join("[url]");
  return out.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)"'<>]*/gi, "[url]");
}

/** `url` as written and as fetch normalises it (what Deno's errors show), both to be masked. */
export function urlForms(url: string): string[] {
  try {
    return [url, new URL(url).href];
  } catch {
    return [url];
  }
}

/** The innermost cause's message without the URL: `tcp connect error: Connection refused (os error 111)`. */
function rootReason(error: unknown, url: string): string {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
  }
  const text = current instanceof Error ? current.message || current.name : String(current);
  // Deno: `error sending request for url (URL): client error (Connect): tcp connect error: …`
  return stripUrls(text, urlForms(url))
    .replace(/^error sending request for url \(\[url\]\):\s*/i, "")
    .replace(/^client error \(\w+\):\s*/i, "");
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/**
 * The error for a request that got no (complete) answer: a timeout, an abort, or a network failure, named
 * after `label` (`Webhook`, `Slack webhook`) and never showing the URL.
 */
export function unreachable(label: string, error: unknown, signal: AbortSignal, url: string): Error {
  if (isTimeout(error) || (signal.aborted && isTimeout(signal.reason))) {
    return new Error(`${label} timed out`);
  }
  if (signal.aborted || (error instanceof Error && error.name === "AbortError")) {
    return new Error(`${label} request aborted`);
  }
  return new Error(`${label} unreachable: ${rootReason(error, url)}`);
}

/** Up to `max` characters of a response body (the rest is not read), on one line, URLs masked. */
export async function bodySnippet(response: Response, url: string, max = 200): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const line = stripUrls(text.replace(/\s+/g, " ").trim(), urlForms(url));
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** `Webhook answered 503 Service Unavailable: <body>` for a non-2xx answer. */
export async function answerError(label: string, response: Response, url: string): Promise<Error> {
  const body = await bodySnippet(response, url).catch(() => "");
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const hint = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
  return new Error(`${label} answered ${status}${hint}${body ? `: ${body}` : ""}`);
}

/** The caller's signal, bounded by the channel's own timeout. */
export function withTimeout(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

function requestHeaders(extra: Record<string, string> | undefined): Headers {
  const headers = new Headers({ "content-type": "application/json", "user-agent": `perf/${VERSION}` });
  for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  return headers;
}

/** POSTs `{ perf_alert: 1, ...message }` as JSON to `settings.url`; any non-2xx answer is an error. */
export function webhookChannel(settings: WebhookSettings, options: ChannelOptions = {}): AlertChannel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  return {
    name: "webhook",
    async send(message: AlertMessage, signal: AbortSignal): Promise<void> {
      const bounded = withTimeout(signal, timeoutMs);
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: "POST",
          headers: requestHeaders(settings.headers),
          body: JSON.stringify(webhookPayload(message)),
          redirect: "manual", // a redirect is reported as such, not followed with the body dropped
          signal: bounded,
        });
      } catch (error) {
        throw unreachable("Webhook", error, bounded, settings.url);
      }
      if (!response.ok) throw await answerError("Webhook", response, settings.url);
      await response.body?.cancel().catch(() => {});
    },
  };
}
