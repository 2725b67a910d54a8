/**
 * `{{ var }}` templates in paths, headers and bodies: `{{ item_id }}` (a variable extracted earlier),
 * `{{ users.email }}` (a field of the current test-data row), `{{ $uuid }}` / `{{ $int(1, 100) }}` (a
 * built-in generator). Compiled once; a template without placeholders renders to its text for free.
 */

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string }
  | { kind: "call"; name: string; args: string[] };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** True when there is nothing to fill in. */
  readonly isStatic: boolean;
}

/** What a render can read: variables (incl. `source.field` data) and generator calls. */
export interface RenderScope {
  lookup(name: string): string | undefined;
  call(name: string, args: string[]): string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const CALL = /^\$([A-Za-z_]\w*)(?:\((.*)\))?$/s;
const VARIABLE = /^[A-Za-z_][\w-]*(\.[\w-]+)*$/;

export class TemplateError extends Error {}

/** Splits `a, b, "c, d"` into arguments; quotes keep commas. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quote = "";
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = "";
      else current += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ",") {
      args.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "" || args.length > 0) args.push(current.trim());
  return args;
}

function parsePlaceholder(inner: string, source: string): TemplatePart {
  const call = CALL.exec(inner);
  if (call) return { kind: "call", name: call[1]!, args: call[2] === undefined ? [] : splitArgs(call[2]) };
  if (VARIABLE.test(inner)) return { kind: "var", name: inner };
  throw new TemplateError(`invalid placeholder {{ ${inner} }} in ${JSON.stringify(source)}`);
}

/** Generator names a template may call; checked when it is compiled, so a typo fails before the run. */
let knownCalls: ReadonlySet<string> | undefined;

/** Sets the generator names templates may call (the data layer registers its generators). */
export function setKnownCalls(names: Iterable<string>): void {
  knownCalls = new Set(names);
}

function checkCall(part: TemplatePart, source: string): void {
  if (part.kind !== "call" || !knownCalls || knownCalls.has(part.name)) return;
  throw new TemplateError(
    `unknown generator $${part.name} in ${JSON.stringify(source)}; available: ${
      [...knownCalls].map((n) => `$${n}`).join(", ")
    }`,
  );
}

export function compileTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: "text", text: source.slice(last, match.index) });
    const part = parsePlaceholder(match[1]!, source);
    checkCall(part, source);
    parts.push(part);
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: "text", text: source.slice(last) });
  return { source, parts, isStatic: parts.every((p) => p.kind === "text") };
}

/** Names of the variables a template reads (for validation and for knowing what a step needs). */
export function templateVariables(template: Template): string[] {
  return template.parts.flatMap((p) => (p.kind === "var" ? [p.name] : []));
}

/** Renders; an unknown variable is an error naming it (the check counts it as a failed request). */
export function renderTemplate(template: Template, scope: RenderScope): string {
  if (template.isStatic) return template.source;
  let out = "";
  for (const part of template.parts) {
    if (part.kind === "text") out += part.text;
    else if (part.kind === "var") {
      const value = scope.lookup(part.name);
      if (value === undefined) throw new TemplateError(`variable "${part.name}" is not set`);
      out += value;
    } else out += scope.call(part.name, part.args);
  }
  return out;
}

/** A JSON body whose string leaves are templates; rendered leaf by leaf so values are escaped right. */
export type JsonTemplate =
  | { kind: "value"; value: unknown }
  | { kind: "string"; template: Template }
  | { kind: "array"; items: JsonTemplate[] }
  | { kind: "object"; entries: [Template, JsonTemplate][] };

export function compileJsonTemplate(value: unknown): JsonTemplate {
  if (typeof value === "string") return { kind: "string", template: compileTemplate(value) };
  if (Array.isArray(value)) return { kind: "array", items: value.map(compileJsonTemplate) };
  if (value !== null && typeof value === "object") {
    return {
      kind: "object",
      entries: Object.entries(value).map(([k, v]) => [compileTemplate(k), compileJsonTemplate(v)]),
    };
  }
  return { kind: "value", value };
}

export function jsonTemplateIsStatic(t: JsonTemplate): boolean {
  switch (t.kind) {
    case "value":
      return true;
    case "string":
      return t.template.isStatic;
    case "array":
      return t.items.every(jsonTemplateIsStatic);
    case "object":
      return t.entries.every(([k, v]) => k.isStatic && jsonTemplateIsStatic(v));
  }
}

export function renderJsonTemplate(t: JsonTemplate, scope: RenderScope): unknown {
  switch (t.kind) {
    case "value":
      return t.value;
    case "string":
      return renderTemplate(t.template, scope);
    case "array":
      return t.items.map((item) => renderJsonTemplate(item, scope));
    case "object":
      return Object.fromEntries(
        t.entries.map(([k, v]) => [renderTemplate(k, scope), renderJsonTemplate(v, scope)]),
      );
  }
}
