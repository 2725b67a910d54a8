/**
 * Reliability: input fuzzing with seeded generators (a failure prints its seed and case, so it
 * reproduces). Random and mutated inputs to the config loader, the duration and threshold parsers, the
 * template engine, the CSV reader and the http1 response parser never crash and never hang: each call
 * returns, or throws the parser's documented error type with a message; every call is timed.
 */
import { assert, assertEquals, assertLess } from "../helpers/assert.ts";
import { hasStackTrace, runPerf, writeConfig } from "../helpers/cli.ts";
import { seededRandom } from "../../src/plan/weighted.ts";
import { parseConfigText } from "../../src/config/load_config.ts";
import { parseDuration } from "../../src/model/duration.ts";
import { waitTimeSchema } from "../../src/model/config.ts";
import { scenarioThresholdsSchema } from "../../src/model/task_config.ts";
import { durationSchema } from "../../src/model/duration.ts";
import { PerfError } from "../../src/errors.ts";
import { parseThresholdKey } from "../../src/model/threshold_key.ts";
import { compileTemplate, renderTemplate, TemplateError } from "../../src/flow/template.ts";
import { callGenerator, GeneratorError } from "../../src/data/generators.ts";
import { parseCsv } from "../../src/data/csv.ts";
import { DataError } from "../../src/data/errors.ts";
import { Http1ResponseParser, MAX_HEAD_BYTES } from "../../src/vu/http1/response_parser.ts";

const CASES = 300;
/**
 * A hang guard, not a speed test (calls take well under a millisecond): no single call may take this
 * long, which only a hang or a pathological regex would, however loaded the machine.
 */
const CALL_MS = 2000;
/** Nor may one fuzzed function's whole batch. */
const BATCH_MS = 30_000;

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)]!;

/** Fragments that tend to break parsers: syntax of YAML, templates, CSV and HTTP, odd numbers, Unicode. */
const TOKENS = [
  ":",
  ": ",
  "-",
  "- ",
  "{",
  "}",
  "[",
  "]",
  "{{",
  "}}",
  "{{ $int(1, 2) }}",
  "{{ a.b }}",
  "{{ $",
  "$(",
  ",",
  '"',
  "'",
  '""',
  "\r\n",
  "\n",
  "\r",
  "\t",
  " ",
  "#",
  "&a ",
  "*a",
  "<<: *a",
  "!!binary ",
  "!!js/function ",
  "~",
  "${X}",
  "${",
  "${X:-y}",
  "0x1F",
  "1e999",
  "-1",
  "NaN",
  "Infinity",
  "0",
  "1.5",
  "99999999999999999999",
  "ms",
  "s",
  "m",
  "h",
  "d",
  "1h30m",
  "between(1, 3)",
  "response_time_p",
  "error_rate",
  "\u0000",
  "\uFEFF",
  "é",
  "😀",
  "\u202e",
  "Content-Length: ",
  "Transfer-Encoding: chunked",
  "HTTP/1.1 ",
  "200 OK",
  "0\r\n\r\n",
  "ffffffffffff\r\n",
  ";ext=1",
  "__proto__",
  "constructor",
  "a".repeat(300),
];

/** A random string of tokens and random characters. */
function randomText(r: Random, maxParts = 12): string {
  let out = "";
  for (let i = int(r, maxParts) + 1; i > 0; i--) {
    out += r() < 0.6 ? pick(r, TOKENS) : String.fromCharCode(int(r, r() < 0.9 ? 128 : 0xffff));
  }
  return out;
}

/** One to four random edits of `seed`: flip, delete, insert a token, duplicate or swap lines, truncate. */
function mutate(r: Random, seed: string): string {
  let text = seed;
  for (let edits = int(r, 4) + 1; edits > 0; edits--) {
    const at = int(r, text.length + 1);
    switch (int(r, 6)) {
      case 0:
        text = text.slice(0, at) + String.fromCharCode(int(r, 128)) + text.slice(at + 1);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + int(r, 20) + 1);
        break;
      case 2:
        text = text.slice(0, at) + pick(r, TOKENS) + text.slice(at);
        break;
      case 3: {
        const lines = text.split("\n");
        lines.splice(int(r, lines.length), 0, pick(r, lines));
        text = lines.join("\n");
        break;
      }
      case 4: {
        const lines = text.split("\n");
        const [i, j] = [int(r, lines.length), int(r, lines.length)];
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        text = lines.join("\n");
        break;
      }
      default:
        text = text.slice(0, at);
    }
  }
  return text;
}

/**
 * Runs `fn` on CASES inputs from `generate` (seeded), allowing only `allowed` errors (each with a
 * message); times every call and the batch.
 */
async function fuzz<T>(
  name: string,
  seed: number,
  generate: (r: Random, i: number) => T,
  fn: (input: T) => unknown | Promise<unknown>,
  allowed: (error: unknown) => boolean,
): Promise<{ ok: number; rejected: number }> {
  const r = seededRandom(seed);
  let ok = 0;
  let rejected = 0;
  const batchStart = performance.now();
  for (let i = 0; i < CASES; i++) {
    const input = generate(r, i);
    const where = `${name}, seed ${seed}, case ${i}: ${JSON.stringify(input)?.slice(0, 400)}`;
    const started = performance.now();
    try {
      await fn(input);
      ok++;
    } catch (error) {
      if (!allowed(error)) throw new Error(`${where}: unexpected ${error}`, { cause: error });
      assert(error instanceof Error && error.message.length > 0, `${where}: an error without a message`);
      rejected++;
    }
    assertLess(performance.now() - started, CALL_MS, `${where}: took too long`);
  }
  assertLess(performance.now() - batchStart, BATCH_MS, `${name}: the batch took too long`);
  return { ok, rejected };
}

const SEED_CONFIG = `base_url: "\${TARGET_URL:-http://127.0.0.1:8000}"
workers: 2
scenarios:
  smoke:
    description: "Quick smoke test"
    users: 1
    spawn_rate: 1
    run_time: "30s"
    wait_time: "between(1, 3)"
    headers:
      Authorization: "Bearer \${API_TOKEN}"
    thresholds:
      response_time_p95: 1000
      error_rate: { limit: 0.01, window: 30s, abort_on_fail: true }
      throughput: 5
    tasks:
      - name: list items
        weight: 3
        path: /api/items/?page={{ $int(1, 5) }}
        expect_status: [200, "3xx"]
      - name: create
        steps:
          - { method: POST, path: /api/items/, json: { name: "{{ $name }}" }, extract: { id: { json: id } } }
          - { path: "/api/items/{{ id }}", check: { body_contains: "{{ id }}", max_duration: 500 } }
  ramp:
    stages:
      - { duration: 10s, users: 5 }
      - { duration: 1m, rate: 20 }
reporting: { output_dir: out, keep_last: 3 }
alerting:
  enabled: true
  slack: { enabled: true, webhook_url: "\${SLACK_URL}" }
locust: { host: "http://x", users: 3, headless: true }
`;

const ENV = { API_TOKEN: "t0k3n-value", SLACK_URL: "https://hooks.example/x" };

Deno.test("fuzz: the config loader returns a config or a located ConfigError, never a crash", async () => {
  const { ok, rejected } = await fuzz(
    "config",
    101,
    (r, i) => (i % 10 === 0 ? randomText(r, 40) : mutate(r, SEED_CONFIG)),
    (text) => parseConfigText(text, "fuzz.yaml", ENV),
    (error) => error instanceof PerfError && /fuzz\.yaml|config/.test(error.message),
  );
  assert(ok > 0 && rejected > 0, `both outcomes happen: ${ok} ok, ${rejected} rejected`);
});

Deno.test("fuzz: `perf validate` on mutated configs exits 0 or 104 with a message, never 1, never a stack", async () => {
  const r = seededRandom(202);
  const dir = await Deno.makeTempDir({ prefix: "perf-fuzz-" });
  try {
    const started = performance.now();
    for (let i = 0; i < 60; i++) {
      const text = mutate(r, SEED_CONFIG);
      await Deno.writeTextFile(`${dir}/perf.yaml`, text);
      const run = await runPerf(["validate", `${dir}/perf.yaml`], { env: ENV });
      const where = `case ${i} (exit ${run.code}):\n${text}\n${run.stderr}`;
      assert(run.code === 0 || run.code === 104, where);
      assert(!hasStackTrace(run.stderr) && !/internal error/.test(run.stderr), where);
      if (run.code === 104) assert(/perf\.yaml:\d+:\d+: /.test(run.stderr), where);
    }
    assertLess(performance.now() - started, 10_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fuzz: durations parse to a finite non-negative number of ms or to a clear 'invalid duration'", async () => {
  const durations = ["500ms", "30s", "5m", "1h30m", "2d", "1.5s", "0", "10"];
  await fuzz(
    "duration",
    303,
    (r, i) => (i % 2 === 0 ? randomText(r, 4) : mutate(r, pick(r, durations))),
    (text) => {
      const ms = parseDuration(text);
      if (ms !== undefined) {
        assert(Number.isFinite(ms) && ms >= 0, `parseDuration(${JSON.stringify(text)}) = ${ms}`);
      }
      const parsed = durationSchema.safeParse(text);
      assertEquals(parsed.success, ms !== undefined);
      if (!parsed.success) assert(parsed.error.issues[0]!.message.startsWith("invalid duration"));
      waitTimeSchema.safeParse(text); // never throws either
    },
    () => false,
  );
});

// Found by this fuzzing, then fixed: a duration too long for a timer (`-t 99999999h`, past setTimeout's
// 2^31-1 ms, or 400 digits = Infinity) used to end the run at once; it is now refused (exit 2 / 104).
Deno.test({
  name: "durations past what a timer can wait are refused",
  fn() {
    for (const text of ["99999999h", "1" + "0".repeat(400), "1" + "0".repeat(400) + "s"]) {
      const ms = parseDuration(text);
      assert(ms === undefined || ms <= 2 ** 31 - 1, `parseDuration(${text.slice(0, 12)}…) = ${ms}`);
    }
  },
});

Deno.test("fuzz: threshold keys and settings validate or name the bad key, never throw", async () => {
  await fuzz(
    "thresholds",
    404,
    (r) => {
      const entries: [string, unknown][] = [];
      for (let n = int(r, 4); n >= 0; n--) {
        const key = r() < 0.5
          ? mutate(r, pick(r, ["response_time_p95", "response_time_p99.9", "error_rate"]))
          : randomText(r, 3);
        const value = pick(r, [int(r, 2000), -1, 1.5, 0.01, NaN, Infinity, "100", null, { limit: r() }, {
          limit: 1,
          window: randomText(r, 2),
        }]);
        entries.push([key, value]);
      }
      return Object.fromEntries(entries);
    },
    (thresholds) => {
      for (const key of Object.keys(thresholds)) {
        const metric = parseThresholdKey(key);
        if (metric?.kind === "percentile") assert(metric.percentile > 0 && metric.percentile <= 100);
      }
      const parsed = scenarioThresholdsSchema.safeParse(thresholds);
      if (!parsed.success) { for (const issue of parsed.error.issues) assert(issue.message.length > 0); }
    },
    () => false,
  );
});

Deno.test("fuzz: templates compile and render, or fail with a TemplateError or GeneratorError", async () => {
  const scope = {
    lookup: (name: string) => (name === "id" || name === "users.email" ? "v" : undefined),
    call: (name: string, args: string[]) => callGenerator(name, args, seededRandom(1)),
  };
  const templates = [
    "/items/{{ id }}?q={{ $int(1, 100) }}",
    '{{ $alnum(16) }}-{{ $pick(a, b, "c, d") }}',
    "{{users.email}} {{ $float(0, 1, 3) }} {{ $now(unix) }}",
    "{{ $uuid }}{{ $name }}{{ $email }}{{ $bool }}{{ $timestamp }}",
  ];
  const { ok, rejected } = await fuzz(
    "template",
    505,
    (r, i) => (i % 3 === 0 ? randomText(r, 8) : mutate(r, pick(r, templates))),
    (source) => {
      const rendered = renderTemplate(compileTemplate(source), scope);
      assert(typeof rendered === "string");
      assertLess(rendered.length, source.length + 4096, "a template rendered to something huge");
    },
    (error) => error instanceof TemplateError || error instanceof GeneratorError,
  );
  assert(ok > 0 && rejected > 0, `both outcomes happen: ${ok} ok, ${rejected} rejected`);
});

Deno.test("fuzz: the CSV reader returns rows matching the header or a DataError with file:line", async () => {
  const csv = 'id,name,email\r\n1,"Doe, Jane",jane@example.org\n2,"say ""hi""",x@y.z\n\n3,"multi\nline",z\n';
  const { ok, rejected } = await fuzz(
    "csv",
    606,
    (r, i) => (i % 4 === 0 ? randomText(r, 20) : mutate(r, csv)),
    (text) => {
      const table = parseCsv(text, "fuzz.csv");
      for (const row of table.rows) assertEquals(Object.keys(row), table.header);
    },
    (error) => error instanceof DataError && /^fuzz\.csv:\d+: /.test(error.message),
  );
  assert(ok > 0 && rejected > 0, `both outcomes happen: ${ok} ok, ${rejected} rejected`);
});

const PARSE_KINDS = new Set(["bad_response", "header_too_large", "bad_chunk", "reset"]);

Deno.test("fuzz: the http1 response parser ends every byte stream in a response or an error kind", async () => {
  const responses = [
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nTrailer: 1\r\n\r\n",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n",
    "HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nclose-delimited body",
    "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
  ];
  const encoder = new TextEncoder();
  await fuzz(
    "http1 parser",
    707,
    (r, i) => {
      const text = i % 5 === 0 ? randomText(r, 30) : mutate(r, pick(r, responses));
      const bytes = i % 7 === 0
        ? Uint8Array.from({ length: int(r, 400) }, () => int(r, 256))
        : encoder.encode(i % 11 === 0 ? text + "X: y\r\n".repeat(MAX_HEAD_BYTES / 5) : text);
      return { bytes, piece: pick(r, [1, 2, 3, 7, 64, Infinity]), head: r() < 0.1 };
    },
    ({ bytes, piece, head }) => {
      const parser = new Http1ResponseParser();
      parser.reset(!head);
      let consumed = 0;
      for (let at = 0; at < bytes.length && !parser.done && parser.error === undefined; at += piece) {
        const to = Math.min(bytes.length, at + piece);
        const n = parser.feed(bytes, at, to);
        assert(n >= 0 && n <= to - at, `feed consumed ${n} of ${to - at}`);
        consumed += n;
        if (n < to - at) break; // the rest belongs to the next response
      }
      if (!parser.done && parser.error === undefined) parser.end(); // the peer closed
      assert(consumed <= bytes.length);
      assert(parser.done || parser.error !== undefined, "the stream ended neither done nor in error");
      if (parser.error !== undefined) assert(PARSE_KINDS.has(parser.error), `unknown kind ${parser.error}`);
    },
    () => false,
  );
});

Deno.test("fuzz: `perf run` refuses bad flag values with exit 2 and a message, before any load", async () => {
  const r = seededRandom(808);
  const config = await writeConfig("base_url: http://127.0.0.1:9\nscenarios:\n  s: {}\n");
  const flags = ["-t", "-u", "-r", "--rate", "--workers", "--engine", "--seed", "--set"];
  try {
    for (let i = 0; i < 60; i++) {
      const flag = pick(r, flags);
      // Values no flag accepts: negative, zero, words, empty, NaN, or a --set of an unknown key.
      const value = flag === "--set"
        ? `${pick(r, ["userz", "", "=", "run_time"])}=${pick(r, ["-1", "[", "ten", "{a: 1}"])}`
        : pick(r, ["-1", "0", "ten", "", "NaN", "1e", "5x", "--", "http2", "1.5.2", "-0"]);
      // A value that slipped through would stop at the unwritable results directory (under a file).
      const run = await runPerf(["run", "-c", config, "-s", "s", flag, value, "-o", `${config}/out`]);
      const where = `${flag} ${JSON.stringify(value)}: exit ${run.code}\n${run.stderr}`;
      assertEquals(run.code, 2, where);
      assert(!run.stderr.includes("Cannot write results"), `accepted: ${where}`);
      assert(run.stderr.trim().length > 0 && !hasStackTrace(run.stderr), where);
    }
  } finally {
    await Deno.remove(config.replace(/\/[^/]*$/, ""), { recursive: true });
  }
});
