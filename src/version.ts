import denoJson from "../deno.json" with { type: "json" };

/** The tool's version, kept in one place: deno.json. */
export const VERSION: string = denoJson.version;
