/**
 * Test data from a JSON file: an array of flat objects, each becoming a row of strings. Pure.
 *
 * @module
 */
import { DataError } from "./errors.ts";

const LINE_BREAK = /\r\n|\r|\n/g;
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/**
 * Parses `text` (the content of `file`, used only in error messages) as a JSON array of objects.
 * Each object becomes a row: strings stay as they are, numbers and booleans become their JSON text
 * (`42`, `true`), `null` becomes `""`, and nested objects or arrays are kept as JSON text.
 *
 * @throws {DataError} for invalid JSON (at the line the JSON parser reports, else line 1), a top
 *   level that is not an array, or an element that is not an object (at the element's line).
 *
 * @example
 * ```ts
 * parseJsonRows('[{"id": 1, "tags": ["a"], "note": null}]', "users.json");
 * // [{ id: "1", tags: '["a"]', note: "" }]
 * ```
 */
export function parseJsonRows(text: string, file: string): Record<string, string>[] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw syntaxError(source, file, err);
  }
  if (!Array.isArray(value)) {
    const line = lineAt(source, firstNonWhitespace(source, 0));
    throw new DataError(file, line, `expected a JSON array of objects, got ${describe(value)}`);
  }
  return value.map((element, i) => {
    if (isObject(element)) return toRow(element);
    const line = lineAt(source, elementOffset(source, i));
    throw new DataError(
      file,
      line,
      `element ${i + 1} of the array is ${describe(element)}, expected an object`,
    );
  });
}

function toRow(object: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toText(value)]));
}

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

/** A DataError from JSON.parse's error, with the position it reports turned into a line. */
function syntaxError(text: string, file: string, err: unknown): DataError {
  const raw = err instanceof Error ? err.message : String(err);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(raw);
  const position = /at position (\d+)/.exec(raw);
  let line = 1;
  if (lineColumn) line = Number(lineColumn[1]);
  else if (position) line = lineAt(text, Number(position[1]));
  else if (/end of JSON input/.test(raw)) line = lineAt(text, text.trimEnd().length);
  const reason = raw
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+/, "")
    .replace(/ \(line \d+ column (\d+)\)/, " (column $1)");
  return new DataError(file, line, `invalid JSON: ${reason}`);
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(LINE_BREAK)?.length ?? 0) + 1;
}

function firstNonWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** The index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

/**
 * The offset where element `index` of the top-level array starts, by a scan that tracks only strings
 * and bracket depth (the text is known to be valid JSON by then). 0 if not found.
 */
function elementOffset(text: string, index: number): number {
  let depth = 0;
  let expecting = false;
  let count = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) continue;
    if (depth === 1 && expecting && c !== "]") {
      if (++count === index) return i;
      expecting = false;
    }
    if (c === '"') i = endOfString(text, i) - 1;
    else if (c === "[" || c === "{") {
      if (++depth === 1) expecting = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expecting = true;
  }
  return 0;
}
