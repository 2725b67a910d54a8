/**
 * External tools some tests drive (nginx, openssl, chromium). `.ci/run` installs them and fails when it
 * cannot, so a test never switches itself off when one is missing: it fails, saying what to install.
 */
import { AssertionError } from "./assert.ts";

/** Throws when `missing` (a probe's reason, e.g. from opensslMissing) says `tool` is not usable here. */
export function assertToolAvailable(tool: string, missing: string | undefined): void {
  if (missing === undefined) return;
  throw new AssertionError(
    `${tool} is needed by this test and is not available: ${missing}. ` +
      "Install it (.ci/run does, with apt-get); tests do not skip themselves when a tool is missing.",
  );
}
