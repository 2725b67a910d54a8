/**
 * The config's `test_data` turned into loaded sources before a run. Entries with a `file` are data
 * sources; the seed's own entries (no `file`: settings of its old generator script) are kept out with a
 * warning rather than failing a config that must load unchanged.
 */
import { ExitCode, PerfError } from "../errors.ts";
import { DataError } from "./errors.ts";
import { type DataSourceConfig, dataSourceSchema, loadDataSources, type LoadedSource } from "./load_data.ts";

export interface ResolvedData {
  sources: Record<string, LoadedSource>;
  warnings: string[];
}

export async function resolveTestData(
  testData: Record<string, unknown> | undefined,
  baseDir: string,
): Promise<ResolvedData> {
  const configs: Record<string, DataSourceConfig> = {};
  const warnings: string[] = [];
  for (const [name, entry] of Object.entries(testData ?? {})) {
    if (entry === null || typeof entry !== "object" || !("file" in entry)) {
      warnings.push(`test_data.${name}: no \`file\`, so it is not a data source and is ignored`);
      continue;
    }
    const parsed = dataSourceSchema.safeParse(entry);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join(".") || "entry"}: ${i.message}`).join("; ");
      throw new PerfError(`test_data.${name}: ${why}`, ExitCode.invalidConfig);
    }
    configs[name] = parsed.data;
  }
  try {
    return { sources: await loadDataSources(configs, baseDir), warnings };
  } catch (error) {
    if (error instanceof DataError) throw new PerfError(error.message, ExitCode.invalidConfig);
    throw error;
  }
}
