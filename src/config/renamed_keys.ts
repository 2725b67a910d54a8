/**
 * Keys that were renamed: the old spelling still loads, moved to the new one, with a warning at the old
 * key. `stress.baseline` (the load of the recovery stage) became `stress.recovery_load`, because
 * "baseline" means the earlier runs a run is compared to.
 */
import type { LocustMapping } from "./locust_section.ts";

type Path = (string | number)[];
type Warning = LocustMapping["warnings"][number];

const RENAMED: readonly { within: string; from: string; to: string }[] = [
  { within: "stress", from: "baseline", to: "recovery_load" },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Renames the old keys of one scenario object in place; returns a warning per key moved. */
function renameInScenario(scenario: unknown, at: Path): Warning[] {
  if (!isRecord(scenario)) return [];
  const warnings: Warning[] = [];
  for (const { within, from, to } of RENAMED) {
    const section = scenario[within];
    if (!isRecord(section) || !Object.hasOwn(section, from)) continue;
    if (!Object.hasOwn(section, to)) section[to] = section[from];
    delete section[from];
    warnings.push({
      path: [...at, within, from],
      message: `renamed to ${within}.${to} (the old key still works)`,
    });
  }
  return warnings;
}

/**
 * Applies the renames to a parsed document: a whole config (`scenarios.<name>`) or one scenario file.
 * The value is a fresh copy from YAML, so changing it in place is safe.
 */
export function applyRenamedKeys(value: unknown, root: "config" | "scenario"): Warning[] {
  if (root === "scenario") return renameInScenario(value, []);
  if (!isRecord(value) || !isRecord(value.scenarios)) return [];
  return Object.entries(value.scenarios).flatMap(([name, s]) => renameInScenario(s, ["scenarios", name]));
}
