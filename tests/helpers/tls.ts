/**
 * A private CA and a server certificate it signed, made with openssl at test time (Deno refuses a lone
 * self-signed certificate, so TLS tests trust a CA instead). Nothing here is committed.
 */
const decoder = new TextDecoder();

/** Why TLS tests cannot run here, or undefined when openssl is available. */
export async function opensslMissing(): Promise<string | undefined> {
  try {
    const out = await new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" })
      .output();
    return out.success ? undefined : "`openssl version` failed";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "`openssl` is not on PATH (apt-get install openssl)";
    if (error instanceof Deno.errors.NotCapable) return "the test needs --allow-run";
    throw error;
  }
}

/**
 * Writes ca.pem, server.pem and server.key into `dir`: a CA and a certificate for 127.0.0.1, ::1 and
 * localhost (P-256, valid 2 days). Returns the PEM texts.
 */
export async function makeCertificates(
  dir: string,
  altNames = "IP:127.0.0.1,IP:::1,DNS:localhost",
): Promise<{ ca: string; cert: string; key: string }> {
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  await Deno.writeTextFile(
    `${dir}/server.ext`,
    `subjectAltName=${altNames}\nbasicConstraints=critical,CA:FALSE\n` +
      "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
  );
  const sign =
    "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext";
  const steps = [
    ["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=perf test CA"],
    ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
    [...sign.split(" "), "-out", "server.pem"],
  ];
  for (const args of steps) {
    const out = await new Deno.Command("openssl", { args, cwd: dir, stdout: "null", stderr: "piped" })
      .output();
    if (!out.success) throw new Error(`openssl ${args[0]} failed: ${decoder.decode(out.stderr)}`);
  }
  const read = (name: string) => Deno.readTextFile(`${dir}/${name}`);
  return { ca: await read("ca.pem"), cert: await read("server.pem"), key: await read("server.key") };
}
