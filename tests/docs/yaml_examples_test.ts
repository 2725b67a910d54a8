/**
 * Every ```yaml block in README.md and docs/*.md is a perf config, validated with perf's own loader
 * (parseConfigText, as `perf validate` does). YAML that is not a perf config (a CI file, a Kubernetes
 * manifest, a fragment) takes another info string, such as ```yaml ci or ```yaml fragment, and is skipped
 * (see docs/development.md, "YAML examples in the docs").
 */
import { parseConfigText } from "../../src/config/load_config.ts";
import { assert } from "../helpers/assert.ts";

const ROOT = new URL("../../", import.meta.url);

interface YamlBlock {
  /** `file:line` of the opening fence. */
  where: string;
  text: string;
}

/** The fenced blocks whose info string is exactly `yaml`, with their location. */
function yamlBlocks(file: string, markdown: string): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  const lines = markdown.split("\n");
  let open: { indent: string; fence: string; info: string; line: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    const fence = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (open) {
      if (fence && fence[2]!.startsWith(open.fence) && fence[3] === "") {
        if (open.info === "yaml") {
          blocks.push({ where: `${file}:${open.line}`, text: open.body.join("\n") + "\n" });
        }
        open = undefined;
      } else {
        open.body.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line);
      }
    } else if (fence) {
      open = { indent: fence[1]!, fence: fence[2]!, info: fence[3]!.trim(), line: i + 1, body: [] };
    }
  });
  return blocks;
}

async function docFiles(): Promise<string[]> {
  const files = ["README.md"];
  for await (const entry of Deno.readDir(new URL("docs/", ROOT))) {
    if (entry.isFile && entry.name.endsWith(".md")) files.push(`docs/${entry.name}`);
  }
  return files.sort();
}

/** Every `${NAME}` the block refers to, set, so a block is judged on its shape, not on this machine's env. */
function envFor(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    env[match[1]!] = "http://127.0.0.1:8000";
  }
  return env;
}

Deno.test("yaml examples: the fence scanner keeps only blocks whose info string is exactly yaml", () => {
  const md = [
    "```yaml",
    "base_url: http://a",
    "```",
    "```yaml ci",
    "on: push",
    "```",
    "- item:",
    "  ```yaml",
    "  workers: 2",
    "  ```",
  ].join("\n");
  const blocks = yamlBlocks("x.md", md);
  assert(blocks.length === 2, `expected 2 blocks, got ${blocks.length}`);
  assert(blocks[0]!.where === "x.md:1" && blocks[0]!.text === "base_url: http://a\n");
  assert(blocks[1]!.where === "x.md:8" && blocks[1]!.text === "workers: 2\n");
});

Deno.test("yaml examples: every ```yaml block in README.md and docs/*.md is a valid perf config", async () => {
  const failures: string[] = [];
  let count = 0;
  for (const file of await docFiles()) {
    const markdown = await Deno.readTextFile(new URL(file, ROOT));
    for (const block of yamlBlocks(file, markdown)) {
      count++;
      try {
        await parseConfigText(block.text, block.where, envFor(block.text));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(message.startsWith(block.where) ? message : `${block.where}: ${message}`);
      }
    }
  }
  assert(count > 0, "no ```yaml blocks found in README.md and docs/*.md");
  assert(
    failures.length === 0,
    `${failures.length} of ${count} yaml examples are not valid perf configs (mark non-configs \`\`\`yaml fragment):\n` +
      failures.join("\n"),
  );
});
