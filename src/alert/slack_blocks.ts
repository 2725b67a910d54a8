/**
 * The Slack rendering of an alert: a pure Block Kit payload for an incoming webhook. Slack rejects a whole
 * message when one element breaks a limit, so every text is escaped (mrkdwn: `&`, `<`, `>`) and clipped
 * to its element's limit here, never by the caller.
 */
import type { AlertMessage, AlertThreshold } from "../model/alert.ts";

/** Slack's documented limits (Block Kit reference), the ones this payload can reach. */
export const SLACK_LIMITS = {
  /** Header block: plain_text. */
  header: 150,
  /** Section block `text`. */
  sectionText: 3000,
  /** Section block `fields`: count and each field's text. */
  fields: 10,
  fieldText: 2000,
  /** Context block: element count and each element's text. */
  contextElements: 10,
  contextText: 3000,
  /** Blocks in one message. */
  blocks: 50,
  /** Top-level `text` (Slack truncates beyond 40,000; kept short: it is the notification line). */
  text: 3000,
} as const;

export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text: SlackText }
  | { type: "section"; fields: SlackText[] }
  | { type: "context"; elements: SlackText[] };

export interface SlackPayload {
  /** Fallback for notifications and clients without blocks: the alert's title. */
  text: string;
  blocks: SlackBlock[];
  channel?: string;
}

const ELLIPSIS = "…";

/** Escapes the three characters Slack's mrkdwn reserves (and nothing else, as Slack asks). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Clips `text` to `max` characters (UTF-16 units, as Slack counts), ending in `…` when cut. Never leaves
 * half an escape (`&am`) or half a surrogate pair at the cut.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  cut = cut.replace(/&[a-z]{0,3}$/, "");
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Escaped and clipped mrkdwn; Slack refuses empty texts, so an empty one becomes a dash. */
function mrkdwn(text: string, max: number): SlackText {
  const escaped = escapeMrkdwn(text.trim());
  return { type: "mrkdwn", text: clip(escaped || "—", max) };
}

function header(message: AlertMessage): SlackBlock {
  // plain_text is shown as written: no escaping, only the 150-character limit.
  const text = `${message.verdict}: ${message.scenario}`.replace(/\s+/g, " ").trim();
  return { type: "header", text: { type: "plain_text", text: clip(text, SLACK_LIMITS.header), emoji: true } };
}

/** Key figures as `*label*\nvalue` fields, at most 10 per section (Slack's limit), in several if needed. */
function figureSections(message: AlertMessage, room: number): SlackBlock[] {
  // Label and value clipped apart (300 + 1600 < 2000), so a cut never eats the closing `*`.
  const fields: SlackText[] = message.figures.map((f) => ({
    type: "mrkdwn",
    text: `*${clip(escapeMrkdwn(f.label.trim()), 300) || "—"}*\n${
      clip(escapeMrkdwn(f.value.trim()), 1600) || "—"
    }`,
  }));
  const sections: SlackBlock[] = [];
  for (let i = 0; i < fields.length && sections.length < room; i += SLACK_LIMITS.fields) {
    sections.push({ type: "section", fields: fields.slice(i, i + SLACK_LIMITS.fields) });
  }
  return sections;
}

function thresholdLine(t: AlertThreshold): string {
  return `• *${escapeMrkdwn(t.name)}*: ${escapeMrkdwn(t.value)} (limit ${escapeMrkdwn(t.limit)})`;
}

/** Failed thresholds, one per line, within one section's 3000 characters (`… and N more` when cut). */
function thresholdSection(failed: readonly AlertThreshold[]): SlackBlock | undefined {
  if (failed.length === 0) return undefined;
  const lines = [`*Failed thresholds (${failed.length})*`];
  const reserve = 32; // room for the `… and N more` line
  let length = lines[0]!.length;
  for (const [i, t] of failed.entries()) {
    const line = clip(thresholdLine(t), 500);
    const last = i === failed.length - 1;
    if (length + 1 + line.length + (last ? 0 : reserve) > SLACK_LIMITS.sectionText) {
      lines.push(`… and ${failed.length - i} more`);
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

function contextBlock(message: AlertMessage): SlackBlock {
  const items: [string, string | undefined][] = [
    ["Base URL", message.base_url],
    ["Run", message.run_id],
    ["Started", message.started_at],
    ["Report", message.report_path],
  ];
  const elements = items
    .filter(([, value]) => value !== undefined && value.trim() !== "")
    .map(([label, value]) => ({
      type: "mrkdwn" as const,
      text: clip(`*${label}:* ${escapeMrkdwn(value!.trim())}`, SLACK_LIMITS.contextText),
    }))
    .slice(0, SLACK_LIMITS.contextElements);
  if (elements.length === 0) elements.push({ type: "mrkdwn", text: "perf" });
  return { type: "context", elements };
}

/**
 * The incoming-webhook payload for `message`: `text` (the title, the notification fallback), then header
 * (verdict and scenario), summary, key figures, failed thresholds and a context line (base URL, run id,
 * start time, report path). `channel` is included when configured (legacy webhooks honour it).
 */
export function slackPayload(message: AlertMessage, channel?: string): SlackPayload {
  const summary: SlackBlock = { type: "section", text: mrkdwn(message.summary, SLACK_LIMITS.sectionText) };
  const thresholds = thresholdSection(message.failed_thresholds);
  const fixed = 3 + (thresholds ? 1 : 0); // header, summary, context (+ thresholds)
  const blocks: SlackBlock[] = [
    header(message),
    summary,
    ...figureSections(message, SLACK_LIMITS.blocks - fixed),
    ...(thresholds ? [thresholds] : []),
    contextBlock(message),
  ];
  const text = clip(escapeMrkdwn(message.title.trim()) || `perf: ${message.verdict}`, SLACK_LIMITS.text);
  const target = channel?.trim();
  return { text, blocks, ...(target ? { channel: target } : {}) };
}
