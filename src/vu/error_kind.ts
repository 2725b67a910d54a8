/**
 * Turns whatever a request threw into a short error kind for counting. Failures are data, never thrown
 * (design §3), so anything unexpected still lands in a kind (`network`) rather than crashing a run.
 */
export type ErrorKind =
  | "refused"
  | "reset"
  | "timeout"
  | "dns"
  | "tls"
  | "interrupted"
  | "blocked"
  | "open_files_limit"
  | "network";

const PATTERNS: [RegExp, ErrorKind][] = [
  // EMFILE: the generator ran out of file descriptors (ulimit -n), not the target's fault.
  [/too many open files|os error 24|EMFILE/i, "open_files_limit"],
  [/connection refused|os error 111|ECONNREFUSED/i, "refused"],
  [/dns error|failed to lookup|name or service not known|name resolution|ENOTFOUND/i, "dns"],
  [/certificate|tls|ssl|handshake|corrupt message|InvalidContentType/i, "tls"],
  [/timed out|timeout/i, "timeout"],
  [/reset|broken pipe|closed before message completed|connection closed|incomplete message|EPIPE/i, "reset"],
  [/blocked/i, "blocked"],
];

/** The full text of an error and its causes, for matching. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  // Deno puts the request URL in its messages; a path such as /api/certificates must not decide the kind.
  return parts.join(" | ").replace(/[a-z][a-z0-9+.-]*:\/\/[^\s)]*/gi, "<url>");
}

/**
 * Classifies a thrown request error. Timeouts and interruptions the worker caused itself are known
 * before this is called (the in-flight tracker records why it aborted), so they never get here.
 */
export function classifyError(error: unknown): ErrorKind {
  if (error instanceof DOMException && error.name === "TimeoutError") return "timeout";
  const text = describe(error);
  for (const [pattern, kind] of PATTERNS) if (pattern.test(text)) return kind;
  return "network";
}

/** The kind for a status outside `expect_status` (or >= 400 by default): `http_503`. */
export function statusErrorKind(status: number): string {
  return `http_${status}`;
}
