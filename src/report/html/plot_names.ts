/** File names for `plots/*.svg`: lower-case, safe on every file system, unique within a report. */

/** `GET /api/items/{id}` -> `get-api-items-id` (at most 60 characters, never empty). */
export function slug(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return cleaned.replace(/-+$/, "") || "chart";
}

/** Names as given, with `-2`, `-3`… added to any that repeat an earlier one. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
    taken.add(candidate);
    return candidate;
  });
}
