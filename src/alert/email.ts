/**
 * The email channel: one SMTP connection per message through nodemailer. TLS as the Locust README
 * configures it: `use_tls` on port 465 is implicit TLS, on any other port STARTTLS is required (never
 * a silent fall-back to plain text), and `use_tls: false` is plain SMTP without STARTTLS. Certificates
 * are always verified; a private CA is trusted by passing its PEM text in `caCerts`.
 * Retries and the per-attempt timeout live in delivery.ts; a failed attempt throws an Error whose
 * text names the server and never contains the password.
 */
import { Buffer } from "node:buffer";
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import nodemailer, { type Attachment, type NodemailerError, type SMTPTransportOptions } from "nodemailer";
import type { AlertChannel, AlertMessage } from "../model/alert.ts";
import { emailBody } from "./email_body.ts";

/** The `alerting.email` settings a channel needs (after defaults and validation). */
export interface EmailSettings {
  smtp_server: string;
  smtp_port: number;
  use_tls: boolean;
  username?: string;
  password?: string;
  from_addr: string;
  to_addrs: string[];
  attach_report?: boolean;
}

export interface EmailChannelOptions {
  /** Attach the HTML report (message.report_path) as report.html; defaults to config.attach_report. */
  attachReport?: boolean;
  /** Extra trusted CA certificates (PEM texts, e.g. a ca_file's contents), added to the system roots. */
  caCerts?: string[];
  /** Implicit TLS (SMTPS) with `use_tls`; defaults to `smtp_port === 465`. */
  implicitTls?: boolean;
  /** Connection, greeting and socket-inactivity timeouts (ms); the signal still bounds the whole send. */
  timeoutMs?: number;
  /** A larger report is not attached (a note in the body says so). */
  maxAttachmentBytes?: number;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The nodemailer transport options for `config` (exported for tests). */
export function smtpTransportOptions(
  config: EmailSettings,
  options: EmailChannelOptions = {},
): SMTPTransportOptions {
  const implicit = config.use_tls && (options.implicitTls ?? config.smtp_port === 465);
  const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const transport: SMTPTransportOptions = {
    host: config.smtp_server,
    port: config.smtp_port,
    secure: implicit,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    // Once the message is accepted, do not wait for a slow server to close its side.
    socketCloseTimeout: Math.min(timeout, 1_000),
    logger: false,
    debug: false,
  };
  if (config.use_tls && !implicit) transport.requireTLS = true;
  if (!config.use_tls) transport.ignoreTLS = true;
  if (config.username) transport.auth = { user: config.username, pass: config.password ?? "" };
  if (config.use_tls && options.caCerts && options.caCerts.length > 0) {
    // node:tls `ca` replaces the default roots; keep them, as Deno's own caCerts option does.
    // rejectUnauthorized stays at its default (true).
    transport.tls = { ca: [...rootCertificates, ...options.caCerts] };
    if (!isIP(config.smtp_server)) transport.tls.servername = config.smtp_server;
  }
  return transport;
}

function validate(config: EmailSettings): void {
  const missing: string[] = (["smtp_server", "from_addr"] as const).filter((key) => !config[key]?.trim());
  if (config.to_addrs.length === 0) missing.push("to_addrs");
  if (missing.length > 0) throw new Error(`alerting.email: missing ${missing.join(", ")}`);
  if (config.password && !config.username) throw new Error("alerting.email: password given without username");
}

const NAME_MISMATCH = /altname|does not match|ERR_TLS_CERT_ALTNAME/i;
const CERT_ERROR = /certificate|self[- ]signed|CERT_|UNABLE_TO_VERIFY|unknown ca/i;

/** What went wrong, in words, from a nodemailer error (before the server prefix and redaction). */
function reason(error: NodemailerError, config: EmailSettings, signal: AbortSignal): string {
  const code = error.code ?? "";
  const response = error.response ? ` (${error.response})` : "";
  if (code === "EABORT" || signal.aborted) {
    const why = signal.reason instanceof Error ? signal.reason.message : "aborted";
    return `gave up: ${why}`;
  }
  if (code === "EAUTH") return `authentication failed${response || ` (${error.message})`}`;
  if (code === "ENOAUTH") return `authentication failed: ${error.message}`;
  if (NAME_MISMATCH.test(`${error.message} ${code}`)) {
    return `TLS certificate is not valid for ${config.smtp_server}: ${error.message}`;
  }
  if (CERT_ERROR.test(`${error.message} ${code}`)) {
    return `TLS certificate not trusted: ${error.message} (for a private CA, set alerting.email.ca_file)`;
  }
  if (code === "ETLS") return `STARTTLS failed: ${error.message}`;
  if (code === "ETIMEDOUT") return `timed out: ${error.message}`;
  if (code === "EENVELOPE") return `sender or recipients rejected${response || `: ${error.message}`}`;
  if (code === "EMESSAGE") return `message rejected${response || `: ${error.message}`}`;
  if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS") {
    return `connection failed: ${error.message}`;
  }
  return error.message || String(error);
}

/** Every form the password could take on the wire (plain, base64 alone, base64 AUTH PLAIN). */
function secrets(config: EmailSettings): string[] {
  const password = config.password;
  if (!password) return [];
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  return [password, b64(password), b64(`\u0000${config.username ?? ""}\u0000${password}`)];
}

/** `SMTP host:port: reason`, with the password masked in case a server echoed it back. */
export function describeSmtpError(error: unknown, config: EmailSettings, signal: AbortSignal): string {
  const err = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  let text = `SMTP ${config.smtp_server}:${config.smtp_port}: ${reason(err, config, signal)}`;
  for (const secret of secrets(config)) text = text.split(secret).join("***");
  return text;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The report as an attachment, or a note saying why it is not attached. */
export async function loadReport(
  path: string,
  maxBytes: number = MAX_ATTACHMENT_BYTES,
): Promise<{ attachment?: Attachment; note?: string }> {
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) return { note: `the HTML report was not attached: ${path} is not a file` };
    if (info.size > maxBytes) {
      return {
        note: `the HTML report was not attached: it is ${formatBytes(info.size)} ` +
          `(limit ${formatBytes(maxBytes)}); open it at ${path}`,
      };
    }
    const content = Buffer.from(await Deno.readFile(path));
    return { attachment: { filename: "report.html", content, contentType: "text/html; charset=utf-8" } };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { note: `the HTML report was not attached: it could not be read (${why})` };
  }
}

/** Rejects when `signal` aborts, so a send never outlives its signal even if the transport hangs. */
function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason ?? new Error("aborted"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener("abort", onAbort) };
}

async function sendOnce(
  config: EmailSettings,
  options: EmailChannelOptions,
  message: AlertMessage,
  signal: AbortSignal,
): Promise<void> {
  const attach = options.attachReport ?? config.attach_report ?? false;
  const report = attach && message.report_path
    ? await loadReport(message.report_path, options.maxAttachmentBytes)
    : {};
  const body = emailBody(message, report.note ? [report.note] : []);
  const transport = nodemailer.createTransport(smtpTransportOptions(config, options));
  const aborted = abortPromise(signal);
  try {
    await Promise.race([
      transport.sendMail({
        from: config.from_addr,
        to: config.to_addrs,
        subject: body.subject,
        text: body.text,
        html: body.html,
        attachments: report.attachment ? [report.attachment] : [],
        signal,
      }),
      aborted.promise,
    ]);
  } finally {
    aborted.dispose();
    transport.close();
  }
}

/** The email channel for `config`; throws at once when a required setting is missing. */
export function emailChannel(config: EmailSettings, options: EmailChannelOptions = {}): AlertChannel {
  validate(config);
  return {
    name: "email",
    async send(message: AlertMessage, signal: AbortSignal): Promise<void> {
      try {
        await sendOnce(config, options, message, signal);
      } catch (error) {
        throw new Error(describeSmtpError(error, config, signal));
      }
    },
  };
}
