/**
 * Real SMTP servers for the email channel tests, all on 127.0.0.1 with a free port: npm smtp-server
 * (plain, STARTTLS or implicit TLS, with or without AUTH) that parses what it receives with mailparser,
 * and a raw listener that accepts connections and never says a word.
 */
import { Buffer } from "node:buffer";
import { SMTPServer } from "smtp-server";
import { type ParsedMail, simpleParser } from "mailparser";
import type { AlertMessage } from "../../src/model/alert.ts";

export interface ReceivedMail {
  mail: ParsedMail;
  /** Whether the session was encrypted (implicit TLS or after STARTTLS). */
  secure: boolean;
  /** The authenticated user name, if any. */
  user?: string;
  from: string;
  to: string[];
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Connection errors the server reported (a client refusing our certificate shows up here). */
  errors: Error[];
  /** The AUTH methods clients used. */
  authMethods: string[];
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Implicit TLS from the first byte. Needs cert and key. */
  secure?: boolean;
  cert?: string;
  key?: string;
  /** Require AUTH with these credentials (only over TLS: smtp-server refuses AUTH in the clear). */
  credentials?: { username: string; password: string };
  /** AUTH methods to advertise (default LOGIN and PLAIN). */
  authMethods?: string[];
  /** Do not offer STARTTLS. */
  noStartTls?: boolean;
}

function addressText(address: false | { address: string }): string {
  return address ? address.address : "";
}

/**
 * Starts an SMTP server. Without `cert`/`key` smtp-server still advertises STARTTLS (with its own
 * built-in certificate), which lets a test check that a plain client does not try it.
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const errors: Error[] = [];
  const authMethods: string[] = [];
  const { credentials } = options;
  const server = new SMTPServer({
    secure: options.secure ?? false,
    ...(options.cert && options.key ? { cert: options.cert, key: options.key } : {}),
    logger: false,
    closeTimeout: 500,
    socketTimeout: 5_000,
    authOptional: !credentials,
    disabledCommands: [...(credentials ? [] : ["AUTH"]), ...(options.noStartTls ? ["STARTTLS"] : [])],
    ...(options.authMethods ? { authMethods: options.authMethods } : {}),
    onAuth(auth, _session, callback) {
      authMethods.push(auth.method);
      if (credentials && auth.username === credentials.username && auth.password === credentials.password) {
        return callback(null, { user: auth.username });
      }
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({
            mail,
            secure: session.secure,
            user: typeof session.user === "string" ? session.user : undefined,
            from: addressText(session.envelope.mailFrom),
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        }, (error: Error) => callback(error));
      });
    },
  });
  server.on("error", (error: Error) => errors.push(error));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("smtp-server: no TCP address");
  return {
    port: address.port,
    received,
    errors,
    authMethods,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never writes: an SMTP server that hangs before its greeting. */
export function startSilentServer(): { port: number; accepted: () => number; close(): Promise<void> } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    try {
      for await (const conn of listener) conns.push(conn);
    } catch {
      // The listener was closed.
    }
  })();
  return {
    port: listener.addr.port,
    accepted: () => conns.length,
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Already closed by the peer.
        }
      }
      await accepting;
    },
  };
}

/** A failed run as the dispatcher would describe it; text meant to need escaping included. */
export function failedRunMessage(reportPath?: string): AlertMessage {
  return {
    kind: "failure",
    verdict: "FAIL",
    scenario: "load",
    title: "perf: load FAIL: 2 of 3 thresholds failed",
    summary: 'Run "load" failed 2 of 3 thresholds: <p95> & error rate are over their limits.',
    base_url: "http://localhost:8000",
    run_id: "20250101T120000Z-load",
    started_at: "2025-01-01T12:00:00Z",
    figures: [
      { label: "Requests", value: "12,345" },
      { label: "p95 response time", value: "1250 ms" },
      { label: "Error rate", value: "2.10%" },
    ],
    failed_thresholds: [
      { name: "response_time_p95", value: "1250 ms", limit: "<= 1000 ms" },
      { name: "error_rate", value: "2.10%", limit: "<= 1.00%" },
    ],
    result_path: "/var/perf/results/load/result.json",
    ...(reportPath ? { report_path: reportPath } : {}),
  };
}
