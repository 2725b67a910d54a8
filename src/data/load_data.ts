/**
 * The config side of test data: the `test_data` schema and the loader that reads each source's file.
 *
 * ```yaml
 * test_data:
 *   users:                       # the source name, used in templates as {{ users.email }}
 *     file: data/users.csv       # relative to the config file's directory
 *     format: csv                # csv | json; default from the extension
 *     mode: unique               # sequential (default) | random | unique | circular
 *     scope: shared              # shared (default): one run-wide supply, split across workers
 *                                # user: each virtual user has its own cursor over all rows
 *     on_exhausted: stop         # stop (default): the run ends cleanly with a message | wrap
 * ```
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { parseCsv } from "./csv.ts";
import { DATA_MODES, type DataMode } from "./cursor.ts";
import { DataError } from "./errors.ts";
import { parseJsonRows } from "./json_rows.ts";

/** The file formats of test data. */
export const DATA_FORMATS = ["csv", "json"] as const;
/** `csv` or `json`. */
export type DataFormat = (typeof DATA_FORMATS)[number];

/** One `test_data` source, as written in the config (strict: unknown keys are errors). */
export const dataSourceSchema = z.strictObject({
  file: z.string().min(1, { message: "must name a CSV or JSON file" }),
  format: z.enum(DATA_FORMATS).optional(),
  mode: z.enum(DATA_MODES).default("sequential"),
  scope: z.enum(["shared", "user"]).default("shared"),
  on_exhausted: z.enum(["stop", "wrap"]).default("stop"),
});

/** A `test_data` source after parsing: defaults applied, `format` still optional. */
export type DataSourceConfig = z.output<typeof dataSourceSchema>;

/** Source names are used in templates (`{{ users.email }}`), so they must be plain identifiers. */
export const DATA_SOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The whole `test_data` section: source name to source. */
export const testDataSchema = z.record(
  z.string().regex(DATA_SOURCE_NAME, {
    message: "a test data name must be letters, digits and _, not starting with a digit",
  }),
  dataSourceSchema,
);

/** A source with its rows read, ready for `DataCursor`s. */
export interface LoadedSource {
  /** The source name, as in `{{ users.email }}`. */
  name: string;
  /** The file as written in the config (relative to the config's directory), for messages. */
  file: string;
  /** How rows are handed out (see `DataCursor`). */
  mode: DataMode;
  /** `shared`: one supply for the whole run, split across workers; `user`: a cursor per virtual user. */
  scope: "shared" | "user";
  /** When a `unique` source runs out: `stop` ends the run cleanly with a message; `wrap` starts over. */
  onExhausted: "stop" | "wrap";
  /** Every row of the file, keyed by column name. */
  rows: Record<string, string>[];
}

/**
 * Reads every source's file (relative paths from `baseDir`, the config file's directory) and parses
 * it as CSV or JSON (`format`, else from the extension). Sources are read concurrently; when several
 * fail, the first in config order is reported.
 *
 * @throws {DataError} with line 0 for a file that is missing or unreadable
 *   (`Cannot read test data "users": file "data/users.csv" not found`), of unknown format, or without
 *   rows; with the line for a parse error (`data/users.csv:7: expected 3 fields (id, name), got 4`).
 */
export async function loadDataSources(
  sources: Record<string, DataSourceConfig>,
  baseDir: string,
): Promise<Record<string, LoadedSource>> {
  const entries = Object.entries(sources);
  const settled = await Promise.allSettled(
    entries.map(([name, source]) => loadSource(name, source, baseDir)),
  );
  const loaded: Record<string, LoadedSource> = {};
  settled.forEach((result, i) => {
    if (result.status === "rejected") throw result.reason;
    loaded[entries[i]![0]] = result.value;
  });
  return loaded;
}

async function loadSource(name: string, source: DataSourceConfig, baseDir: string): Promise<LoadedSource> {
  const format = dataFormat(name, source);
  const text = await readSource(name, source.file, baseDir);
  const rows = format === "csv" ? parseCsv(text, source.file).rows : parseJsonRows(text, source.file);
  if (rows.length === 0) {
    throw new DataError(source.file, 0, `Test data "${name}" in "${source.file}" has no rows`);
  }
  return {
    name,
    file: source.file,
    mode: source.mode,
    scope: source.scope,
    onExhausted: source.on_exhausted,
    rows,
  };
}

/** The source's format: as configured, else from the file's extension. */
export function dataFormat(name: string, source: Pick<DataSourceConfig, "file" | "format">): DataFormat {
  if (source.format) return source.format;
  const extension = /\.([^./\\]+)$/.exec(source.file)?.[1]?.toLowerCase();
  if (extension === "csv" || extension === "json") return extension;
  throw new DataError(
    source.file,
    0,
    `Cannot read test data "${name}": cannot tell the format of "${source.file}" from its extension; ` +
      `add format: csv or format: json`,
  );
}

async function readSource(name: string, file: string, baseDir: string): Promise<string> {
  const path = isAbsolute(file) ? file : join(baseDir, file);
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    const prefix = `Cannot read test data "${name}": file "${file}"`;
    if (err instanceof Deno.errors.NotFound) throw new DataError(file, 0, `${prefix} not found`);
    if (err instanceof Deno.errors.IsADirectory) throw new DataError(file, 0, `${prefix} is a directory`);
    throw new DataError(file, 0, `${prefix}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
