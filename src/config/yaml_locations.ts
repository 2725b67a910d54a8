/**
 * Maps a key path (a zod issue path, an interpolation path) to a line and column in the YAML source, so
 * every config problem can be reported as `file:line:col`. Pure: it only reads the document.
 *
 * @module
 */
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
} from "yaml";

/** A 1-based position in the source text. */
export interface Position {
  line: number;
  col: number;
}

/** One step of a path: a mapping key or a sequence index (zod's paths may also hold symbols). */
export type PathStep = PropertyKey;

/** Where a path leads in a document. */
export interface NodeLookup {
  /** The deepest node the path reaches (the document's root when even the first step is missing). */
  node: Node | null;
  /** The key node of the pair holding `node`, when `node` is a mapping value. */
  key: Node | null;
  /** How many steps of the path exist in the document. */
  depth: number;
}

/** The position of a character offset, from the LineCounter the document was parsed with. */
export function offsetPosition(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

/** Follows `path` through mappings, sequences and aliases as far as the document goes. */
export function findNode(doc: Document, path: readonly PathStep[]): NodeLookup {
  let node = (doc.contents ?? null) as Node | null;
  let key: Node | null = null;
  let depth = 0;
  for (const step of path) {
    if (isAlias(node)) node = (node.resolve(doc) ?? null) as Node | null;
    const next = childOf(node, step);
    if (!next) break;
    node = next.value;
    key = next.key;
    depth++;
  }
  return { node, key, depth };
}

function childOf(node: Node | null, step: PathStep): { value: Node; key: Node | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
    // A key with nothing after it (`smoke:`) still has a value node (a null scalar), so this holds.
    return pair ? { value: (pair.value ?? pair.key) as Node, key: pair.key as Node } : undefined;
  }
  if (isSeq(node) && typeof step === "number") {
    const item = node.items[step];
    return item ? { value: item as Node, key: null } : undefined;
  }
  return undefined;
}

/**
 * The position to report for a problem at `path`: the value when it is a scalar (`users: -5` points at
 * `-5`), the key when the value is a collection or empty (`smoke:` points at `smoke`, which reads better
 * than the first line inside it), and the deepest existing node when the path goes further than the
 * document (a missing required key points at the mapping that lacks it).
 */
export function locatePath(doc: Document, lineCounter: LineCounter, path: readonly PathStep[]): Position {
  const { node, key } = findNode(doc, path);
  const target = key && (isCollection(node) || isEmptyScalar(node)) ? key : node;
  return offsetPosition(lineCounter, target?.range?.[0] ?? 0);
}

/**
 * The position of the key `name` inside the mapping at `mapPath`, for an unknown key: the report points
 * at the typo itself. Falls back to the mapping when the key cannot be found.
 */
export function locateKey(
  doc: Document,
  lineCounter: LineCounter,
  mapPath: readonly PathStep[],
  name: string,
): Position {
  const { node, depth } = findNode(doc, mapPath);
  if (depth === mapPath.length && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
    const range = (pair?.key as Node | undefined)?.range;
    if (range) return offsetPosition(lineCounter, range[0]);
  }
  return locatePath(doc, lineCounter, mapPath);
}

function isEmptyScalar(node: Node | null): boolean {
  return isScalar(node) && node.value === null && (node.source === "" || node.source === undefined);
}
