/** Checks on rendered SVG text shared by the chart component tests. */
import { assert, assertEquals } from "../../helpers/assert.ts";

/** Every id="…" in the markup. */
export function idsIn(svg: string): string[] {
  return [...svg.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
}

/** Every id the markup points at: url(#…), href="#…" and aria-labelledby / aria-describedby lists. */
export function idReferencesIn(svg: string): string[] {
  const urls = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
  const hrefs = [...svg.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  const aria = [...svg.matchAll(/aria-(?:labelledby|describedby)="([^"]*)"/g)].flatMap((m) =>
    m[1]!.split(/\s+/)
  );
  return [...urls, ...hrefs, ...aria];
}

/** All ids start with `prefix`, are unique, and every reference points at one of them. */
export function assertIdsPrefixed(svg: string, prefix: string): void {
  const ids = idsIn(svg);
  assert(ids.length > 0, "the chart has ids");
  for (const id of ids) {
    assert(id.startsWith(`${prefix}-`), `id "${id}" lacks the prefix "${prefix}-"`);
  }
  assertEquals(new Set(ids).size, ids.length, "ids are unique");
  for (const ref of idReferencesIn(svg)) assert(ids.includes(ref), `reference to missing id "${ref}"`);
}

const VOID_CONTENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/** Tags open and close in order (a cheap well-formedness check; SSR escapes text and attributes). */
export function assertBalancedTags(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.replace(VOID_CONTENT, "").matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      stack.push(name!);
      continue;
    }
    assertEquals(stack.pop(), name, `closing </${name}>`);
  }
  assertEquals(stack, [], "every tag closed");
}

/** The text of the first element named `tag`. */
export function textOf(svg: string, tag: string): string | undefined {
  return svg.match(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`))?.[1];
}
