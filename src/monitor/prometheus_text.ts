/**
 * A parser for the Prometheus text exposition format (0.0.4), lenient enough for OpenMetrics output:
 *
 * ```text
 * # HELP http_requests_total The total number of HTTP requests.
 * # TYPE http_requests_total counter
 * http_requests_total{method="post",code="200"} 1027 1395066363000
 * msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
 * {"name.with.dots", quantile="0.5"} NaN            # Prometheus 3 quoted (UTF-8) names
 * http_request_duration_seconds_bucket{le="+Inf"} 144 # {trace_id="abc"} 0.7  (an OpenMetrics exemplar)
 * ```
 *
 * sample  = name [ "{" label *( "," label ) [ "," ] "}" ] value [ timestamp ] [ "#" exemplar ]
 * label   = label_name "=" '"' escaped value '"'     (escapes: \\  \"  \n)
 * value   = a float, NaN, +Inf, -Inf
 * Lines starting with `#` are comments; `# HELP` and `# TYPE` are kept. A bad line is recorded with its
 * line number and skipped, so one odd series does not lose the rest of the page. Pure.
 *
 * @module
 */

export interface PromSample {
  /** The series name as exposed, including suffixes like `_bucket`, `_sum`, `_count`, `_total`. */
  name: string;
  labels: Record<string, string>;
  value: number;
  /** As written (milliseconds in the 0.0.4 format, seconds in OpenMetrics). */
  timestamp?: number;
}

export interface PromParse {
  samples: PromSample[];
  /** Metric family -> counter | gauge | histogram | summary | untyped | ... */
  types: Record<string, string>;
  help: Record<string, string>;
  errors: { line: number; message: string }[];
}

const NAME_RE = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const SPACE_RE = /[ \t]*/y;

export function parsePrometheusText(text: string): PromParse {
  const result: PromParse = { samples: [], types: {}, help: {}, errors: [] };
  text.split("\n").forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    if (line.trimStart().startsWith("#")) return parseComment(line.trimStart(), result);
    const sample = parseSampleLine(line);
    if (typeof sample === "string") result.errors.push({ line: index + 1, message: sample });
    else result.samples.push(sample);
  });
  return result;
}

function parseComment(line: string, result: PromParse): void {
  const match = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!match) return;
  const [, keyword, name, rest = ""] = match;
  if (keyword === "TYPE") result.types[name!] = rest.trim().toLowerCase();
  else result.help[name!] = rest.replace(/\\(\\|n)/g, (_, c: string) => c === "n" ? "\n" : "\\");
}

/** A cursor over one line; every parse step returns an error string instead of throwing. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): number {
    SPACE_RE.lastIndex = this.pos;
    const skipped = SPACE_RE.exec(this.text)![0].length;
    this.pos += skipped;
    return skipped;
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  name(): string | undefined {
    NAME_RE.lastIndex = this.pos;
    const match = NAME_RE.exec(this.text);
    if (match) this.pos += match[0].length;
    return match?.[0];
  }

  /** A double-quoted string with \\ \" \n escapes; the cursor is on the opening quote. */
  quoted(): string | undefined {
    let out = "";
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (c === '"') {
        this.pos = i + 1;
        return out;
      }
      if (c !== "\\") {
        out += c;
        continue;
      }
      const next = this.text[++i] ?? "";
      out += next === "n" ? "\n" : next === "\\" || next === '"' ? next : `\\${next}`;
    }
    return undefined;
  }

  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !/[ \t]/.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

export function parseSampleLine(line: string): PromSample | string {
  const cur = new Cursor(line);
  cur.skipSpace();
  let name = cur.peek() === "{" ? "" : cur.name();
  if (name === undefined) return `expected a metric name at ${JSON.stringify(line.slice(0, 40))}`;
  let labels: Record<string, string> = {};
  let spaced = cur.skipSpace() > 0;
  if (cur.peek() === "{") {
    const block = parseLabels(cur);
    if (typeof block === "string") return block;
    labels = block.labels;
    name ||= block.name ?? "";
    // "}" ends the block, so the space before the value is optional.
    cur.skipSpace();
    spaced = true;
  }
  if (name === "") return "a quoted metric name is missing inside the braces";
  if (!spaced && cur.peek() !== "") {
    return `expected a space after ${JSON.stringify(line.slice(0, cur.pos + 1))}`;
  }
  const valueToken = cur.token();
  if (valueToken === "") return `missing value for ${name}`;
  const value = parseValue(valueToken);
  if (value === undefined) return `invalid value ${JSON.stringify(valueToken)} for ${name}`;
  cur.skipSpace();
  let timestamp: number | undefined;
  if (cur.peek() !== "" && cur.peek() !== "#") {
    const stampToken = cur.token();
    timestamp = Number(stampToken);
    if (stampToken === "" || !Number.isFinite(timestamp)) {
      return `invalid timestamp ${JSON.stringify(stampToken)}`;
    }
    cur.skipSpace();
  }
  // Anything after "#" is an OpenMetrics exemplar, which a monitor does not need.
  if (cur.peek() !== "" && cur.peek() !== "#") return `unexpected ${JSON.stringify(line.slice(cur.pos))}`;
  return { name, labels, value, ...(timestamp !== undefined ? { timestamp } : {}) };
}

/** The `{...}` block; a quoted entry with no `=` is the metric name (Prometheus 3 UTF-8 names). */
function parseLabels(cur: Cursor): { labels: Record<string, string>; name?: string } | string {
  const labels: Record<string, string> = {};
  let name: string | undefined;
  cur.pos++; // "{"
  for (;;) {
    cur.skipSpace();
    if (cur.peek() === "}") break;
    const key = cur.peek() === '"' ? cur.quoted() : cur.name();
    if (key === undefined) {
      return `invalid label name at ${JSON.stringify(cur.text.slice(cur.pos, cur.pos + 20))}`;
    }
    cur.skipSpace();
    if (cur.peek() === "=") {
      cur.pos++;
      cur.skipSpace();
      if (cur.peek() !== '"') return `label ${key}: expected a quoted value`;
      const value = cur.quoted();
      if (value === undefined) return `label ${key}: unterminated value`;
      labels[key] = value;
    } else if (name === undefined && Object.keys(labels).length === 0) {
      name = key;
    } else {
      return `label ${key}: expected "="`;
    }
    cur.skipSpace();
    if (cur.peek() === ",") cur.pos++;
    else if (cur.peek() !== "}") return `expected "," or "}" after label ${key}`;
  }
  cur.pos++; // "}"
  return { labels, ...(name !== undefined ? { name } : {}) };
}

/** Go's ParseFloat spellings as Prometheus writes them: NaN, +Inf, -Inf, Inf, and plain floats. */
export function parseValue(token: string): number | undefined {
  if (/^[+-]?inf(inity)?$/i.test(token)) return token.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(token)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token)) return undefined;
  return Number(token);
}

const FAMILY_SUFFIXES = ["_bucket", "_sum", "_count", "_total", "_created", "_gcount", "_gsum", "_info"];

/** The family a series belongs to: `x_bucket`, `x_sum`, `x_count` belong to histogram or summary `x`. */
export function familyOf(name: string, types: Record<string, string>): string {
  if (types[name] !== undefined) return name;
  const suffix = FAMILY_SUFFIXES.find((s) =>
    name.endsWith(s) && types[name.slice(0, -s.length)] !== undefined
  );
  return suffix ? name.slice(0, -suffix.length) : name;
}
