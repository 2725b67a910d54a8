/** `$.items[0].id`, `items.0.id` or `id` → ["items", 0, "id"]; undefined when it is not a path. */
export function parseJsonPath(text: string): (string | number)[] | undefined {
  let rest = text.trim().replace(/^\$\.?/, "");
  const path: (string | number)[] = [];
  while (rest.length > 0) {
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[["']([^"']+)["']\]/.exec(rest);
    const key = /^\.?([A-Za-z_$][\w$-]*|\d+)/.exec(rest);
    if (index) path.push(Number(index[1]));
    else if (quoted) path.push(quoted[1]!);
    else if (key) path.push(/^\d+$/.test(key[1]!) ? Number(key[1]) : key[1]!);
    else return undefined;
    rest = rest.slice((index ?? quoted ?? key)![0].length);
  }
  return path;
}
