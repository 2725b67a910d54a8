/** https targets end to end from the CLI: a private CA (tls.ca_file) and tls.insecure. */
import { assertEquals } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";
import { makeCertificates, opensslMissing } from "../helpers/tls.ts";
import { assertToolAvailable } from "../helpers/tools.ts";

const NO_OPENSSL = await opensslMissing();

Deno.test({
  name: "https with a private CA; tls.insecure accepts a certificate issued for another name",
}, async () => {
  assertToolAvailable("openssl", NO_OPENSSL);
  const dir = await Deno.makeTempDir({ prefix: "perf-tls-cli-" });
  // The certificate names only "localhost": a request to 127.0.0.1 fails the host-name check.
  const { cert, key } = await makeCertificates(dir, "DNS:localhost");
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert, key, onListen() {} },
    () => new Response("ok"),
  );
  try {
    const run = async (tls: string) => {
      const config = await writeConfig(`base_url: "https://127.0.0.1:${server.addr.port}"
scenarios:
  secure:
    users: 1
    run_time: 1s
    wait_time: 0.1
    tls: ${tls}
`);
      const out = await Deno.makeTempDir();
      const cli = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
      assertEquals(cli.code, 0, cli.stderr);
      return (await readOnlyResult(out)).result.summary;
    };
    const strict = await run(`{ ca_file: "${dir}/ca.pem" }`);
    assertEquals(strict.errors, { tls: strict.requests });
    const lenient = await run(`{ ca_file: "${dir}/ca.pem", insecure: true }`);
    assertEquals([lenient.failures, lenient.status_codes["200"]], [0, lenient.requests]);
    assertEquals(lenient.phases_ms?.tls?.count, 1, "one handshake, then keep-alive");
  } finally {
    await server.shutdown();
  }
});
