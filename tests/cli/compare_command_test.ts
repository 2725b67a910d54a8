/**
 * `perf compare` driven in-process on result files in a temp dir: exit 0 when within tolerance, 99 on a
 * regression, 2 naming the file (and the JSON path) for unreadable or invalid input, 2 for bad flags; never a
 * stack trace.
 */
import type { RunResult } from "../../src/model/result.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { hasStackTrace, runPerf } from "../helpers/cli.ts";

const FIXTURE = new URL("../fixtures/results/demo_short.json", import.meta.url);
const demo: RunResult = JSON.parse(await Deno.readTextFile(FIXTURE));

/** Writes the files of one test into a fresh temp dir; returns their paths by name. */
async function writeFiles(files: Record<string, string | RunResult>): Promise<Record<string, string>> {
  const dir = await Deno.makeTempDir({ prefix: "perf-compare-" });
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    const path = `${dir}/${name}`;
    await Deno.mkdir(path.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(path, typeof content === "string" ? content : JSON.stringify(content));
    paths[name] = path;
  }
  return paths;
}

function variant(edit: (r: RunResult) => void): RunResult {
  const copy: RunResult = structuredClone(demo);
  copy.run.id = "20261126T083436Z-demo";
  edit(copy);
  return copy;
}

const slower = variant((r) => {
  r.summary.latency_ms.p95 *= 1.3;
  r.endpoints[1]!.latency_ms.p99 *= 1.3;
});
const faster = variant((r) => {
  r.summary.latency_ms.p95 *= 0.7;
  r.summary.rps *= 1.2;
});

interface ExitCase {
  name: string;
  next: RunResult;
  args?: string[];
  code: number;
  stdout: RegExp;
}

const EXIT_CASES: ExitCase[] = [
  {
    name: "identical runs",
    next: variant(() => {}),
    code: 0,
    stdout: /^OK: no regression beyond the 10% tolerance$/m,
  },
  { name: "faster run", next: faster, code: 0, stdout: /req\/s +66\.9 +80\.3 +▲ \+20\.0% {2}improved/ },
  {
    name: "p95 +30% past 10%",
    next: slower,
    code: 99,
    stdout: /^REGRESSION \(tolerance 10%\): Total p95 ms \+30\.0%; POST \/api\/items\/ p99 ms \+30\.0%$/m,
  },
  {
    name: "p95 +30% within --tolerance 50%",
    next: slower,
    args: ["--tolerance", "50%"],
    code: 0,
    stdout: /^OK/m,
  },
  { name: "--tolerance as a fraction", next: slower, args: ["--tolerance", "0.35"], code: 0, stdout: /35%/ },
  {
    name: "markdown for a pull request",
    next: slower,
    args: ["--format", "markdown"],
    code: 99,
    stdout:
      /^❌ \*\*REGRESSION[^\n]*\n\n[^\n]*\n\n\| Endpoint \| Metric \| Base \| New \| Change \| Verdict \|/,
  },
  {
    name: "a threshold that now fails",
    next: variant((r) => (r.thresholds[2] = { ...r.thresholds[2]!, value: 12, ok: false })),
    code: 99,
    stdout: /Threshold now FAILS: throughput >= 20 req\/s \(was 66\.9 req\/s, now 12\.0 req\/s\)/,
  },
];

for (const c of EXIT_CASES) {
  Deno.test(`perf compare: ${c.name} -> exit ${c.code}`, async () => {
    const files = await writeFiles({ "base.json": demo, "new.json": c.next });
    const run = await runPerf(["compare", files["base.json"]!, files["new.json"]!, ...(c.args ?? [])]);
    assertEquals(run.code, c.code, run.stdout + run.stderr);
    assertMatch(run.stdout, c.stdout);
    assertEquals(run.stderr, "");
    assert(!run.stdout.includes("\x1b"), "no colour off a TTY");
  });
}

Deno.test("perf compare: run directories stand for their result.json", async () => {
  const files = await writeFiles({ "a/result.json": demo, "b/result.json": slower });
  const dirOf = (path: string) => path.replace(/\/result\.json$/, "");
  const run = await runPerf(["compare", dirOf(files["a/result.json"]!), dirOf(files["b/result.json"]!)]);
  assertEquals(run.code, 99, run.stderr);
  assertMatch(run.stdout, /^New: {2}20261126T083436Z-demo \(demo, /m);
});

interface BadInputCase {
  name: string;
  /** Content of the NEW file; undefined: the path does not exist. */
  content?: string;
  /** Pass the directory holding the file rather than the file. */
  asDir?: boolean;
  message: RegExp;
}

const BAD_INPUTS: BadInputCase[] = [
  { name: "missing file", message: /Cannot read result "[^"]*missing\.json": file not found/ },
  { name: "not JSON", content: "{ nope", message: /Cannot read result "[^"]*new\.json": not valid JSON/ },
  {
    name: "JSON but not a result",
    content: JSON.stringify({ hello: 1 }),
    message: /Cannot read result "[^"]*new\.json": not a perf result: schema_version: .*expected number/,
  },
  {
    name: "an endpoint without latencies",
    content: JSON.stringify(
      variant((r) => delete (r.endpoints[0] as Partial<typeof r.endpoints[0]>).latency_ms),
    ),
    message: /not a perf result: endpoints\[0\]\.latency_ms: .*expected object, received undefined/,
  },
  {
    name: "a summary count of the wrong type",
    content: JSON.stringify(
      variant((r) => ((r.summary as unknown as Record<string, unknown>).requests = "12")),
    ),
    message: /not a perf result: summary\.requests: .*expected number, received string/,
  },
  {
    name: "from a newer perf",
    content: JSON.stringify(variant((r) => (r.schema_version = 99))),
    message: /written by a newer perf \(schema_version 99; this perf reads 1\)/,
  },
  {
    name: "from an older perf",
    content: JSON.stringify(variant((r) => (r.schema_version = 0))),
    message: /written by an older perf \(schema_version 0; this perf reads 1\)/,
  },
  {
    name: "a directory without result.json",
    content: "{}",
    asDir: true,
    message: /Cannot read result "[^"]*\/result\.json": file not found/,
  },
];

for (const c of BAD_INPUTS) {
  Deno.test(`perf compare: ${c.name} -> exit 2 naming the file`, async () => {
    const files = await writeFiles({ "base.json": demo, "dir/new.json": c.content ?? "" });
    const path = c.content === undefined
      ? files["dir/new.json"]!.replace(/new\.json$/, "missing.json")
      : c.asDir
      ? files["dir/new.json"]!.replace(/\/new\.json$/, "")
      : files["dir/new.json"]!;
    const run = await runPerf(["compare", files["base.json"]!, path]);
    assertEquals(run.code, 2, run.stderr);
    assertMatch(run.stderr, c.message);
    assertEquals(run.stdout, "");
    assert(!hasStackTrace(run.stderr), run.stderr);
  });
}

const USAGE_ERRORS: [string, string[], RegExp][] = [
  ["a bare tolerance over 1", ["--tolerance", "10"], /--tolerance "10": .*did you mean 10%\?/],
  ["a tolerance that is not a number", ["--tolerance", "lots"], /--tolerance "lots": expected a percentage/],
  ["an unknown format", ["--format", "html"], /argument 'html' is invalid/],
];

for (const [name, args, message] of USAGE_ERRORS) {
  Deno.test(`perf compare: ${name} -> exit 2`, async () => {
    const files = await writeFiles({ "base.json": demo });
    const run = await runPerf(["compare", files["base.json"]!, files["base.json"]!, ...args]);
    assertEquals(run.code, 2, run.stderr);
    assertMatch(run.stderr, message);
    assert(!hasStackTrace(run.stderr), run.stderr);
  });
}

Deno.test("perf compare: both files are required", async () => {
  const run = await runPerf(["compare", "only.json"]);
  assertEquals(run.code, 2);
  assertMatch(run.stderr, /missing required argument 'new'/);
});
