import { assert, assertEquals } from "../helpers/assert.ts";
import {
  directionViolations,
  fileCycles,
  folderOf,
  type ImportEdge,
  knownBackEdges,
  repositoryEdges,
  repositoryProblems,
} from "./import_graph.ts";

const edge = (from: string, to: string, kind: ImportEdge["kind"] = "code"): ImportEdge => ({
  from,
  to,
  kind,
});

Deno.test("import graph: folders as the layer list names them", () => {
  assertEquals(folderOf("src/errors.ts"), "src");
  assertEquals(folderOf("src/vu/http1/http1_client.ts"), "src/vu");
  assertEquals(folderOf("templates/report/run_report.tsx"), "templates");
  assertEquals(folderOf("main.ts"), "main.ts");
});

Deno.test("import graph: downward imports pass; upward, sideways and unknown folders fail", () => {
  assertEquals(
    directionViolations([edge("src/cli/a.ts", "src/model/b.ts"), edge("src/vu/a.ts", "src/vu/b.ts")]),
    [],
  );
  const problems = directionViolations([
    edge("src/model/result.ts", "src/analysis/stress.ts", "type"),
    edge("src/report/x.ts", "src/alert/y.ts"),
    edge("src/nowhere/x.ts", "src/model/y.ts"),
  ]);
  assertEquals(problems.length, 3);
  assert(
    problems[0]!.includes("(type): src/model may not import src/analysis (a higher layer)"),
    problems[0],
  );
  assert(problems[1]!.includes("src/report may not import src/alert (the same layer)"), problems[1]);
  assert(problems[2]!.includes("folder src/nowhere is not in LAYERS"), problems[2]);
});

Deno.test("import graph: cycles between files are found, also inside one folder", () => {
  assertEquals(fileCycles([edge("a", "b"), edge("b", "c")]), []);
  assertEquals(fileCycles([edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "d")]), [[
    "a",
    "b",
    "c",
  ]]);
  assertEquals(fileCycles([edge("x", "y", "type"), edge("y", "x")]).length, 1);
});

Deno.test("import graph: a deliberate type-only back-edge in a real tree is read from deno info and fails", async () => {
  const root = await Deno.makeTempDir({ prefix: "perf-import-graph-" });
  try {
    await Deno.mkdir(`${root}/src/model`, { recursive: true });
    await Deno.mkdir(`${root}/src/cli`, { recursive: true });
    await Deno.mkdir(`${root}/templates`, { recursive: true });
    await Deno.writeTextFile(`${root}/main.ts`, `import "./src/cli/command.ts";\n`);
    await Deno.writeTextFile(
      `${root}/src/cli/command.ts`,
      `import type { Shape } from "../model/shape.ts";\nexport const s: Shape | undefined = undefined;\n`,
    );
    // The back-edge: a model file that imports a type from the CLI, and so a cycle between the two.
    await Deno.writeTextFile(
      `${root}/src/model/shape.ts`,
      `import type { s } from "../cli/command.ts";\nexport type Shape = typeof s | number;\n`,
    );
    const edges = await repositoryEdges(root);
    assert(
      edges.some((e) =>
        e.from === "src/model/shape.ts" && e.to === "src/cli/command.ts" && e.kind === "type"
      ),
    );
    const problems = directionViolations(edges);
    assertEquals(problems.length, 1, problems.join("\n"));
    assert(problems[0]!.startsWith("src/model/shape.ts -> src/cli/command.ts (type)"), problems[0]);
    assertEquals(fileCycles(edges), [["src/cli/command.ts", "src/model/shape.ts"]]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("import graph: the repository keeps the layer order (apart from the listed back-edges) and has no cycle", async () => {
  const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const problems = repositoryProblems(await repositoryEdges(root), await knownBackEdges(root));
  assertEquals(problems, []);
});

Deno.test("import graph: a new back-edge, or a listed one that is gone, is a problem", () => {
  const known = new Set(["templates/a.tsx -> src/report/b.ts"]);
  const edges = [edge("templates/a.tsx", "src/report/b.ts"), edge("src/model/x.ts", "src/cli/y.ts", "type")];
  assertEquals(repositoryProblems(edges, known).length, 1);
  assertEquals(repositoryProblems([], known), [
    "templates/a.tsx -> src/report/b.ts: no longer imported; remove it from known_back_edges.txt",
  ]);
});
