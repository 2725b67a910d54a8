/**
 * A `deno lint` plugin holding the size limits of the codebase (design §4): no function over 60 lines
 * and no file over 400 in src/ and templates/ (tests and scripts elsewhere are not held to them).
 * deno.json loads it into `deno lint`, so `deno task check` fails on a long function. Function length
 * counts the lines from its first to its last, both included; nested functions count for themselves and
 * inside their parent.
 */
export const MAX_FUNCTION_LINES = 60;
export const MAX_FILE_LINES = 400;

type Node = {
  range: [number, number];
  parent?: Node;
  type: string;
  id?: { name?: string } | null;
  key?: { name?: string };
};

/** The repository root, from this file's place in it (tests/architecture/). */
const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname);

/** Whether a linted file is held to the limits: under src/ or templates/ of this repository. */
export function inScope(filename: string): boolean {
  return filename.startsWith(`${ROOT}src/`) || filename.startsWith(`${ROOT}templates/`);
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function nameOf(node: Node): string {
  if (node.id?.name) return node.id.name;
  const parent = node.parent as (Node & { id?: { name?: string } }) | undefined;
  if (parent?.type === "VariableDeclarator" && parent.id?.name) return parent.id.name;
  if ((parent?.type === "MethodDefinition" || parent?.type === "Property") && parent.key?.name) {
    return parent.key.name;
  }
  return "(anonymous)";
}

const plugin: Deno.lint.Plugin = {
  name: "perf-size",
  rules: {
    "max-function-lines": {
      create(context) {
        if (!inScope(context.filename)) return {};
        const text = context.sourceCode.text;
        const check = (node: Deno.lint.Node) => {
          const n = node as unknown as Node;
          const lines = lineOf(text, n.range[1]) - lineOf(text, n.range[0]) + 1;
          if (lines > MAX_FUNCTION_LINES) {
            context.report({
              node,
              message: `function ${nameOf(n)} has ${lines} lines (at most ${MAX_FUNCTION_LINES}): split it`,
            });
          }
        };
        return { FunctionDeclaration: check, FunctionExpression: check, ArrowFunctionExpression: check };
      },
    },
    "max-file-lines": {
      create(context) {
        if (!inScope(context.filename)) return {};
        return {
          Program(node) {
            const text = context.sourceCode.text;
            const lines = text.endsWith("\n") ? lineOf(text, text.length) - 1 : lineOf(text, text.length);
            if (lines > MAX_FILE_LINES) {
              context.report({
                node,
                message: `file has ${lines} lines (at most ${MAX_FILE_LINES}): split it`,
              });
            }
          },
        };
      },
    },
  },
};

export default plugin;
