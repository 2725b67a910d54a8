/**
 * The error of the test-data layer: a problem in a CSV or JSON data file, located by line.
 *
 * @module
 */

/**
 * A problem in a test-data file. `line` is 1-based; 0 means the problem concerns the file as a whole
 * (missing, unreadable, empty) and has no position.
 *
 * The message reads `file:line: reason` (e.g. `users.csv:7: expected 3 fields (id, name, email), got 4`),
 * or just the reason when `line` is 0, since such reasons name the file themselves
 * (`Cannot read test data "users": file "data/users.csv" not found`). The reason alone is kept in
 * `reason`, for callers that print the location differently.
 *
 * @example
 * ```ts
 * const err = new DataError("users.csv", 3, "unterminated quoted field");
 * err.message === "users.csv:3: unterminated quoted field";
 * ```
 */
export class DataError extends Error {
  /** The problem without its location. */
  readonly reason: string;

  /** `file` and `line` locate the problem (line 0: the whole file); `message` is the reason. */
  constructor(readonly file: string, readonly line: number, message: string) {
    super(line > 0 ? `${file}:${line}: ${message}` : message);
    this.name = "DataError";
    this.reason = message;
  }
}
