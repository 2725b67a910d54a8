import { classifyError, type ErrorKind, statusErrorKind } from "../../src/vu/error_kind.ts";
import { assertEquals } from "../helpers/assert.ts";

/** A fetch failure shaped like Deno 2's: `TypeError("fetch failed")` with the hyper/rustls text as cause. */
function fetchFailed(cause: string): TypeError {
  return new TypeError("fetch failed", { cause: new Error(cause) });
}

const REFUSED = fetchFailed(
  "error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: " +
    "Connection refused (os error 111)",
);
const DNS = fetchFailed(
  "error sending request for url (http://nope.invalid/): client error (Connect): dns error: " +
    "failed to lookup address information: Name or service not known",
);
const CLOSED = fetchFailed(
  "error sending request from 127.0.0.1:41464 for http://127.0.0.1:35013/x (127.0.0.1:35013): " +
    "client error (SendRequest): connection closed before message completed",
);
const RESET = fetchFailed(
  "error sending request for url (http://127.0.0.1:8080/x): client error (SendRequest): " +
    "Connection reset by peer (os error 104)",
);
const TLS = fetchFailed(
  "error sending request for url (https://self-signed.test/): client error (Connect): " +
    "invalid peer certificate: UnknownIssuer",
);
const TIMEOUT = new DOMException("The operation was aborted due to timeout", "TimeoutError");

Deno.test("classifyError: realistic Deno fetch errors", () => {
  const cases: [name: string, error: unknown, expected: ErrorKind][] = [
    ["connection refused", REFUSED, "refused"],
    ["dns lookup failure", DNS, "dns"],
    ["closed before message completed", CLOSED, "reset"],
    ["reset by peer", RESET, "reset"],
    ["AbortSignal.timeout reason", TIMEOUT, "timeout"],
    ["untrusted certificate", TLS, "tls"],
    [
      "connect timed out",
      fetchFailed("client error (Connect): tcp connect error: Connection timed out (os error 110)"),
      "timeout",
    ],
    ["broken pipe", fetchFailed("client error (SendRequest): Broken pipe (os error 32)"), "reset"],
    ["incomplete message", fetchFailed("error reading a body from connection: incomplete message"), "reset"],
    [
      "blocked port (Deno's own refusal)",
      new TypeError("Fetch failed: Requests to port 9 are blocked"),
      "blocked",
    ],
    ["node-style code", new Error("connect ECONNREFUSED 127.0.0.1:9"), "refused"],
    ["node-style dns", new Error("getaddrinfo ENOTFOUND api.test"), "dns"],
  ];
  for (const [name, error, expected] of cases) assertEquals(classifyError(error), expected, name);
});

Deno.test("classifyError: anything unrecognised is a network error, never a throw", () => {
  const cases: unknown[] = [
    new Error("something odd happened"),
    new DOMException("The signal has been aborted", "AbortError"),
    "a string",
    42,
    undefined,
    null,
    { message: "connection refused" }, // not an Error: only its String() is read
  ];
  for (const error of cases) assertEquals(classifyError(error), "network", String(error));
});

Deno.test("classifyError: follows the cause chain a few levels deep", () => {
  const deep = new Error("outer", {
    cause: new Error("middle", { cause: new Error("Connection reset by peer (os error 104)") }),
  });
  assertEquals(classifyError(deep), "reset");
  assertEquals(classifyError(new Error("outer", { cause: "dns error: no record" })), "dns");
  // A cycle of causes must not hang.
  const a = new Error("a");
  const b = new Error("b", { cause: a });
  (a as { cause?: unknown }).cause = b;
  assertEquals(classifyError(a), "network");
});

// Regression (fixed): the patterns are matched against the whole message, and Deno puts the request URL in it, so
// words in the URL decide the kind. Input: a connection closed by the server on
// http://127.0.0.1:8080/api/certificates. Expected "reset"; actual "tls" (the path matches
// /certificate/). Likewise ".../session-timeout" gives "timeout" instead of "reset", and an unknown
// error on ".../password-reset" gives "reset" instead of "network".
Deno.test({
  name: "classifyError: words in the request URL do not decide the kind",
  fn() {
    const closedOn = (url: string) =>
      fetchFailed(
        `error sending request from 127.0.0.1:41464 for ${url} (127.0.0.1:8080): client error (SendRequest): ` +
          "connection closed before message completed",
      );
    assertEquals(classifyError(closedOn("http://127.0.0.1:8080/api/certificates")), "reset");
    assertEquals(classifyError(closedOn("http://127.0.0.1:8080/session-timeout")), "reset");
    assertEquals(
      classifyError(fetchFailed("error sending request for url (http://127.0.0.1:8080/password-reset): odd")),
      "network",
    );
  },
});

// Regression (fixed): a TLS handshake with a plain-HTTP server (https:// against an http port, a common misconfiguration)
// fails in Deno 2.9 with "received corrupt message of type InvalidContentType" (rustls), which matches
// no TLS pattern. Input: fetchFailed("error sending request for url (https://127.0.0.1:38721/): client
// error (Connect): received corrupt message of type InvalidContentType"). Expected "tls"; actual "network".
Deno.test({
  name: "classifyError: https:// against a plain-HTTP port is a tls error",
  fn() {
    const error = fetchFailed(
      "error sending request for url (https://127.0.0.1:38721/): client error (Connect): " +
        "received corrupt message of type InvalidContentType",
    );
    assertEquals(classifyError(error), "tls");
  },
});

Deno.test("statusErrorKind: http_ plus the status", () => {
  const cases: [number, string][] = [[503, "http_503"], [404, "http_404"], [200, "http_200"], [
    302,
    "http_302",
  ]];
  for (const [status, kind] of cases) assertEquals(statusErrorKind(status), kind);
});

Deno.test("classifyError: running out of file descriptors is the generator's open_files_limit", () => {
  assertEquals(classifyError(new Error("Too many open files (os error 24)")), "open_files_limit");
});
