/**
 * A real nginx on loopback for the tests that need one (the http1 conformance steps, the generator's
 * own limit in the capacity search): what this build of nginx has, and a foreground nginx under a temp
 * dir, on a free port of 127.0.0.1, that the test stops at its end. The caller writes the config.
 */
import { sleep } from "./hostile.ts";
import { closedPort } from "./targets.ts";

const decoder = new TextDecoder();

/** Runs a command; `undefined` when it is not installed (or may not be run), else its output. */
async function tryRun(cmd: string, args: string[]): Promise<Deno.CommandOutput | undefined> {
  try {
    return await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotCapable) return undefined;
    throw error;
  }
}

export interface NginxBuild {
  /** `-e FILE` (error log before the config is read) exists since 1.19.5. */
  errorLogFlag: boolean;
  ssl: boolean;
  /** Temp-path directives of the modules this build has (each needs a writable dir when nginx starts). */
  tempPaths: string[];
}

async function probeNginx(): Promise<NginxBuild | string> {
  const out = await tryRun("nginx", ["-V"]);
  if (!out) {
    return "`nginx` is not on PATH (apt-get install nginx-light, or nginx), or --allow-run is missing";
  }
  const text = decoder.decode(out.stderr) + decoder.decode(out.stdout);
  const version = text.match(/nginx\/(\d+)\.(\d+)\.(\d+)/);
  if (!out.success || !version) return `\`nginx -V\` failed: ${text.trim()}`;
  const [major, minor, patch] = version.slice(1).map(Number) as [number, number, number];
  return {
    errorLogFlag: major > 1 || minor > 19 || (minor === 19 && patch >= 5),
    ssl: text.includes("--with-http_ssl_module"),
    tempPaths: [
      "client_body",
      ...["proxy", "fastcgi", "uwsgi", "scgi"].filter((m) => !text.includes(`--without-http_${m}_module`)),
    ],
  };
}

/** This machine's nginx, or why there is none usable (the test then fails, saying what to install). */
export const NGINX: NginxBuild | string = await probeNginx();

/**
 * Started as root, nginx would run its workers as `nobody`, who cannot read the 0700 temp dir: `user root;`
 * keeps them root. Started by anyone else it cannot switch users, so the directive is left out.
 */
export function userDirective(): string {
  try {
    return Deno.uid() === 0 ? "user root;\n" : "";
  } catch {
    return "";
  }
}

/** Every temp path of the build's modules under `dir` (nginx refuses to start when one is not writable). */
export function tempPathDirectives(dir: string, build: NginxBuild): string {
  return build.tempPaths.map((m) => `${m}_temp_path ${dir}/${m}_temp;`).join("\n  ");
}

export interface RunningNginx {
  url: string;
  tlsUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground with the config `configFor` writes for the ports chosen (a TLS port
 * too when asked) and waits (up to 5 s) until it accepts connections.
 */
export async function startNginx(
  dir: string,
  configFor: (port: number, tlsPort?: number) => string,
  options: { tls?: boolean } = {},
): Promise<RunningNginx> {
  const build = NGINX;
  if (typeof build === "string") throw new Error(build);
  const port = await closedPort();
  const tls = options.tls ? await closedPort() : undefined;
  await Deno.writeTextFile(`${dir}/nginx.conf`, configFor(port, tls));
  const args = [...(build.errorLogFlag ? ["-e", `${dir}/error.log`] : []), "-p", `${dir}/`];
  const child = new Deno.Command("nginx", {
    args: [...args, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  const status = child.status.finally(() => exited = true);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    const timer = setTimeout(() => exited || child.kill("SIGKILL"), 3000);
    await status;
    clearTimeout(timer);
    await stderr;
  };
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return {
        url: `http://127.0.0.1:${port}`,
        ...(tls !== undefined ? { tlsUrl: `https://127.0.0.1:${tls}` } : {}),
        stop,
      };
    } catch {
      await sleep(50);
    }
  }
  await stop();
  const log = await Deno.readTextFile(`${dir}/error.log`).catch(() => "");
  throw new Error(`nginx did not start on port ${port}:\n${await stderr}\n${log}`);
}
