/**
 * `perf k8s` driven in-process (k8sCommand with a fake io, until it is registered in program.ts): the
 * config is checked like perf run checks it, the files it reads go into the ConfigMap, the manifests
 * go to stdout or -o and the steps to stderr.
 */
import { parseAllDocuments } from "yaml";
import { k8sCommand, type K8sFlags } from "../../src/cli/k8s_command.ts";
import { ExitCode, PerfError } from "../../src/errors.ts";
import { relativeImports } from "../../src/k8s/config_files.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../helpers/assert.ts";
import { type FakeIo, fakeIo } from "../helpers/cli.ts";
import { validateManifest } from "./k8s_schema.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

const CONFIG = `base_url: http://shop.test:8000
test_data:
  users:
    file: data/users.csv
scenarios:
  load:
    users: 4
    run_time: 2m
    tasks:
      - path: /api/items/{{ users.id }}
  custom:
    users: 2
    user: users/shop.ts
`;

async function project(config = CONFIG): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "perf-k8s-" });
  await Deno.mkdir(`${dir}/data`);
  await Deno.mkdir(`${dir}/users/lib`, { recursive: true });
  await Deno.writeTextFile(`${dir}/perf.yaml`, config);
  await Deno.writeTextFile(`${dir}/data/users.csv`, "id\n1\n2\n");
  await Deno.writeTextFile(
    `${dir}/users/shop.ts`,
    'import { defineUser } from "./lib/api.ts";\nimport "../../outside.ts";\nexport default defineUser({});\n',
  );
  await Deno.writeTextFile(`${dir}/users/lib/api.ts`, "export const defineUser = (u: unknown) => u;\n");
  return `${dir}/perf.yaml`;
}

const NOW = Date.parse("2026-05-01T10:00:00Z");

async function k8s(flags: Partial<K8sFlags> & { config: string }, io = fakeIo()): Promise<FakeIo> {
  const code = await k8sCommand(
    { scenario: "load", segments: 2, image: "perf:0.1.0", ...flags },
    io,
    () => NOW,
  );
  assertEquals(code, ExitCode.ok);
  return io;
}

function documents(yaml: string): Any[] {
  return parseAllDocuments(yaml).map((doc) => doc.toJS());
}

Deno.test("perf k8s prints valid manifests on stdout and the steps on stderr", async () => {
  const config = await project();
  const io = await k8s({ config });
  const docs = documents(io.out);
  assertEquals(docs.map((d) => `${d.kind} ${d.metadata.name}`), [
    "ConfigMap perf-load-config",
    "Job perf-load",
  ]);
  for (const doc of docs) validateManifest(doc);
  assertEquals(docs[0].data["perf.yaml"], CONFIG);
  assertEquals(docs[0].data["data__users.csv"], "id\n1\n2\n");
  assertEquals(docs[1].spec.completions, 2);
  assertEquals(docs[1].metadata.annotations["perf/config-sha256"].length, 64);
  assertMatch(io.err, /kubectl apply -f perf-job\.yaml/);
  // 2 minutes of run, 10 s of graceful stop and 10 minutes of margin.
  assertMatch(io.err, /kubectl wait --for=condition=complete --timeout=730s job\/perf-load/);
  assertMatch(
    io.err,
    /kubectl logs --tail=-1 -l job-name=perf-load,batch\.kubernetes\.io\/job-completion-index/,
  );
  assertMatch(io.err, /perf merge perf-load-segment-1\.json perf-load-segment-2\.json -o /);
});

Deno.test("perf k8s -o FILE writes the manifests there; a TypeScript user brings its relative imports", async () => {
  const config = await project();
  const out = config.replace(/perf\.yaml$/, "job.yaml");
  const io = await k8s({ config, out, scenario: "custom", name: "shop", namespace: "qa", resultsPvc: "res" });
  assertEquals(io.out, "");
  const docs = documents(await Deno.readTextFile(out));
  assertEquals(docs.map((d) => d.kind), ["ConfigMap", "Job", "Pod"]);
  for (const doc of docs) validateManifest(doc);
  assertEquals(Object.keys(docs[0].data).sort(), [
    "data__users.csv",
    "perf.yaml",
    "users__lib__api.ts",
    "users__shop.ts",
  ]);
  assertMatch(io.err, /warning: users\/shop\.ts imports "\.\.\/\.\.\/outside\.ts" from outside/);
  assertMatch(io.err, /kubectl apply -n qa -f .*job\.yaml/);
  assertMatch(io.err, /kubectl cp qa\/shop-results:\/results\/shop shop-results/);
  assertMatch(io.err, /perf merge shop-results\/segment-\*\.json/);
});

Deno.test("--start-at +2m becomes one absolute instant for every pod", async () => {
  const config = await project();
  const io = await k8s({ config, startAt: "+2m" });
  const [, job] = documents(io.out);
  const env = job.spec.template.spec.containers[0].env;
  assert(env.some((e: Any) => e.name === "PERF_START_AT" && e.value === "2026-05-01T10:02:00.000Z"));
  assertMatch(io.err, /Every segment starts at 2026-05-01T10:02:00\.000Z/);
  assertMatch(io.err, /--timeout=850s/);
});

Deno.test("a built-in preset runs with the config's base URL", async () => {
  const io = await k8s({ config: await project(), scenario: "smoke", segments: 1 });
  assertEquals(documents(io.out)[1].metadata.name, "perf-smoke");
});

Deno.test("perf k8s refuses what perf run would refuse, before writing anything", async () => {
  const config = await project();
  const cases: [Partial<K8sFlags>, string][] = [
    [{ scenario: "lod" }, 'Unknown scenario "lod"'],
    [{ segments: 5 }, 'Segment 5/5 of scenario "load" would get no users'],
    [{ startAt: "2026-05-01T09:00:00Z" }, "in the past"],
    [{ cpu: "two" }, 'Invalid --cpu "two"'],
    [{ name: "Shop" }, 'Invalid name "Shop"'],
    [{ scenario: "users/shop.ts" }, "not a module"],
  ];
  for (const [flags, message] of cases) {
    const io = fakeIo();
    const error = await assertRejects(() => k8s({ config, ...flags }, io), PerfError, message);
    assertEquals(error.exitCode, ExitCode.usage);
    assertEquals(io.out, "");
  }
  const outside = await project(CONFIG.replace("file: data/users.csv", "file: ../users.csv"));
  await assertRejects(() => k8s({ config: outside }), PerfError, "outside the config's directory");
  const missing = await project(CONFIG.replace("data/users.csv", "data/none.csv"));
  const error = await assertRejects(() => k8s({ config: missing }), PerfError, "Cannot read test_data.users");
  assertEquals(error.exitCode, ExitCode.invalidConfig);
});

Deno.test("relative imports are found in static, side-effect and dynamic imports", () => {
  const source = `import { a } from "./a.ts";\nimport "../b.ts";\nexport * from './c.ts';\n` +
    `const d = await import("./d.ts");\nimport { e } from "npm:e";\nimport f from "jsr:@f/f";\n`;
  assertEquals(relativeImports(source), ["./a.ts", "../b.ts", "./c.ts", "./d.ts"]);
});
