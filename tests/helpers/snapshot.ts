/**
 * Golden-file snapshots: compares rendered text with a stored file, or (re)writes the file when
 * PERF_UPDATE_SNAPSHOTS=1. A mismatch names the first differing line, with a little context, instead
 * of dumping two 200 kB documents. Under CI (the env var CI set, to anything) snapshots are never
 * written: PERF_UPDATE_SNAPSHOTS=1 there is an error, and a mismatch or a missing file fails.
 */
import { AssertionError } from "./assert.ts";

/** True under CI (`CI` set, as CI services and .ci/run do): snapshots are compared, never rewritten. */
const inCi = () => Deno.env.get("CI") !== undefined;
const updating = () => Deno.env.get("PERF_UPDATE_SNAPSHOTS") === "1";

function firstDifference(expected: string, actual: string): string {
  const want = expected.split("\n");
  const got = actual.split("\n");
  const line = want.findIndex((text, i) => text !== got[i]);
  const at = line === -1 ? want.length : line;
  const show = (lines: string[]) => lines.slice(Math.max(0, at - 1), at + 2).map((l) => l.slice(0, 300));
  return `first difference at line ${at + 1}:\n--- stored\n${show(want).join("\n")}\n+++ rendered\n${
    show(got).join("\n")
  }`;
}

/** Asserts `actual` equals the snapshot file at `url`, or writes it when updating. */
export async function assertSnapshot(url: URL, actual: string): Promise<void> {
  if (updating()) {
    if (inCi()) {
      throw new AssertionError(
        `PERF_UPDATE_SNAPSHOTS=1 under CI: ${url.pathname} is not rewritten; update snapshots locally and commit them`,
      );
    }
    await Deno.writeTextFile(url, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new AssertionError(`no snapshot ${url.pathname}: run with PERF_UPDATE_SNAPSHOTS=1 to create it`);
    }
    throw error;
  }
  if (expected !== actual) {
    throw new AssertionError(
      `${url.pathname} differs from the rendered output (PERF_UPDATE_SNAPSHOTS=1 updates it after review); ` +
        firstDifference(expected, actual),
    );
  }
}
