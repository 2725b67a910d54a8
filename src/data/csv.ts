/**
 * A strict RFC 4180 CSV reader for test data. Pure: text in, rows out, or a {@link DataError} that
 * names the file and the line.
 *
 * What it accepts:
 * - fields separated by `,`, records by CRLF, LF (or a lone CR);
 * - quoted fields (`"a, b"`), with `""` for a quote inside them and line breaks kept verbatim;
 * - a byte-order mark at the start; blank lines anywhere (a trailing one included) are skipped;
 * - a quote inside an unquoted field is kept as a literal character (`5" screen`).
 *
 * What it rejects: an unterminated quoted field, text after a closing quote (`"a"b`), a header with an
 * empty or duplicate column name, and a row whose field count differs from the header's.
 *
 * @module
 */
import { DataError } from "./errors.ts";

/** A parsed CSV file: the trimmed column names and one record per data row, keyed by column name. */
export interface CsvTable {
  /** The column names, trimmed, in file order. */
  header: string[];
  /** The data rows, in file order. */
  rows: Record<string, string>[];
}

/** One physical record before it is matched to the header. */
interface RawRecord {
  /** The line the record starts on (1-based). */
  line: number;
  fields: string[];
}

/** The reader's position in the text. */
interface Cursor {
  readonly text: string;
  readonly file: string;
  pos: number;
  line: number;
}

const UNQUOTED = /[^,\r\n]*/y;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Parses CSV `text` (the content of `file`, used only in error messages). The first record is the
 * header; every other record becomes a row keyed by the header's names.
 *
 * @throws {DataError} e.g. `users.csv:7: expected 3 fields (id, name, email), got 4` or
 *   `users.csv:3: unterminated quoted field`.
 *
 * @example
 * ```ts
 * const { header, rows } = parseCsv('id,name\n1,"Doe, Jane"\n', "users.csv");
 * // header: ["id", "name"]; rows: [{ id: "1", name: "Doe, Jane" }]
 * ```
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records = readRecords(text.startsWith("\uFEFF") ? text.slice(1) : text, file);
  const first = records[0];
  if (first === undefined) throw new DataError(file, 1, "the file is empty: expected a header line");
  const header = parseHeader(first, file);
  const rows = records.slice(1).map((record) => toRow(record, header, file));
  return { header, rows };
}

/** Every non-blank record of the text, with the line it starts on. */
function readRecords(text: string, file: string): RawRecord[] {
  const cursor: Cursor = { text, file, pos: 0, line: 1 };
  const records: RawRecord[] = [];
  while (cursor.pos < text.length) {
    const line = cursor.line;
    const { fields, blank } = readRecord(cursor);
    if (!blank) records.push({ line, fields });
  }
  return records;
}

/** Reads one record and the line break after it. `blank` is an empty line (no characters at all). */
function readRecord(cursor: Cursor): { fields: string[]; blank: boolean } {
  const start = cursor.pos;
  const fields: string[] = [];
  for (;;) {
    fields.push(cursor.text[cursor.pos] === '"' ? readQuoted(cursor) : readUnquoted(cursor));
    const next = cursor.text[cursor.pos];
    if (next === ",") {
      cursor.pos++;
      continue;
    }
    const end = cursor.pos;
    skipLineBreak(cursor);
    return { fields, blank: end === start };
  }
}

function readUnquoted(cursor: Cursor): string {
  UNQUOTED.lastIndex = cursor.pos;
  UNQUOTED.test(cursor.text);
  const value = cursor.text.slice(cursor.pos, UNQUOTED.lastIndex);
  cursor.pos = UNQUOTED.lastIndex;
  return value;
}

/** Reads a quoted field starting at its opening quote; leaves the cursor after the closing quote. */
function readQuoted(cursor: Cursor): string {
  const { text, file } = cursor;
  const startLine = cursor.line;
  let pos = cursor.pos + 1;
  let value = "";
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote < 0) throw new DataError(file, startLine, "unterminated quoted field");
    const chunk = text.slice(pos, quote);
    value += chunk;
    cursor.line += countLineBreaks(chunk);
    if (text[quote + 1] === '"') {
      value += '"';
      pos = quote + 2;
      continue;
    }
    cursor.pos = quote + 1;
    checkAfterClosingQuote(cursor);
    return value;
  }
}

function checkAfterClosingQuote(cursor: Cursor): void {
  const next = cursor.text[cursor.pos];
  if (next === undefined || next === "," || next === "\r" || next === "\n") return;
  throw new DataError(
    cursor.file,
    cursor.line,
    `unexpected ${JSON.stringify(next)} after a closing quote (write a quote inside a quoted field as "")`,
  );
}

function skipLineBreak(cursor: Cursor): void {
  const { text } = cursor;
  const next = text[cursor.pos];
  if (next === "\r") cursor.pos += text[cursor.pos + 1] === "\n" ? 2 : 1;
  else if (next === "\n") cursor.pos++;
  cursor.line++;
}

function countLineBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/** Trimmed column names; an empty or duplicate name is an error. */
function parseHeader(record: RawRecord, file: string): string[] {
  const header = record.fields.map((name) => name.trim());
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === "") {
      throw new DataError(file, record.line, `empty column name in the header (column ${i + 1})`);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DataError(
        file,
        record.line,
        `duplicate column name ${JSON.stringify(name)} in the header (columns ${earlier + 1} and ${i + 1})`,
      );
    }
    seen.set(name, i);
  });
  return header;
}

function toRow(record: RawRecord, header: readonly string[], file: string): Record<string, string> {
  if (record.fields.length !== header.length) {
    throw new DataError(
      file,
      record.line,
      `expected ${header.length} fields (${header.join(", ")}), got ${record.fields.length}`,
    );
  }
  // fromEntries defines own properties, so a column named "__proto__" stays a plain key.
  return Object.fromEntries(header.map((name, i) => [name, record.fields[i]!]));
}
