/** The request side of a scenario in the config: tasks, flow steps, their checks, extracts and thresholds. */
import { z } from "zod";
import { durationSchema, positiveDuration } from "./duration.ts";
import { parseThresholdKey, THRESHOLD_KEY_EXAMPLES } from "./threshold_key.ts";
import { parseJsonPath } from "./json_path.ts";
import { HTTP_METHODS } from "./http_methods.ts";

export const urlSchema = z.string().refine((value) => isHttpUrl(value), {
  message: "must be an absolute http:// or https:// URL",
});

/** An absolute http:// or https:// URL (the config's and -H's rule). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** A status range, inclusive. `expect_status: [200, "3xx"]` becomes [{200,200},{300,399}]. */
export interface StatusRange {
  min: number;
  max: number;
}

export const statusItem = z.union([z.number().int().min(100).max(599), z.string()]).transform(
  (value, ctx) => {
    if (typeof value === "number") return { min: value, max: value };
    const classMatch = /^([1-5])xx$/i.exec(value.trim());
    if (classMatch) return { min: Number(classMatch[1]) * 100, max: Number(classMatch[1]) * 100 + 99 };
    const exact = /^\d{3}$/.exec(value.trim());
    if (exact) return { min: Number(value), max: Number(value) };
    ctx.addIssue({ code: "custom", message: `invalid status ${JSON.stringify(value)}: use 200 or "2xx"` });
    return z.NEVER;
  },
);

export const expectStatusSchema = z.union([statusItem, z.array(statusItem).min(1)]).transform((v) =>
  Array.isArray(v) ? v : [v]
);

export const thresholdsSchema = z.record(z.string(), z.number()).superRefine((thresholds, ctx) =>
  checkThresholdLimits(Object.entries(thresholds), ctx)
);

export function checkThresholdLimits(entries: [string, number][], ctx: z.RefinementCtx): void {
  for (const [key, value] of entries) {
    const metric = parseThresholdKey(key);
    if (!metric) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `unknown threshold "${key}": use one of ${THRESHOLD_KEY_EXAMPLES.join(", ")}`,
      });
    } else if (value < 0 || (metric.kind === "error_rate" && value > 1)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: metric.kind === "error_rate"
          ? `error_rate is a fraction between 0 and 1, got ${value}`
          : `must not be negative, got ${value}`,
      });
    }
  }
}

export const headersSchema = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));

/** `extract:` rules: a JSON path (`$.id`), `{ json }`, `{ regex, group }` or `{ header }`. */
export const extractRuleSchema = z.union([
  z.string().transform((json) => ({ json })),
  z.strictObject({ json: z.string() }),
  z.strictObject({ regex: z.string(), group: z.number().int().min(0).default(1) }),
  z.strictObject({ header: z.string().min(1) }),
]).superRefine((rule, ctx) => {
  if ("json" in rule && parseJsonPath(rule.json) === undefined) {
    ctx.addIssue({
      code: "custom",
      message: `invalid JSON path ${JSON.stringify(rule.json)}: use e.g. "$.items[0].id"`,
    });
  }
  if ("regex" in rule) {
    try {
      new RegExp(rule.regex);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `invalid regex ${JSON.stringify(rule.regex)}: ${(error as Error).message}`,
      });
    }
  }
});

/** `check:` rules; a failed check fails the request it belongs to (error kind `check:<rule>`). */
export const checkSchema = z.strictObject({
  body_contains: z.string().optional(),
  /** JSON path -> expected value, e.g. { "$.name": "test" }. */
  json: z.record(z.string(), z.unknown()).optional(),
  max_duration: positiveDuration.optional(),
}).superRefine((check, ctx) => {
  for (const path of Object.keys(check.json ?? {})) {
    if (parseJsonPath(path) === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["json", path],
        message: `invalid JSON path ${JSON.stringify(path)}`,
      });
    }
  }
});

/** The fields of one request, shared by plain tasks and the steps of a flow. */
export const requestShape = {
  name: z.string().min(1).optional(),
  method: z.string().transform((m) => m.toUpperCase()).pipe(z.enum(HTTP_METHODS)).default("GET"),
  path: z.string().optional(),
  url: urlSchema.optional(),
  headers: headersSchema.default({}),
  json: z.unknown().optional(),
  body: z.string().optional(),
  expect_status: expectStatusSchema.optional(),
  timeout: positiveDuration.optional(),
  extract: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, "a variable name"), extractRuleSchema).default({}),
  check: checkSchema.optional(),
  /** A pause after this request (seconds or a duration), inside the flow. */
  think_time: durationSchema.optional(),
};

type RequestFields = {
  path?: string;
  url?: string;
  json?: unknown;
  body?: string;
};

export function checkRequestFields(request: RequestFields, ctx: z.RefinementCtx, what: string): void {
  if (request.path === undefined && request.url === undefined) {
    ctx.addIssue({ code: "custom", message: `${what} needs a \`path\` (joined to base_url) or a \`url\`` });
  }
  if (request.path !== undefined && request.url !== undefined) {
    ctx.addIssue({ code: "custom", path: ["url"], message: "give either `path` or `url`, not both" });
  }
  if (request.json !== undefined && request.body !== undefined) {
    ctx.addIssue({ code: "custom", path: ["body"], message: "give either `json` or `body`, not both" });
  }
}

/**
 * A scenario threshold: a limit as in the seed (`error_rate: 0.01`), or the limit with live options:
 * `{ limit: 0.01, window: 30s, abort_on_fail: true, delay: 10s }` — evaluated every second over the last
 * `window` once `delay` has passed, ending the run (exit 108) when `abort_on_fail` and it fails. The
 * limit is judged over the whole run at the end either way.
 */
export const thresholdSettingSchema = z.union([
  z.number().transform((limit) => ({ limit, abort_on_fail: false, live: false })),
  z.strictObject({
    limit: z.number().describe(
      "The limit, as in the plain form; the threshold is judged over the whole run at the end either way.",
    ),
    window: positiveDuration.optional().describe(
      "Each second, judge the last `window` of the run (e.g. `30s`); default: the run so far.",
    ),
    abort_on_fail: z.boolean().default(false).describe(
      "When the live check fails, end the run: graceful stop, results written, exit code 108.",
    ),
    delay: durationSchema.optional().describe(
      "No live check before this long into the run (ramp-up, warm-up).",
    ),
  }).transform((t) => ({ ...t, live: true })),
]);

export type ThresholdSetting = z.output<typeof thresholdSettingSchema>;

export const scenarioThresholdsSchema = z.record(z.string(), thresholdSettingSchema).superRefine(
  (thresholds, ctx) => checkThresholdLimits(Object.entries(thresholds).map(([k, t]) => [k, t.limit]), ctx),
);

/** One request of a flow (`steps:`, `on_start:`, `on_stop:`). */
export const stepSchema = z.strictObject(requestShape).superRefine((step, ctx) =>
  checkRequestFields(step, ctx, "a step")
);

export const taskSchema = z.strictObject({
  ...requestShape,
  weight: z.number().min(0).default(1),
  thresholds: thresholdsSchema.default({}),
  /** A flow: requests made in order in one iteration, sharing extracted variables. */
  steps: z.array(stepSchema).min(1).optional(),
}).superRefine((task, ctx) => {
  if (task.steps === undefined) return checkRequestFields(task, ctx, "a task");
  const given = (key: string) => {
    const value = (task as Record<string, unknown>)[key];
    return value !== undefined &&
      !(typeof value === "object" && value !== null && Object.keys(value).length === 0);
  };
  for (
    const key of [
      "path",
      "url",
      "json",
      "body",
      "headers",
      "expect_status",
      "timeout",
      "extract",
      "check",
      "think_time",
    ]
  ) {
    if (given(key)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `a task with \`steps\` takes its requests from them: move \`${key}\` into a step`,
      });
    }
  }
});
