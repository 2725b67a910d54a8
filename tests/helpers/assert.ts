/**
 * Tiny stand-ins for `@std/assert` (JSR is unreachable from the build machines). Same names and
 * argument order as @std/assert, so tests can switch back by changing one import.
 */

/** Thrown by every assertion here, so a failure reads as an assertion and not as a crash. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function show(value: unknown): string {
  return Deno.inspect(value, { depth: 10, sorted: true, compact: true, strAbbreviateSize: 2000 });
}

function suffix(msg?: string): string {
  return msg ? `: ${msg}` : "";
}

/** Asserts that `expr` is truthy. */
export function assert(expr: unknown, msg = "Expected a truthy value"): asserts expr {
  if (!expr) throw new AssertionError(msg);
}

function sameKeys(a: object, b: object): boolean {
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k));
}

function equalCollections(a: unknown, b: unknown, seen: WeakMap<object, object>): boolean | undefined {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (a instanceof Set && b instanceof Set) {
    return a.size === b.size && [...a].every((x) => [...b].some((y) => deepEqual(x, y, seen)));
  }
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k), seen));
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return undefined;
}

/** Structural equality: NaN equals NaN, keys whose value is undefined are ignored (as in @std/assert). */
function deepEqual(a: unknown, b: unknown, seen = new WeakMap<object, object>()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  // Cycles: a pair already under comparison is assumed equal until proven otherwise.
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  const collections = equalCollections(a, b, seen);
  if (collections !== undefined) return collections;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i], seen));
  }
  if (!sameKeys(a, b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return Object.keys(ra).every((k) => deepEqual(ra[k], rb[k], seen));
}

/** Asserts that `actual` and `expected` are deeply (structurally) equal. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  if (deepEqual(actual, expected)) return;
  throw new AssertionError(
    `Values are not equal${suffix(msg)}\n    actual: ${show(actual)}\n  expected: ${show(expected)}`,
  );
}

/** Asserts that `actual` and `expected` are not deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  if (!deepEqual(actual, expected)) return;
  throw new AssertionError(`Expected actual to differ from ${show(expected)}${suffix(msg)}`);
}

/** Asserts that `actual` matches the regular expression `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  if (expected.test(actual)) return;
  throw new AssertionError(`Expected ${show(actual)} to match ${expected}${suffix(msg)}`);
}

/** Asserts that `actual` is within `tolerance` of `expected` (default: 1e-7 of expected's magnitude). */
export function assertAlmostEquals(actual: number, expected: number, tolerance?: number, msg?: string): void {
  if (Object.is(actual, expected)) return;
  const tol = tolerance ?? Math.abs(expected) * 1e-7;
  const delta = Math.abs(expected - actual);
  if (delta <= tol) return;
  throw new AssertionError(
    `Expected ${actual} to be close to ${expected}: delta ${delta} > tolerance ${tol}${suffix(msg)}`,
  );
}

/** Asserts that `actual > expected`. */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  if (actual > expected) return;
  throw new AssertionError(`Expected ${show(actual)} > ${show(expected)}${suffix(msg)}`);
}

/** Asserts that `actual >= expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (actual >= expected) return;
  throw new AssertionError(`Expected ${show(actual)} >= ${show(expected)}${suffix(msg)}`);
}

/** Asserts that `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  if (actual < expected) return;
  throw new AssertionError(`Expected ${show(actual)} < ${show(expected)}${suffix(msg)}`);
}

/** Asserts that `actual <= expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (actual <= expected) return;
  throw new AssertionError(`Expected ${show(actual)} <= ${show(expected)}${suffix(msg)}`);
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

function checkError<E extends Error>(
  err: unknown,
  errorClass?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E {
  if (errorClass && !(err instanceof errorClass)) {
    throw new AssertionError(
      `Expected error to be instance of "${errorClass.name}", but was ${show(err)}${suffix(msg)}`,
    );
  }
  const text = err instanceof Error ? err.message : String(err);
  if (msgIncludes !== undefined && !text.includes(msgIncludes)) {
    throw new AssertionError(
      `Expected error message to include ${show(msgIncludes)}, but got ${show(text)}${suffix(msg)}`,
    );
  }
  return err as E;
}

/** Asserts that `fn` throws; optionally of `errorClass` with a message including `msgIncludes`. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  errorClass?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E {
  try {
    fn();
  } catch (err) {
    return checkError(err, errorClass, msgIncludes, msg);
  }
  throw new AssertionError(`Expected function to throw${suffix(msg)}`);
}

/** Asserts that the promise from `fn` rejects; optionally of `errorClass` with `msgIncludes`. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  errorClass?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): Promise<E> {
  try {
    await fn();
  } catch (err) {
    return checkError(err, errorClass, msgIncludes, msg);
  }
  throw new AssertionError(`Expected function to reject${suffix(msg)}`);
}
