/**
 * Secrets never leave perf: every text that can reach a terminal, a log, result.json or a report passes
 * through the redactor, which masks each secret value (and its URL-encoded form) as `***`.
 */

/** Secrets shorter than this are not masked: masking "a" would mangle every message. */
const MIN_SECRET_LENGTH = 4;

export function makeRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length); // a secret inside a longer one must not leave a tail behind
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of forms) out = out.split(secret).join("***");
    return out;
  };
}
