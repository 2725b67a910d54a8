/**
 * `perf schema result|config`: prints the JSON Schema of result.json (generated from the zod schema
 * readers validate with) or of the config file (from the config's zod schema, as written: `io: "input"`).
 * The config schema is structural only (types, fields, enums); `perf validate` stays the authority on
 * what a config means (durations, threshold keys, cross-field rules).
 */
import { z } from "zod";
import { ExitCode, PerfError } from "../errors.ts";
import { configSchema } from "../model/config.ts";
import { resultJsonSchema } from "../model/result_schema.ts";
import type { CliIo } from "./io.ts";

export const SCHEMA_NAMES = ["result", "config"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The config file's JSON Schema: structure only, refinements are not representable. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
}

export function jsonSchemaOf(name: SchemaName): Record<string, unknown> {
  return name === "result" ? resultJsonSchema() : configJsonSchema();
}

export function schemaCommand(name: string, io: CliIo): number {
  if (!(SCHEMA_NAMES as readonly string[]).includes(name)) {
    throw new PerfError(`Unknown schema "${name}"`, ExitCode.usage, `one of: ${SCHEMA_NAMES.join(", ")}`);
  }
  io.stdout(`${JSON.stringify(jsonSchemaOf(name as SchemaName), null, 2)}\n`);
  return ExitCode.ok;
}
