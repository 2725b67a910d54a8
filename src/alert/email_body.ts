/**
 * The email rendering of an alert: a subject, a plain-text body and an HTML body. Pure (no I/O) so
 * it can be tested on its own; email.ts adds the transport and the attachment. The HTML uses inline
 * styles only and loads nothing from anywhere (mail clients block or track external resources).
 */
import type { AlertMessage, AlertVerdict } from "../model/alert.ts";

export interface EmailBody {
  subject: string;
  text: string;
  html: string;
}

const VERDICT_COLORS: Record<AlertVerdict, string> = {
  PASS: "#1a7f37",
  FAIL: "#cf222e",
  BREACH: "#cf222e",
  ABORTED: "#bc4c00",
  INTERRUPTED: "#bc4c00",
  TEST: "#57606a",
};
const RED = "#cf222e";
const CELL = "padding:4px 12px 4px 0;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top";
const HEAD = `${CELL};color:#57606a;font-weight:600`;

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One header line: CR/LF and other control characters would break (or inject) headers. */
function oneLine(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** `label: value` lines with the values lined up, indented by two spaces. */
function aligned(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)}  ${value}`);
}

/** The run's identity: scenario, target, run id, start. */
function contextRows(message: AlertMessage): [string, string][] {
  const rows: [string, string][] = [["Scenario", message.scenario], ["Base URL", message.base_url]];
  if (message.run_id) rows.push(["Run id", message.run_id]);
  if (message.started_at) rows.push(["Started", message.started_at]);
  return rows;
}

function fileRows(message: AlertMessage): [string, string][] {
  const rows: [string, string][] = [];
  if (message.result_path) rows.push(["Result", message.result_path]);
  if (message.report_path) rows.push(["Report", message.report_path]);
  return rows;
}

function textBody(message: AlertMessage, notes: readonly string[]): string {
  const lines = [`Verdict: ${message.verdict}`, "", message.summary, "", ...aligned(contextRows(message))];
  if (message.figures.length > 0) {
    lines.push("", "Key figures", ...aligned(message.figures.map((f) => [f.label, f.value])));
  }
  if (message.failed_thresholds.length > 0) {
    const rows = message.failed_thresholds.map((t) => [t.name, `${t.value} (limit ${t.limit})`] as const);
    lines.push("", "Failed thresholds", ...aligned(rows));
  }
  const files = fileRows(message);
  if (files.length > 0) lines.push("", "Files", ...aligned(files));
  if (notes.length > 0) lines.push("", ...notes.map((n) => `Note: ${n}`));
  lines.push("", "-- ", "Sent by perf");
  return `${lines.join("\n")}\n`;
}

function htmlTable(header: readonly string[] | undefined, rows: readonly string[][]): string {
  const head = header
    ? `<tr>${header.map((h) => `<th style="${HEAD}">${escapeHtml(h)}</th>`).join("")}</tr>`
    : "";
  const body = rows.map((cells) => `<tr>${cells.join("")}</tr>`).join("");
  return `<table style="border-collapse:collapse;margin:8px 0 16px 0">${head}${body}</table>`;
}

function cell(text: string, style = CELL): string {
  return `<td style="${style}">${escapeHtml(text)}</td>`;
}

function labelled(rows: readonly (readonly [string, string])[]): string {
  return htmlTable(undefined, rows.map(([label, value]) => [cell(label, HEAD), cell(value)]));
}

function section(title: string, content: string, color = "#1f2328"): string {
  return `<h3 style="margin:16px 0 4px 0;font-size:15px;color:${color}">${escapeHtml(title)}</h3>${content}`;
}

function htmlBody(message: AlertMessage, notes: readonly string[]): string {
  const color = VERDICT_COLORS[message.verdict] ?? "#1f2328";
  const parts = [
    `<h2 style="margin:0 0 8px 0;font-size:18px">${escapeHtml(oneLine(message.title))}</h2>`,
    `<p style="margin:0 0 8px 0"><span style="display:inline-block;padding:2px 8px;border-radius:4px;` +
    `background:${color};color:#ffffff;font-weight:700">${escapeHtml(message.verdict)}</span></p>`,
    `<p style="margin:0 0 12px 0;white-space:pre-wrap">${escapeHtml(message.summary)}</p>`,
    labelled(contextRows(message)),
  ];
  if (message.figures.length > 0) {
    parts.push(section("Key figures", labelled(message.figures.map((f) => [f.label, f.value]))));
  }
  if (message.failed_thresholds.length > 0) {
    const red = `${CELL};color:${RED};font-weight:600`;
    const rows = message.failed_thresholds.map((t) => [cell(t.name, red), cell(t.value, red), cell(t.limit)]);
    parts.push(section("Failed thresholds", htmlTable(["Threshold", "Value", "Limit"], rows), RED));
  }
  const files = fileRows(message);
  if (files.length > 0) parts.push(section("Files", labelled(files)));
  for (const note of notes) {
    parts.push(`<p style="margin:8px 0;color:#bc4c00">Note: ${escapeHtml(note)}</p>`);
  }
  const style = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#1f2328";
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(oneLine(message.title))}` +
    `</title></head><body style="${style}">${parts.join("\n")}</body></html>\n`;
}

/**
 * Renders `message` for email. `notes` (e.g. why the report is not attached) are added at the end of
 * both bodies.
 */
export function emailBody(message: AlertMessage, notes: readonly string[] = []): EmailBody {
  return { subject: oneLine(message.title), text: textBody(message, notes), html: htmlBody(message, notes) };
}
