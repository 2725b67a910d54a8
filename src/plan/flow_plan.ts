/**
 * Tasks compiled into flows: each task is a flow of one or more steps (its `steps:`, or itself), each
 * step a request plan plus its templates, extraction rules, checks and think time. Compiled once per
 * run; steps without placeholders and without rules keep the engines' prepared fast path.
 */
import type { ScenarioConfig, StepConfig, TaskConfig } from "../model/config.ts";
import { buildRequestPlan, DEFAULT_TASK, type RequestPlan } from "./request_plan.ts";
import { type Check, type Extractor } from "../flow/response_rules.ts";
import { parseJsonPath } from "../model/json_path.ts";
import { GENERATORS } from "../data/generators.ts";
import {
  compileJsonTemplate,
  compileTemplate,
  type JsonTemplate,
  jsonTemplateIsStatic,
  setKnownCalls,
  type Template,
} from "../flow/template.ts";

export interface StepTemplates {
  url: Template;
  /** Only the headers with placeholders; the others stay in the plan's headers as they are. */
  headers: [string, Template][];
  body?: Template;
  json?: JsonTemplate;
}

export interface StepPlan {
  /** Index into `Flows.requests`: the engines prepare static requests by it. */
  index: number;
  /** Present when some part of the request must be rendered per iteration. */
  templates?: StepTemplates;
  extract: [string, Extractor][];
  /** Content checks on the captured response. */
  checks: Check[];
  /** `check.max_duration`: judged from the measured latency, no capture needed. */
  max_ms?: number;
  think_ms: number;
  /** The response must be kept (something extracts from it or checks it). */
  capture: boolean;
}

export interface FlowPlan {
  name: string;
  weight: number;
  steps: StepPlan[];
}

export interface Flows {
  flows: FlowPlan[];
  on_start: StepPlan[];
  on_stop: StepPlan[];
  /** Every step's request plan, flat: what engines prepare and what endpoints are counted under. */
  requests: RequestPlan[];
}

function compileExtractors(step: StepConfig): [string, Extractor][] {
  return Object.entries(step.extract).map(([name, rule]): [string, Extractor] => {
    if ("json" in rule) return [name, { kind: "json", path: parseJsonPath(rule.json)!, source: rule.json }];
    if ("regex" in rule) return [name, { kind: "regex", pattern: new RegExp(rule.regex), group: rule.group }];
    return [name, { kind: "header", name: rule.header.toLowerCase() }];
  });
}

function compileChecks(step: StepConfig): Check[] {
  const check = step.check;
  if (!check) return [];
  const checks: Check[] = [];
  if (check.body_contains !== undefined) {
    const template = compileTemplate(check.body_contains);
    checks.push({
      kind: "body_contains",
      text: check.body_contains,
      template: template.isStatic ? undefined : template,
    });
  }
  for (const [source, expected] of Object.entries(check.json ?? {})) {
    checks.push({ kind: "json_equals", path: parseJsonPath(source)!, source, expected });
  }
  return checks;
}

function compileTemplates(plan: RequestPlan, step: StepConfig): StepTemplates | undefined {
  const url = compileTemplate(plan.url);
  const headers = Object.entries(plan.headers)
    .map(([k, v]): [string, Template] => [k, compileTemplate(v)])
    .filter(([, t]) => !t.isStatic);
  const json = step.json === undefined ? undefined : compileJsonTemplate(step.json);
  const body = step.body === undefined ? undefined : compileTemplate(step.body);
  const isStatic = url.isStatic && headers.length === 0 && (body?.isStatic ?? true) &&
    (json === undefined || jsonTemplateIsStatic(json));
  return isStatic ? undefined : { url, headers, body, json };
}

setKnownCalls(Object.keys(GENERATORS));

/** Builds the flows of a scenario; steps land in `requests` in order. */
export function buildFlows(scenario: ScenarioConfig, baseUrl: string): Flows {
  const requests: RequestPlan[] = [];
  const compileStep = (step: StepConfig): StepPlan => {
    const plan = buildRequestPlan(step, scenario, baseUrl);
    const extract = compileExtractors(step);
    const checks = compileChecks(step);
    return {
      index: requests.push(plan) - 1,
      templates: compileTemplates(plan, step),
      extract,
      checks,
      max_ms: step.check?.max_duration,
      think_ms: step.think_time ?? 0,
      capture: extract.length > 0 || checks.length > 0,
    };
  };
  const tasks: TaskConfig[] = scenario.tasks.length > 0 ? scenario.tasks : [DEFAULT_TASK];
  const flows = tasks.map((task): FlowPlan => {
    const steps = (task.steps ?? [task]).map(compileStep);
    const first = requests[steps[0]!.index]!;
    return { name: task.name ?? first.name, weight: task.weight, steps };
  });
  return {
    flows,
    on_start: scenario.on_start.map(compileStep),
    on_stop: scenario.on_stop.map(compileStep),
    requests,
  };
}

/** A one-step flow with nothing to render, extract, check or wait for takes the engines' fastest path. */
export function isPlainFlow(flow: FlowPlan): boolean {
  const step = flow.steps[0]!;
  return flow.steps.length === 1 && !step.templates && !step.capture && step.max_ms === undefined &&
    step.think_ms === 0;
}
