import type { CapturedResponse } from "../model/response.ts";
import type { Template } from "./template.ts";

/**
 * What a step does with a response: extract values into variables (JSON path, regex, header) and check
 * it (status, body contains, JSON path equals, max duration). Pure functions over a captured response.
 */

export type Extractor =
  | { kind: "json"; path: (string | number)[]; source: string }
  | { kind: "regex"; pattern: RegExp; group: number }
  | { kind: "header"; name: string };

export type Check =
  /** `text` may hold placeholders (`{{ item_name }}`); the runner renders it before checking. */
  | { kind: "body_contains"; text: string; template?: Template }
  | { kind: "json_equals"; path: (string | number)[]; source: string; expected: unknown };

/** The value at `path` in parsed JSON, or undefined. */
export function valueAtPath(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** A JSON body parsed once per response, only if a rule needs it. */
export class ParsedBody {
  #parsed: { value: unknown } | undefined;
  constructor(readonly text: string) {}
  get json(): unknown {
    if (!this.#parsed) {
      try {
        this.#parsed = { value: JSON.parse(this.text) };
      } catch {
        this.#parsed = { value: undefined };
      }
    }
    return this.#parsed.value;
  }
}

function stringify(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Extracts one value; undefined when it is not there (the step then fails as `extract:<name>`). */
export function extract(rule: Extractor, response: CapturedResponse, body: ParsedBody): string | undefined {
  switch (rule.kind) {
    case "json":
      return stringify(valueAtPath(body.json, rule.path));
    case "regex": {
      const match = rule.pattern.exec(response.body);
      return match?.[rule.group];
    }
    case "header":
      return response.headers[rule.name];
  }
}

/** True when the check passes. */
export function passes(check: Check, response: CapturedResponse, body: ParsedBody): boolean {
  switch (check.kind) {
    case "body_contains":
      return response.body.includes(check.text);
    case "json_equals":
      return JSON.stringify(valueAtPath(body.json, check.path)) === JSON.stringify(check.expected);
  }
}
