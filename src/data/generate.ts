/**
 * The pure core of `perf data generate --fields ... --count N -o FILE`: parse the field specs, generate
 * the rows, and write them as CSV or JSON.
 *
 * @module
 */
import { ExitCode, PerfError } from "../errors.ts";
import { callGenerator, GeneratorError, parseGeneratorCall } from "./generators.ts";

/** One column to generate: its name and the generator call that fills it. */
export interface FieldSpec {
  /** The column name. */
  name: string;
  /** A key of `GENERATORS` (without `$`). */
  generator: string;
  /** The call's arguments, trimmed. */
  args: string[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const EXAMPLE = "id:int(1,1000000),email:email,plan:pick(free,pro)";

/**
 * Parses `--fields`: comma-separated `name:generator` or `name:generator(args)` items, e.g.
 * `id:int(1,1000000),email:email,name:name,plan:pick(free,pro)`. Commas inside parentheses belong to
 * the arguments. Names are letters, digits, `_` and `-` (not starting with a digit) and unique; each
 * call is checked once here, so a bad generator or bad arguments fail before any row is written.
 *
 * @throws {PerfError} (usage) naming the field: `field "id": $int(5, 1): min 5 is greater than max 1`.
 *
 * @example
 * ```ts
 * parseFieldSpecs("id:int(1,10),plan:pick(free,pro)");
 * // [{ name: "id", generator: "int", args: ["1", "10"] },
 * //  { name: "plan", generator: "pick", args: ["free", "pro"] }]
 * ```
 */
export function parseFieldSpecs(spec: string): FieldSpec[] {
  const items = splitTopLevel(spec);
  if (items.every((item) => item.trim() === "")) fail("--fields is empty");
  const fields = items.map(parseField);
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) fail(`field "${field.name}" is given twice`);
    seen.add(field.name);
  }
  return fields;
}

/** Splits at commas outside parentheses. */
function splitTopLevel(spec: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) fail(`unbalanced ")" at character ${i + 1} of --fields "${spec}"`);
    else if (c === "," && depth === 0) {
      items.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  if (depth > 0) fail(`unclosed "(" in --fields "${spec}"`);
  items.push(spec.slice(start));
  return items;
}

function parseField(item: string, index: number): FieldSpec {
  const colon = item.indexOf(":");
  const name = (colon < 0 ? item : item.slice(0, colon)).trim();
  if (name === "") fail(`field ${index + 1} has no name: write name:generator`);
  if (colon < 0) fail(`field "${name}" has no generator: write ${name}:generator, e.g. ${name}:uuid`);
  if (!FIELD_NAME.test(name)) {
    fail(`field name "${name}" must be letters, digits, "_" or "-", not starting with a digit`);
  }
  try {
    const call = parseGeneratorCall(item.slice(colon + 1));
    callGenerator(call.name, call.args, () => 0); // checks the name and the arguments now
    return { name, generator: call.name, args: call.args };
  } catch (err) {
    if (err instanceof GeneratorError) fail(`field "${name}": ${err.message}`);
    throw err;
  }
}

function fail(message: string): never {
  throw new PerfError(message, ExitCode.usage, `--fields looks like ${EXAMPLE}`);
}

/**
 * `count` rows, each with one value per field, from the generators fed by `random` (seed it to
 * reproduce a file).
 *
 * @throws {RangeError} when `count` is not a non-negative integer.
 */
export function generateRows(
  fields: readonly FieldSpec[],
  count: number,
  random: () => number,
): Record<string, string>[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  return Array.from(
    { length: count },
    () => Object.fromEntries(fields.map((f) => [f.name, callGenerator(f.generator, f.args, random)])),
  );
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string, alone: boolean): string {
  // A lone empty field would be a blank line, which readers skip: quote it to keep the row.
  if (NEEDS_QUOTES.test(value) || (alone && value === "")) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/**
 * CSV text (RFC 4180, LF line ends, a final line break) with `header` as the first line and the
 * columns in header order; a value missing from a row is empty. Fields with a quote, comma or line
 * break are quoted, so `parseCsv` reads the text back unchanged.
 */
export function toCsv(rows: readonly Record<string, string>[], header: readonly string[]): string {
  const alone = header.length === 1;
  const line = (values: readonly string[]) => values.map((v) => csvField(v, alone)).join(",");
  const lines = [line(header), ...rows.map((row) => line(header.map((name) => row[name] ?? "")))];
  return lines.join("\n") + "\n";
}

/** The rows as a pretty-printed JSON array (two-space indent, a final line break). */
export function toJson(rows: readonly Record<string, string>[]): string {
  return JSON.stringify(rows, null, 2) + "\n";
}
