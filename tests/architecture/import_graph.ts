/**
 * The allowed direction of imports between the folders of perf, written once, and the check over the
 * import graph that CI runs (type-only imports included: `deno info --json` files them under `type`).
 *
 * LAYERS lists folders from the bottom up. A file may import files of its own folder and of any folder
 * in a lower layer; folders that share a layer may not import each other. Any cycle between files fails
 * too, even inside one folder.
 *
 *     deno run -A tests/architecture/import_graph.ts      prints every violation; exit 1 when there is one
 */

/** Bottom first. `src` stands for the files directly in src/ (errors.ts, version.ts). */
export const LAYERS: readonly (readonly string[])[] = [
  ["src", "src/assets"],
  ["src/model"],
  ["src/format"],
  ["templates"],
  ["src/config"],
  ["src/metrics"],
  ["src/data"],
  ["src/flow", "src/user", "src/monitor"],
  ["src/plan"],
  ["src/vu"],
  ["src/runner"],
  ["src/thresholds"],
  ["src/analysis"],
  ["src/result"],
  ["src/report", "src/alert"],
  ["src/demo", "src/k8s"],
  ["src/cli"],
  ["main.ts"],
  ["src/build"],
];

export interface ImportEdge {
  from: string;
  to: string;
  kind: "code" | "type";
}

/** The folder a repository-relative path belongs to, as LAYERS names it. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : "src";
  if (parts[0] === "templates") return "templates";
  return path;
}

function layerIndex(): Map<string, number> {
  const index = new Map<string, number>();
  LAYERS.forEach((folders, i) => folders.forEach((f) => index.set(f, i)));
  return index;
}

/** Edges that go sideways or up, or touch a folder LAYERS does not name. */
export function directionViolations(edges: readonly ImportEdge[]): string[] {
  const index = layerIndex();
  const out: string[] = [];
  for (const e of edges) {
    const a = folderOf(e.from), b = folderOf(e.to);
    if (a === b) continue;
    const ia = index.get(a), ib = index.get(b);
    if (ia === undefined || ib === undefined) {
      out.push(`${e.from} -> ${e.to}: folder ${ia === undefined ? a : b} is not in LAYERS`);
    } else if (ib >= ia) {
      out.push(
        `${e.from} -> ${e.to} (${e.kind}): ${a} may not import ${b} (${
          ib > ia ? "a higher" : "the same"
        } layer)`,
      );
    }
  }
  return out;
}

/** Every cycle between files, each as the file path around it (strongly connected components > 1 file). */
export function fileCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  let counter = 0;
  const order = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>(), cycles: string[][] = [];
  for (const root of next.keys()) {
    if (order.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [node, i] = top;
      if (i === 0) {
        order.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const targets = next.get(node)!;
      if (i < targets.length) {
        top[1] = i + 1;
        const t = targets[i]!;
        if (!order.has(t)) work.push([t, 0]);
        else if (onStack.has(t)) low.set(node, Math.min(low.get(node)!, order.get(t)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === order.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

interface DenoInfo {
  modules: {
    specifier: string;
    dependencies?: { code?: { specifier: string }; type?: { specifier: string } }[];
  }[];
}

/** The repository's own import edges, from `deno info --json` over every file in src/ and templates/. */
export async function repositoryEdges(root: string): Promise<ImportEdge[]> {
  const files = ["main.ts", ...(await sourceFiles(root, "src")), ...(await sourceFiles(root, "templates"))];
  const entry = await Deno.makeTempFile({ dir: root, prefix: ".import_graph_", suffix: ".ts" });
  try {
    await Deno.writeTextFile(entry, files.map((f) => `import "./${f}";`).join("\n") + "\n");
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`deno info failed: ${new TextDecoder().decode(out.stderr)}`);
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as DenoInfo;
    const base = new URL(`file://${root.endsWith("/") ? root : root + "/"}`).href;
    const rel = (s: string) => s.startsWith(base) ? s.slice(base.length) : undefined;
    const entryRel = rel(new URL(`file://${entry}`).href);
    const edges: ImportEdge[] = [];
    for (const m of info.modules) {
      const from = rel(m.specifier);
      if (!from || from === entryRel) continue;
      for (const dep of m.dependencies ?? []) {
        for (const kind of ["code", "type"] as const) {
          const to = dep[kind] && rel(dep[kind].specifier);
          if (to && to !== "deno.json") edges.push({ from, to, kind });
        }
      }
    }
    return edges;
  } finally {
    await Deno.remove(entry);
  }
}

async function sourceFiles(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(`${root}/${dir}`)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await sourceFiles(root, path));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Every problem of the repository's graph that is not a known back-edge, and every known back-edge that
 * is gone (remove it from the list): empty when the tree keeps the rules.
 */
export function repositoryProblems(edges: readonly ImportEdge[], known: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const e of edges) {
    if (directionViolations([e]).length === 0) continue;
    const key = `${e.from} -> ${e.to}`;
    if (known.has(key)) seen.add(key);
    else problems.push(...directionViolations([e]));
  }
  for (const key of known) {
    if (!seen.has(key)) problems.push(`${key}: no longer imported; remove it from known_back_edges.txt`);
  }
  return [...problems, ...fileCycles(edges).map((c) => `cycle between files: ${c.join(" <-> ")}`)];
}

/** The known back-edges, `from -> to` per line (# comments). */
export async function knownBackEdges(root: string): Promise<Set<string>> {
  const text = await Deno.readTextFile(`${root}/tests/architecture/known_back_edges.txt`);
  return new Set(text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")));
}

if (import.meta.main) {
  const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const edges = await repositoryEdges(root);
  const known = await knownBackEdges(root);
  const problems = repositoryProblems(edges, known);
  for (const p of problems) console.log(p);
  console.log(
    `import graph: ${edges.length} edges, ${known.size} known back-edge(s), ${problems.length} problem(s)`,
  );
  if (problems.length > 0) Deno.exit(1);
}
