/**
 * The email channel against real SMTP servers on 127.0.0.1 (npm smtp-server): plain SMTP, STARTTLS and
 * implicit TLS with a private CA, AUTH PLAIN and LOGIN, a wrong password, an untrusted certificate and
 * a server that never answers. Every send carries a timeout signal, so no test can hang.
 */
import { rootCertificates } from "node:tls";
import { assert, assertEquals, assertLess, assertMatch, assertRejects } from "../helpers/assert.ts";
import { makeCertificates, opensslMissing } from "../helpers/tls.ts";
import { assertToolAvailable } from "../helpers/tools.ts";
import { emailBody } from "../../src/alert/email_body.ts";
import { emailChannel, type EmailSettings, smtpTransportOptions } from "../../src/alert/email.ts";
import { failedRunMessage, startSilentServer, startSmtpServer } from "./smtp_helpers.ts";

const NO_OPENSSL = await opensslMissing();
const CREDENTIALS = { username: "perf@example.com", password: "s3cret-Pa55word" };

function settings(port: number, extra: Partial<EmailSettings> = {}): EmailSettings {
  return {
    smtp_server: "127.0.0.1",
    smtp_port: port,
    use_tls: false,
    from_addr: "perf-tests@example.com",
    to_addrs: ["team@example.com", "oncall@example.com"],
    ...extra,
  };
}

async function certificates(altNames?: string) {
  const dir = await Deno.makeTempDir({ prefix: "perf-email-tls-" });
  return await makeCertificates(dir, altNames);
}

const REPORT_HTML = "<!DOCTYPE html><html><body><h1>perf report</h1></body></html>\n";

Deno.test("emailBody: aligned plain text, escaped inline-styled HTML, thresholds in red", () => {
  const body = emailBody(failedRunMessage("/var/perf/results/load/report.html"), ["a note"]);
  assertEquals(body.subject, "perf: load FAIL: 2 of 3 thresholds failed");
  for (
    const line of [
      "Verdict: FAIL",
      "  Scenario:  load",
      "  Base URL:  http://localhost:8000",
      "  Run id:    20250101T120000Z-load",
      "  Requests:           12,345",
      "  p95 response time:  1250 ms",
      "  response_time_p95:  1250 ms (limit <= 1000 ms)",
      "  Result:  /var/perf/results/load/result.json",
      "  Report:  /var/perf/results/load/report.html",
      "Note: a note",
    ]
  ) assert(body.text.split("\n").includes(line), `text body has ${JSON.stringify(line)}:\n${body.text}`);
  assert(body.text.includes('"load" failed 2 of 3 thresholds: <p95> & error'), "text is not escaped");
  assert(body.html.includes("&#60;p95&#62; &#38; error rate"), "summary escaped in HTML");
  assert(!body.html.includes("<p95>"), "no raw markup from the message");
  assertMatch(body.html, /color:#cf222e;font-weight:600">response_time_p95</);
  assert(!/<(script|link|img|style)\b|\bsrc=|url\(/i.test(body.html), "no scripts or external resources");
  const injected = emailBody({ ...failedRunMessage(), title: "a\r\nBcc: x@example.com" });
  assertEquals(injected.subject, "a Bcc: x@example.com");
});

Deno.test("smtpTransportOptions: use_tls and port choose implicit TLS, STARTTLS or plain", () => {
  const base = settings(587, { use_tls: true });
  const starttls = smtpTransportOptions(base);
  assertEquals([starttls.secure, starttls.requireTLS, starttls.ignoreTLS, starttls.auth], [
    false,
    true,
    undefined,
    undefined,
  ]);
  assertEquals(smtpTransportOptions({ ...base, smtp_port: 465 }).secure, true);
  const plain = smtpTransportOptions({ ...base, use_tls: false, smtp_port: 465 });
  assertEquals([plain.secure, plain.requireTLS, plain.ignoreTLS], [false, undefined, true]);
  const named = smtpTransportOptions({
    ...base,
    smtp_server: "smtp.example.com",
    username: "u",
    password: "p",
  }, {
    caCerts: ["PEM"],
  });
  assertEquals(named.auth, { user: "u", pass: "p" });
  assertEquals(named.tls?.servername, "smtp.example.com");
  assertEquals(named.tls?.ca, [...rootCertificates, "PEM"], "the CA is added to the default roots");
  assertEquals(named.tls?.rejectUnauthorized, undefined, "verification is never turned off");
});

Deno.test("emailChannel: missing settings are refused at once", () => {
  let error: unknown;
  try {
    emailChannel(settings(25, { from_addr: "", to_addrs: [] }));
  } catch (e) {
    error = e;
  }
  assertEquals((error as Error).message, "alerting.email: missing from_addr, to_addrs");
});

Deno.test("plain SMTP without AUTH: subject, addresses, both bodies and the report attachment", async () => {
  const server = await startSmtpServer();
  const dir = await Deno.makeTempDir({ prefix: "perf-email-" });
  try {
    await Deno.writeTextFile(`${dir}/report.html`, REPORT_HTML);
    const channel = emailChannel(settings(server.port), { attachReport: true });
    await channel.send(failedRunMessage(`${dir}/report.html`), AbortSignal.timeout(5_000));
    assertEquals(server.received.length, 1);
    const got = server.received[0]!;
    assertEquals(got.secure, false, "STARTTLS is offered but use_tls: false must not try it");
    assertEquals([got.from, got.to], ["perf-tests@example.com", ["team@example.com", "oncall@example.com"]]);
    assertEquals(got.mail.subject, "perf: load FAIL: 2 of 3 thresholds failed");
    assertEquals(got.mail.from?.text, "perf-tests@example.com");
    assert(got.mail.text?.includes("  response_time_p95:  1250 ms (limit <= 1000 ms)"), got.mail.text);
    assert(got.mail.html && got.mail.html.includes("&#60;p95&#62;"), "HTML body");
    assertEquals(got.mail.attachments.map((a) => [a.filename, a.contentType]), [[
      "report.html",
      "text/html",
    ]]);
    assertEquals(new TextDecoder().decode(got.mail.attachments[0]!.content), REPORT_HTML);
  } finally {
    await server.close();
  }
});

Deno.test("the report is skipped with a note when it is missing or too large", async () => {
  const server = await startSmtpServer();
  const dir = await Deno.makeTempDir({ prefix: "perf-email-" });
  try {
    await Deno.writeTextFile(`${dir}/report.html`, REPORT_HTML);
    const big = emailChannel(settings(server.port), { attachReport: true, maxAttachmentBytes: 10 });
    await big.send(failedRunMessage(`${dir}/report.html`), AbortSignal.timeout(5_000));
    const missing = emailChannel(settings(server.port, { attach_report: true }));
    await missing.send(failedRunMessage(`${dir}/gone.html`), AbortSignal.timeout(5_000));
    const [tooLarge, unreadable] = server.received;
    assertEquals([tooLarge?.mail.attachments.length, unreadable?.mail.attachments.length], [0, 0]);
    const tooLargeNote =
      `Note: the HTML report was not attached: it is ${REPORT_HTML.length} bytes (limit 10 bytes); ` +
      `open it at ${dir}/report.html`;
    assert(tooLarge!.mail.text!.includes(tooLargeNote), tooLarge!.mail.text);
    assertMatch(unreadable!.mail.text!, /Note: the HTML report was not attached: it could not be read/);
  } finally {
    await server.close();
  }
});

Deno.test({
  name: "STARTTLS + AUTH PLAIN and LOGIN with a private CA; the same server is refused without the CA",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const { ca, cert, key } = await certificates();
  for (const method of ["PLAIN", "LOGIN"]) {
    const server = await startSmtpServer({ cert, key, credentials: CREDENTIALS, authMethods: [method] });
    try {
      const config = settings(server.port, { use_tls: true, ...CREDENTIALS });
      await emailChannel(config, { caCerts: [ca] }).send(failedRunMessage(), AbortSignal.timeout(5_000));
      assertEquals(server.received.map((r) => [r.secure, r.user]), [[true, CREDENTIALS.username]]);
      assertEquals(server.authMethods, [method]);

      const untrusted = emailChannel(config);
      const error = await assertRejects(() => untrusted.send(failedRunMessage(), AbortSignal.timeout(5_000)));
      assertMatch(error.message, /^SMTP 127\.0\.0\.1:\d+: TLS certificate not trusted: /);
      assert(!error.message.includes(CREDENTIALS.password), error.message);
      assertEquals(server.received.length, 1, "nothing sent over an unverified connection");
    } finally {
      await server.close();
    }
  }
});

Deno.test({
  name: "a certificate for another name is refused even when its CA is trusted",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const { ca, cert, key } = await certificates("DNS:localhost");
  const server = await startSmtpServer({ cert, key });
  try {
    const channel = emailChannel(settings(server.port, { use_tls: true }), { caCerts: [ca] });
    const error = await assertRejects(() => channel.send(failedRunMessage(), AbortSignal.timeout(5_000)));
    assertMatch(
      error.message,
      /^SMTP 127\.0\.0\.1:\d+: TLS certificate is not valid for 127\.0\.0\.1: .*altnames/,
    );
    assertEquals(server.received.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test({
  name: "implicit TLS (SMTPS) with AUTH and a private CA",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const { ca, cert, key } = await certificates();
  const server = await startSmtpServer({ secure: true, cert, key, credentials: CREDENTIALS });
  try {
    const config = settings(server.port, { use_tls: true, ...CREDENTIALS });
    // The server is not on 465, so implicit TLS is asked for explicitly.
    const channel = emailChannel(config, { caCerts: [ca], implicitTls: true });
    await channel.send(failedRunMessage(), AbortSignal.timeout(5_000));
    assertEquals(server.received.map((r) => [r.secure, r.user]), [[true, CREDENTIALS.username]]);
  } finally {
    await server.close();
  }
});

Deno.test({
  name: "a wrong password: an error naming the server and the reply, without the password",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const { ca, cert, key } = await certificates();
  const server = await startSmtpServer({ cert, key, credentials: CREDENTIALS });
  try {
    const wrong = "Wr0ng-pa55word";
    const config = settings(server.port, { use_tls: true, username: CREDENTIALS.username, password: wrong });
    const channel = emailChannel(config, { caCerts: [ca] });
    const error = await assertRejects(() => channel.send(failedRunMessage(), AbortSignal.timeout(5_000)));
    assertEquals(
      error.message,
      `SMTP 127.0.0.1:${server.port}: authentication failed (535 Invalid username or password)`,
    );
    assert(!error.message.includes(wrong) && !error.message.includes(btoa(wrong)), error.message);
    assertEquals(server.received.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("use_tls on a server without STARTTLS fails instead of sending in the clear", async () => {
  const server = await startSmtpServer({ noStartTls: true });
  try {
    const channel = emailChannel(settings(server.port, { use_tls: true, ...CREDENTIALS }));
    const error = await assertRejects(() => channel.send(failedRunMessage(), AbortSignal.timeout(5_000)));
    assertMatch(error.message, /^SMTP 127\.0\.0\.1:\d+: STARTTLS failed: /);
    assert(!error.message.includes(CREDENTIALS.password), error.message);
    assertEquals(server.received.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("a server that accepts but never answers: the send rejects when the signal aborts", async () => {
  const server = startSilentServer();
  try {
    // nodemailer's own timeouts are longer than the signal, so the signal is what ends the wait.
    const channel = emailChannel(settings(server.port), { timeoutMs: 30_000 });
    const started = performance.now();
    const error = await assertRejects(() => channel.send(failedRunMessage(), AbortSignal.timeout(1_000)));
    const elapsed = performance.now() - started;
    assertMatch(error.message, /^SMTP 127\.0\.0\.1:\d+: gave up: /);
    assertLess(elapsed, 3_000, `rejected after ${elapsed} ms`);
    assertEquals(server.accepted(), 1);
  } finally {
    await server.close();
  }
});

Deno.test("the greeting timeout ends a silent connection without any signal", async () => {
  const server = startSilentServer();
  try {
    const channel = emailChannel(settings(server.port), { timeoutMs: 300 });
    const error = await assertRejects(() => channel.send(failedRunMessage(), new AbortController().signal));
    assertMatch(error.message, /^SMTP 127\.0\.0\.1:\d+: timed out: /);
  } finally {
    await server.close();
  }
});
