/**
 * Validates manifests against the Kubernetes API's own schema, as shipped by the npm package
 * `kubernetes-models` (its validators are compiled with ajv from the Kubernetes OpenAPI definitions):
 * types, required fields, enums and formats (int32, quantities). Like the API schema itself it does not
 * reject unknown keys, so the tests also check the fields that matter by path.
 */
import process from "node:process";

// One of ajv's format packages requires node's deprecated `punycode`: keep that warning out of the output.
const node = process as typeof process & { noDeprecation?: boolean };
const noDeprecation = node.noDeprecation;
node.noDeprecation = true;
const { Job } = await import("kubernetes-models/batch/v1/Job");
const { ConfigMap } = await import("kubernetes-models/v1/ConfigMap");
const { Pod } = await import("kubernetes-models/v1/Pod");
node.noDeprecation = noDeprecation;

const MODELS = {
  "v1/ConfigMap": ConfigMap,
  "v1/Pod": Pod,
  "batch/v1/Job": Job,
} as const;

/** Throws the schema's errors (`data/spec/completions must be integer`) for an invalid manifest. */
export function validateManifest(manifest: Record<string, unknown>): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key as keyof typeof MODELS];
  if (!Model) throw new Error(`no schema for ${key}`);
  // deno-lint-ignore no-explicit-any
  new Model(manifest as any).validate();
}
