/**
 * Built-in value generators for templates (`{{ $uuid }}`, `{{ $int(1, 100) }}`) and for
 * `perf data generate`. Every random choice comes from the `random` function passed in, so a seeded
 * `random` reproduces the same values; only `now` and `timestamp` read the clock.
 *
 * | generator | arguments | example |
 * |---|---|---|
 * | `uuid` | none | `3f0c9a4e-5b1d-4c2e-9a7f-0e6b8d1c2a35` (version 4) |
 * | `int` | `min, max` (integers, inclusive) | `int(1, 100)` → `42` |
 * | `float` | `min, max[, digits]` (default 2 digits) | `float(0, 1, 3)` → `0.372` |
 * | `pick` | one or more values | `pick(free, pro)` → `pro` |
 * | `name` | none | `Ada Lovelace` |
 * | `email` | none | `ada.lovelace417@example.org` (reserved domains only) |
 * | `now` | `[iso \| unix \| ms]` (default iso) | `2025-01-31T12:00:00.000Z`, `1738324800` |
 * | `timestamp` | none | milliseconds since the epoch |
 * | `alnum` | `[n]` (default 8, at most 1024) | `alnum(6)` → `x7Qk2B` |
 * | `bool` | none | `true` |
 *
 * @module
 */
import { didYouMean } from "../config/suggest.ts";

/** A value generator: `args` are the call's arguments as text, `random` a uniform number in [0, 1). */
export type Generator = (args: string[], random: () => number) => string;

/** A generator call that cannot run: unknown name or bad arguments. The message says which and why. */
export class GeneratorError extends Error {
  /** `message` says what failed and with which value. */
  constructor(message: string) {
    super(message);
    this.name = "GeneratorError";
  }
}

// deno-fmt-ignore
const FIRST_NAMES = [
  "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
  "Radia", "Donald", "Hedy", "John", "Katherine", "Tim", "Anita", "Guido", "Sophie", "Niklaus",
];
// deno-fmt-ignore
const LAST_NAMES = [
  "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen",
  "Dijkstra", "Perlman", "Knuth", "Lamarr", "McCarthy", "Johnson", "Berners-Lee", "Borg", "Rossum",
  "Wilson", "Wirth",
];
/** Domains reserved for documentation (RFC 2606): mail to them never reaches anyone. */
const EMAIL_DOMAINS = ["example.com", "example.org", "example.net"];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const MAX_ALNUM = 1024;

/** A uniform integer in [min, max]. */
function randomInt(min: number, max: number, random: () => number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function choose<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function expectArgs(args: string[], min: number, max: number, usage: string): void {
  if (args.length >= min && args.length <= max) return;
  const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const noun = min === max && min === 1 ? "argument" : "arguments";
  throw new GeneratorError(`expects ${wanted} ${noun} (${usage}), got ${args.length}`);
}

function noArgs(args: string[]): void {
  if (args.length > 0) throw new GeneratorError(`takes no arguments, got ${args.length}`);
}

function numberArg(text: string, what: string, integer: boolean): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (integer ? !Number.isSafeInteger(value) : !Number.isFinite(value)) {
    throw new GeneratorError(
      `${what} must be ${integer ? "an integer" : "a number"}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

function range(args: string[], integer: boolean): [number, number] {
  const min = numberArg(args[0]!, "min", integer);
  const max = numberArg(args[1]!, "max", integer);
  if (min > max) throw new GeneratorError(`min ${min} is greater than max ${max}`);
  return [min, max];
}

function uuid(args: string[], random: () => number): string {
  noArgs(args);
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx (RFC 4122)
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function int(args: string[], random: () => number): string {
  expectArgs(args, 2, 2, "min, max");
  const [min, max] = range(args, true);
  return String(randomInt(min, max, random));
}

function float(args: string[], random: () => number): string {
  expectArgs(args, 2, 3, "min, max[, digits]");
  const [min, max] = range(args, false);
  const digits = args[2] === undefined ? 2 : numberArg(args[2], "digits", true);
  if (digits < 0 || digits > 15) throw new GeneratorError(`digits must be from 0 to 15, got ${digits}`);
  return (min + random() * (max - min)).toFixed(digits);
}

function pick(args: string[], random: () => number): string {
  expectArgs(args, 1, Infinity, "value, ...");
  return choose(args, random);
}

function name(args: string[], random: () => number): string {
  noArgs(args);
  return `${choose(FIRST_NAMES, random)} ${choose(LAST_NAMES, random)}`;
}

function email(args: string[], random: () => number): string {
  noArgs(args);
  const first = choose(FIRST_NAMES, random).toLowerCase();
  const last = choose(LAST_NAMES, random).toLowerCase();
  return `${first}.${last}${randomInt(1, 9999, random)}@${choose(EMAIL_DOMAINS, random)}`;
}

function now(args: string[]): string {
  expectArgs(args, 0, 1, "iso | unix | ms");
  const format = args[0] ?? "iso";
  const ms = Date.now();
  if (format === "iso") return new Date(ms).toISOString();
  if (format === "unix") return String(Math.floor(ms / 1000));
  if (format === "ms") return String(ms);
  throw new GeneratorError(`format must be iso, unix or ms, got ${JSON.stringify(format)}`);
}

function timestamp(args: string[]): string {
  noArgs(args);
  return String(Date.now());
}

function alnum(args: string[], random: () => number): string {
  expectArgs(args, 0, 1, "length");
  const length = args[0] === undefined ? 8 : numberArg(args[0], "length", true);
  if (length < 1 || length > MAX_ALNUM) {
    throw new GeneratorError(`length must be from 1 to ${MAX_ALNUM}, got ${length}`);
  }
  let out = "";
  for (let i = 0; i < length; i++) out += ALNUM[Math.floor(random() * ALNUM.length)];
  return out;
}

function bool(args: string[], random: () => number): string {
  noArgs(args);
  return random() < 0.5 ? "true" : "false";
}

/** The built-in generators by name (without the `$` templates write before them). */
export const GENERATORS: Readonly<Record<string, Generator>> = Object.freeze({
  uuid,
  int,
  float,
  pick,
  name,
  email,
  now,
  timestamp,
  alnum,
  bool,
});

/** How a call is shown in messages: `$int(5, 1)`. */
export function formatCall(name: string, args: readonly string[]): string {
  return args.length === 0 ? `$${name}` : `$${name}(${args.join(", ")})`;
}

/**
 * Runs the built-in generator `name` (with or without a leading `$`) on `args` (each trimmed first).
 *
 * @throws {GeneratorError} for an unknown name, with a "did you mean" hint
 *   (`unknown generator "$uuidd" (did you mean "$uuid"?)`), or for bad arguments, naming the call
 *   (`$int(5, 1): min 5 is greater than max 1`).
 *
 * @example
 * ```ts
 * callGenerator("int", ["1", "6"], seededRandom(42)); // the same digit on every run
 * ```
 */
export function callGenerator(name: string, args: string[], random: () => number): string {
  const bare = name.startsWith("$") ? name.slice(1) : name;
  const generator = Object.hasOwn(GENERATORS, bare) ? GENERATORS[bare] : undefined;
  const trimmed = args.map((arg) => arg.trim());
  if (generator === undefined) {
    const known = Object.keys(GENERATORS).map((key) => `$${key}`);
    throw new GeneratorError(
      `unknown generator "$${bare}"${didYouMean(`$${bare}`, known)}; available: ${known.join(", ")}`,
    );
  }
  try {
    return generator(trimmed, random);
  } catch (err) {
    if (!(err instanceof GeneratorError)) throw err;
    throw new GeneratorError(`${formatCall(bare, trimmed)}: ${err.message}`);
  }
}

/** A generator call as written: the name (without `$`) and its arguments, trimmed. */
export interface GeneratorCall {
  /** The generator's name, without `$`. */
  name: string;
  /** The arguments, trimmed; empty for `uuid` and `uuid()`. */
  args: string[];
}

const CALL = /^\$?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$/s;

/**
 * Parses a call as written in a template or a field spec: `uuid`, `$uuid`, `int(1, 100)`. Arguments
 * are separated by commas and trimmed; they cannot contain commas or parentheses themselves. `int()`
 * has no arguments. Only the syntax is checked: {@link callGenerator} checks the name and arguments.
 *
 * @throws {GeneratorError} when `text` is not a name optionally followed by `(arguments)`.
 *
 * @example
 * ```ts
 * parseGeneratorCall("$int(1, 100)"); // { name: "int", args: ["1", "100"] }
 * ```
 */
export function parseGeneratorCall(text: string): GeneratorCall {
  const match = CALL.exec(text.trim());
  if (!match || /[()]/.test(match[2] ?? "")) {
    throw new GeneratorError(
      `invalid generator call ${
        JSON.stringify(text)
      }: write a name, optionally with arguments, e.g. int(1, 100)`,
    );
  }
  const inner = match[2]?.trim() ?? "";
  return { name: match[1]!, args: inner === "" ? [] : inner.split(",").map((arg) => arg.trim()) };
}
