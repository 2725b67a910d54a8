/**
 * Turns zod issues into plain-English messages that name the key path and the offending value:
 * `scenarios.smoke.users: must be at least 1, got -5`, `unknown key "usrs" in scenarios.smoke (did you
 * mean "users"?)`. Pure: the loader locates each message in the YAML source afterwards.
 *
 * @module
 */
import type { z } from "zod";
import { didYouMean } from "./suggest.ts";

type Issue = z.core.$ZodIssue;

/** A message ready to print, with where to point at it. */
export interface DescribedIssue {
  /** The path to locate (for an unknown key: the mapping that holds it). */
  path: PropertyKey[];
  /** For an unknown key: the key itself, so the report points at the typo. */
  key?: string;
  message: string;
}

/** What the messages need besides the issues. */
export interface IssueContext {
  /** The value that was validated, to quote offending values. */
  input: unknown;
  /** The schema it was validated against, to list the keys a mapping accepts. */
  schema: z.ZodType;
  /** How to name the root when the path is empty: "the config", "scenario \"stress\"". */
  rootLabel: string;
  /** JSON-encoded paths whose values came from the environment: never quoted, they may be secrets. */
  secretPaths?: ReadonlySet<string>;
}

/** Describes every issue; an issue may become several messages (one per unknown key). */
export function describeIssues(issues: readonly Issue[], ctx: IssueContext): DescribedIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, [], ctx));
}

function describeIssue(issue: Issue, base: PropertyKey[], ctx: IssueContext): DescribedIssue[] {
  const path = [...base, ...issue.path];
  const value = valueAt(ctx.input, path);
  const got = () => describeValue(value, ctx.secretPaths?.has(JSON.stringify(path.map(stepKey))));
  const at = (message: string): DescribedIssue[] => [{ path, message: `${label(path, ctx)}: ${message}` }];
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined && path.length > 0) return missingKey(path, ctx);
      return at(`expected ${typeName(issue.expected)}, got ${got()}`);
    case "too_small":
      return at(
        `${bound("at least", "greater than", issue.origin, issue.minimum, issue.inclusive)}, got ${got()}`,
      );
    case "too_big":
      return at(
        `${bound("at most", "less than", issue.origin, issue.maximum, issue.inclusive)}, got ${got()}`,
      );
    case "invalid_value": {
      const options = issue.values.map((v) => String(v));
      const hint = typeof value === "string" ? didYouMean(value, options) : "";
      const expected = options.length === 1 ? `"${options[0]}"` : `one of ${options.join(", ")}`;
      return at(`must be ${expected}, got ${got()}${hint}`);
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownKey(path, key, ctx));
    case "invalid_union":
      return describeUnion(issue.errors, path, ctx, got);
    case "custom":
      return at(
        issue.message.startsWith("must ") && isScalar(value)
          ? `${issue.message}, got ${got()}`
          : issue.message,
      );
    default:
      return at(lowerFirst(issue.message));
  }
}

function missingKey(path: PropertyKey[], ctx: IssueContext): DescribedIssue[] {
  const parent = path.slice(0, -1);
  const where = parent.length === 0 ? ctx.rootLabel : formatPath(parent);
  return [{ path: parent, message: `missing required key "${String(path.at(-1))}" in ${where}` }];
}

function unknownKey(path: PropertyKey[], key: string, ctx: IssueContext): DescribedIssue {
  const known = knownKeysAt(ctx.schema, path);
  const where = path.length === 0 ? ctx.rootLabel : formatPath(path);
  const hint = didYouMean(key, known) ||
    (known.length > 0 && known.length <= 10 ? ` (expected one of ${known.join(", ")})` : "");
  return { path, key, message: `unknown key "${key}" in ${where}${hint}` };
}

/**
 * A union fails when no option accepts the value. Options whose only complaint is the value's type did not
 * apply; when exactly one option applied, its own issues are the real ones ("invalid status "abc""). When
 * none applied, say which types would have been accepted. When several applied (a mapping that fits no
 * shape), the unknown keys are what matters; otherwise report the option with the fewest issues.
 */
function describeUnion(
  branches: readonly (readonly Issue[])[],
  path: PropertyKey[],
  ctx: IssueContext,
  got: () => string,
): DescribedIssue[] {
  const isTypeMismatch = (issue: Issue) => issue.code === "invalid_type" && issue.path.length === 0;
  const applied = branches.filter((branch) => !branch.every(isTypeMismatch));
  if (applied.length === 0) {
    const types = [...new Set(branches.flat().map((i) => typeName((i as { expected?: string }).expected)))];
    return [{ path, message: `${label(path, ctx)}: expected ${orList(types)}, got ${got()}` }];
  }
  const described = applied.map((branch) => branch.flatMap((issue) => describeIssue(issue, path, ctx)));
  if (described.length === 1) return described[0]!;
  const unknown = described.flat().filter((issue) => issue.key !== undefined);
  if (unknown.length > 0) return [...new Map(unknown.map((i) => [i.message, i])).values()];
  return described.reduce((best, next) => next.length < best.length ? next : best);
}

function bound(
  inclusiveWord: string,
  strictWord: string,
  origin: string,
  limit: unknown,
  inclusive?: boolean,
) {
  const word = inclusive === false ? strictWord : inclusiveWord;
  if (origin === "array" || origin === "set") {
    return `must have ${word} ${limit} item${limit === 1 ? "" : "s"}`;
  }
  if (origin === "string") {
    if (limit === 1 && word === "at least") return "must not be empty";
    return `must be ${word} ${limit} character${limit === 1 ? "" : "s"} long`;
  }
  return `must be ${word} ${limit}`;
}

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  map: "a mapping",
  array: "a list",
  tuple: "a list",
  null: "an empty value",
};

function typeName(expected: string | undefined): string {
  return TYPE_NAMES[expected ?? ""] ?? (expected ? `a ${expected}` : "another value");
}

/**
 * How an offending value reads in a message: strings quoted (and shortened), collections by kind, and
 * values that came from the environment not at all.
 */
export function describeValue(value: unknown, secret = false): string {
  if (secret) return "a value from the environment (not shown)";
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    const quoted = JSON.stringify(value);
    return quoted.length > 60 ? `${quoted.slice(0, 56)}…"` : quoted;
  }
  return String(value);
}

/**
 * A key path as people write it: `scenarios.smoke.tasks[0].path`; keys that are not plain words are
 * quoted: `thresholds["response_time_p99.9"]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else if (typeof step === "string" && /^[A-Za-z_][\w-]*$/.test(step)) text += text ? `.${step}` : step;
    else text += `[${JSON.stringify(String(step))}]`;
  }
  return text;
}

function label(path: readonly PropertyKey[], ctx: IssueContext): string {
  return path.length === 0 ? ctx.rootLabel : formatPath(path);
}

/** The value at `path` in plain JSON-like data; undefined when the path does not exist. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function stepKey(step: PropertyKey): string | number {
  return typeof step === "number" ? step : String(step);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== "object" && value !== undefined);
}

function orList(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? "another value")
    : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The minimal view of a zod 4 schema this module reads: its definition. */
interface SchemaLike {
  _zod: { def: { type: string } & Record<string, unknown> };
}

/**
 * The keys the mapping at `path` accepts, read from the schema itself so hints never drift from it.
 * Wrappers (optional, default, pipe) are looked through and the shapes of a union's options combined.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schemas = unwrap(schema as unknown as SchemaLike);
  for (const step of path) schemas = schemas.flatMap((s) => childSchemas(s, step)).flatMap(unwrap);
  const keys = schemas.flatMap((s) => s._zod.def.type === "object" ? Object.keys(shapeOf(s)) : []);
  return [...new Set(keys)];
}

function unwrap(schema: SchemaLike): SchemaLike[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return unwrap(def.innerType as SchemaLike);
    case "pipe":
      return unwrap(def.in as SchemaLike);
    case "union":
      return (def.options as SchemaLike[]).flatMap(unwrap);
    default:
      return [schema];
  }
}

function childSchemas(schema: SchemaLike, step: PropertyKey): SchemaLike[] {
  const def = schema._zod.def;
  if (def.type === "object") {
    const child = shapeOf(schema)[String(step)];
    return child ? [child] : [];
  }
  if (def.type === "record") return [def.valueType as SchemaLike];
  if (def.type === "array") return [def.element as SchemaLike];
  if (def.type === "tuple" && typeof step === "number") {
    const item = (def.items as SchemaLike[])[step];
    return item ? [item] : [];
  }
  return [];
}

function shapeOf(schema: SchemaLike): Record<string, SchemaLike> {
  return schema._zod.def.shape as Record<string, SchemaLike>;
}
