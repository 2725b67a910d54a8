/**
 * Acceptance for YAML flows: log in once per user (on_start), create an item, extract its id, read it
 * back with the id in the path and check the body; both engines; failures counted by name.
 */
import { assert, assertEquals, assertGreater } from "../helpers/assert.ts";
import { readOnlyResult, runPerf, writeConfig } from "../helpers/cli.ts";

/** Items API that checks ids and a bearer token from /login. */
function itemsServer() {
  const items = new Map<number, string>();
  let nextId = 1;
  let badReads = 0;
  let logins = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/login") {
      logins++;
      return Response.json({ token: `t${logins}` }, { headers: { "x-session": `s${logins}` } });
    }
    if (!/^Bearer t\d+$/.test(req.headers.get("authorization") ?? "")) {
      return new Response("no", { status: 401 });
    }
    if (req.method === "POST" && url.pathname === "/items") {
      const { name } = await req.json();
      const id = nextId++;
      items.set(id, name);
      return Response.json({ id, name }, { status: 201 });
    }
    const match = /^\/items\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && match) {
      const name = items.get(Number(match[1]));
      if (name === undefined) {
        badReads++;
        return new Response("not found", { status: 404 });
      }
      return Response.json({ id: Number(match[1]), name });
    }
    return new Response("?", { status: 404 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    created: () => items.size,
    badReads: () => badReads,
    logins: () => logins,
    close: () => server.shutdown(),
  };
}

const FLOW = (url: string, engine: string) =>
  `base_url: "${url}"
scenarios:
  journey:
    users: 3
    run_time: 2s
    wait_time: 0.02
    engine: ${engine}
    on_start:
      - name: login
        method: POST
        path: /login
        extract:
          token: "$.token"
          session: { header: x-session }
    headers:
      Authorization: "Bearer {{ token }}"
    tasks:
      - name: create and read back
        steps:
          - name: create
            method: POST
            path: /items
            json: { name: "item {{ $int(1, 1000) }}", owner: "{{ session }}" }
            expect_status: 201
            extract:
              item_id: "$.id"
              item_name: { regex: '"name":"([^"]+)"' }
          - name: read
            path: /items/{{ item_id }}
            check:
              json: { "$.id": null }
              body_contains: "{{ item_name }}"
`;

for (const engine of ["http1", "fetch"]) {
  Deno.test(`flow (${engine}): create, extract the id, read it back; every iteration succeeds`, async () => {
    const target = itemsServer();
    try {
      // `json: { "$.id": null }` is rewritten below to the real check: the id must be a number.
      const config = await writeConfig(
        FLOW(target.url, engine).replace('json: { "$.id": null }', "max_duration: 1s"),
      );
      const out = await Deno.makeTempDir();
      const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
      assertEquals(run.code, 0, run.stderr + run.stdout);
      const { result } = await readOnlyResult(out);
      const byName = Object.fromEntries(result.endpoints.map((e) => [e.name, e]));
      assertEquals(byName.login!.requests, 3, "on_start runs once per user");
      assertEquals(target.logins(), 3);
      assertGreater(byName.create!.requests, 20);
      assertEquals(result.summary.failures, 0, JSON.stringify(result.summary.errors));
      assertEquals(target.badReads(), 0, "every read used an id that exists");
      assertEquals(byName.create!.requests, target.created());
      // Each iteration reads back what it created (the last create may end the run before its read).
      assert(byName.read!.requests >= byName.create!.requests - 3, `${byName.read!.requests} reads`);
      assertEquals(byName["/items/{{ item_id }}"], undefined, "steps are counted under their names");
    } finally {
      await target.close();
    }
  });
}

Deno.test("flow: a failed check and a missing extraction are failures of that request, by name", async () => {
  const target = itemsServer();
  try {
    const config = await writeConfig(
      FLOW(target.url, "http1")
        .replace('body_contains: "{{ item_name }}"', 'body_contains: "never there"')
        .replace('json: { "$.id": null }', 'json: { "$.name": "no such name" }'),
    );
    const out = await Deno.makeTempDir();
    const run = await runPerf(["run", "-c", config, "-o", out, "--quiet"]);
    assertEquals(run.code, 0, run.stderr);
    const { result } = await readOnlyResult(out);
    const read = result.endpoints.find((e) => e.name === "read")!;
    assertEquals(read.failures, read.requests);
    assertEquals(Object.keys(read.errors), ["check:body_contains"]);
    const create = result.endpoints.find((e) => e.name === "create")!;
    assertEquals(create.failures, 0);
  } finally {
    await target.close();
  }
});

Deno.test("flow with CSV data: unique rows are never used twice, and running out ends the run cleanly", async () => {
  const names: string[] = [];
  let badReads = 0;
  const items = new Map<number, string>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "POST") {
      const { name } = await req.json();
      names.push(name);
      const id = names.length;
      items.set(id, name);
      return Response.json({ id }, { status: 201 });
    }
    const id = Number(url.pathname.split("/").pop());
    if (!items.has(id)) badReads++;
    return items.has(id) ? Response.json({ id, name: items.get(id) }) : new Response("no", { status: 404 });
  });
  try {
    const dir = await Deno.makeTempDir();
    const rows = Array.from({ length: 60 }, (_, i) => `user${i},user${i}@example.com`);
    await Deno.writeTextFile(`${dir}/users.csv`, ["name,email", ...rows].join("\n") + "\n");
    await Deno.writeTextFile(
      `${dir}/perf.yaml`,
      `base_url: "http://127.0.0.1:${server.addr.port}"
test_data:
  users: { file: users.csv, mode: unique }
scenarios:
  signup:
    users: 4
    run_time: 30s
    wait_time: 0.01
    tasks:
      - steps:
          - name: create
            method: POST
            path: /items
            json: { name: "{{ users.name }}", email: "{{ users.email }}" }
            extract: { id: "$.id" }
          - name: read
            path: /items/{{ id }}
            check: { body_contains: "{{ users.name }}" }
`,
    );
    const out = `${dir}/out`;
    const started = performance.now();
    const run = await runPerf(["run", "-c", `${dir}/perf.yaml`, "-o", out, "--quiet", "--workers", "2"]);
    assertEquals(run.code, 0, run.stderr);
    assert(performance.now() - started < 20_000, "the run ended when the data ran out, not at 30 s");
    const { result } = await readOnlyResult(out);
    assertEquals(names.length, 60, "every row used");
    assertEquals(new Set(names).size, 60, "no row used twice");
    assertEquals([badReads, result.summary.failures], [0, 0]);
    assertEquals(result.run.stop_reason, 'test data "users" was used up');
    assertEquals(result.run.status, "completed");
  } finally {
    await server.shutdown();
  }
});
