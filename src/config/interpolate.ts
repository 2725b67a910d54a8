/**
 * `${ENV_VAR}` interpolation. It runs on the string scalars of the parsed YAML document, never on the raw
 * text: a value can then never inject YAML structure, and every position in the file stays where the
 * user wrote it. Secrets come from the environment and are never echoed back in messages.
 *
 * - `${NAME}`: the variable's value; unset is an error located at the scalar.
 * - `${NAME:-default}`: the default when the variable is unset or empty (as in the shell).
 * - `$${NAME}`: a literal `${NAME}`.
 *
 * @module
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";

/** The environment to read variables from (a plain record, so tests pass their own). */
export type Env = Record<string, string | undefined>;

/** A key path into the document: mapping keys and sequence indexes. */
export type DocPath = (string | number)[];

/** The result of interpolating one string. */
export interface StringInterpolation {
  value: string;
  /** Names of the variables that are unset and have no default, in order of appearance. */
  missing: string[];
  /** References that are not `${NAME}` or `${NAME:-default}` (e.g. `${1X}` or an unclosed `${`). */
  invalid: string[];
  /** True when the text held at least one reference or escape. */
  changed: boolean;
  /** True when part of the value came from a variable (not a default): it may be a secret. */
  usedEnv: boolean;
}

/** A problem found while interpolating, located at the scalar that holds it. */
export interface InterpolationIssue {
  path: DocPath;
  /** Offset of the scalar in the source text. */
  offset: number;
  message: string;
}

/** The result of interpolating a whole document. */
export interface DocumentInterpolation {
  /** A copy of the input document with the references replaced; the input is left untouched. */
  doc: Document;
  issues: InterpolationIssue[];
  /** Paths of the scalars whose value came (partly) from the environment: never show their values. */
  fromEnv: DocPath[];
}

const NAME_RE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;
const TOKEN_RE = /\$\$\{|\$\{([^}]*)(\})?/g;

/**
 * Replaces the references in one string.
 *
 * @example interpolateString("${HOST:-localhost}:8080", {}).value === "localhost:8080"
 */
export function interpolateString(text: string, env: Env): StringInterpolation {
  const missing: string[] = [];
  const invalid: string[] = [];
  let changed = false;
  let usedEnv = false;
  const value = text.replace(TOKEN_RE, (token: string, inner: string | undefined, close?: string) => {
    changed = true;
    if (token === "$${") return "${";
    const match = close === undefined ? null : NAME_RE.exec(inner ?? "");
    if (!match) {
      invalid.push(token);
      return token;
    }
    const [, name, fallback] = match as unknown as [string, string, string | undefined];
    const set = env[name];
    if (set !== undefined && !(fallback !== undefined && set === "")) {
      usedEnv = true;
      return set;
    }
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return token;
  });
  return { value, missing, invalid, changed, usedEnv };
}

/**
 * Interpolates every string scalar value of `doc` (mapping keys are left alone) into a copy of it.
 * A plain (unquoted) scalar that is exactly one reference, like `users: ${USERS:-10}`, takes the type of
 * its value when that is a number or true/false, so numbers can come from the environment; quote it to
 * keep a string.
 */
export function interpolateDocument(doc: Document, env: Env): DocumentInterpolation {
  const copy = doc.clone();
  const result: DocumentInterpolation = { doc: copy, issues: [], fromEnv: [] };
  if (copy.contents) visit(copy.contents, [], env, result);
  return result;
}

function visit(node: Node, path: DocPath, env: Env, result: DocumentInterpolation): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value)) {
        visit(pair.value, [...path, typeof key === "number" ? key : String(key)], env, result);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (isScalar(item) || isMap(item) || isSeq(item)) visit(item, [...path, index], env, result);
    });
  } else if (isScalar(node) && typeof node.value === "string") {
    interpolateScalar(node, path, env, result);
  }
  // Aliases are skipped: they resolve to their anchored node, which is interpolated where it stands.
}

function interpolateScalar(node: Scalar, path: DocPath, env: Env, result: DocumentInterpolation): void {
  const original = node.value as string;
  const done = interpolateString(original, env);
  if (!done.changed) return;
  const offset = node.range?.[0] ?? 0;
  for (const name of done.missing) {
    result.issues.push({ path, offset, message: `environment variable "${name}" is not set` });
  }
  for (const token of done.invalid) {
    result.issues.push({
      path,
      offset,
      message: `invalid reference "${token}": use \${NAME} or \${NAME:-default}, or $\${ for a literal \${`,
    });
  }
  if (done.missing.length > 0 || done.invalid.length > 0) return;
  if (done.usedEnv) result.fromEnv.push(path);
  node.value = node.type === "PLAIN" && !node.tag && /^\$\{[^}]*\}$/.test(original)
    ? typed(done.value)
    : done.value;
}

/** The YAML core schema's reading of a number or boolean; anything else stays a string. */
function typed(value: string): string | number | boolean {
  if (value === "true" || value === "false") return value === "true";
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
  return value;
}
