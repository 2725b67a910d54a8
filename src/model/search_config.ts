/**
 * `stress.search:` — the capacity search (issue 15): instead of fixed steps, perf probes the arrival rate
 * upwards by `factor` until a step fails, then bisects to `precision`, within `max_duration`.
 */
import { z } from "zod";
import { durationSchema, positiveDuration } from "./duration.ts";

export const searchSchema = z.strictObject({
  start_rate: z.number().positive().default(10).describe("Arrivals per second of the first step."),
  factor: z.number().gt(1).default(2).describe(
    "Each probe step multiplies the rate by this until a step fails.",
  ),
  precision: z.number().gt(0).lt(1).default(0.05).describe(
    "The search ends when the lowest failing rate is within this share above the highest that held.",
  ),
  max_duration: positiveDuration.default(600_000).describe(
    "The steps of the search never take longer than this; it ends with the best bracket found.",
  ),
  min_samples: z.number().int().positive().default(400).describe(
    "Answers a step aims for (its length is this over its rate, within min_step and max_step).",
  ),
  min_step: positiveDuration.default(10_000).describe("Shortest step."),
  max_step: positiveDuration.default(40_000).describe("Longest step."),
  max_rate: z.number().positive().optional().describe("Never offer more than this many arrivals per second."),
  settle: durationSchema.optional().describe(
    "Left out of each step's figures at its start while the rate settles (default 20% of a step, at most 3 s).",
  ),
});

export type SearchConfig = z.output<typeof searchSchema>;
