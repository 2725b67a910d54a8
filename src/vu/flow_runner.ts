/**
 * Runs steps for one user: render what is templated, send, then extract and check. A step that fails
 * (bad status, a failed check, a value it could not extract or render) ends the flow's iteration, so
 * later steps do not fail for want of its variables; its failure is counted on that request, by name.
 */
import { callGenerator } from "../data/generators.ts";
import type { FlowPlan, StepPlan, StepTemplates } from "../plan/flow_plan.ts";
import { extract, ParsedBody, passes } from "../flow/response_rules.ts";
import { type CapturedResponse } from "../model/response.ts";
import {
  renderJsonTemplate,
  type RenderScope,
  renderTemplate,
  type Template,
  TemplateError,
} from "../flow/template.ts";
import { newOutcome, type RequestOutcome, type SnapshotRecorder } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { DataExhausted, type UserData } from "./data_access.ts";
import type { RenderedParts, UserEngine } from "./user_engine.ts";
import type { StopControl } from "./stop_control.ts";
import { timeFromDue } from "./timing.ts";

/** What a user carries from step to step: its variables, its randomness, its connections. */
export interface FlowUser {
  vars: Map<string, string>;
  random: () => number;
  engine: UserEngine;
  recorder: SnapshotRecorder;
  /** Endpoint slot of each request plan, by index. */
  slots: readonly number[];
  requests: readonly RequestPlan[];
  control: StopControl;
  /** Test data rows (`{{ source.field }}`); absent when the run has none. */
  data?: UserData;
  /** How templates see this user (made once, on first use). */
  scope?: RenderScope;
  /**
   * Open model: when the next step was due (performance.now()), its latency is measured from it; the
   * steps move it on. Absent in the closed model, where a request is timed from its send.
   */
  due?: number;
}

function scopeFor(user: FlowUser): RenderScope {
  return user.scope ??= {
    lookup: (name) => user.vars.get(name) ?? user.data?.lookup(name),
    call: (name, args) => callGenerator(name, args, user.random),
  };
}

/** Headers with placeholders rendered; the plan's own object when it has none, so encodings can be cached. */
function renderHeaders(
  templates: StepTemplates,
  base: RequestPlan,
  scope: RenderScope,
): Record<string, string> {
  if (templates.headers.length === 0) return base.headers;
  const headers = { ...base.headers };
  for (const [name, template] of templates.headers) {
    // A header whose variable is not set yet is left out, so a scenario-wide `Authorization:
    // Bearer {{ token }}` works from the login step on; a missing variable in the path or body fails.
    try {
      headers[name] = renderTemplate(template, scope);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      delete headers[name];
    }
  }
  return headers;
}

/** The parts of a step's request with their placeholders filled in. */
export function renderStep(step: StepPlan, base: RequestPlan, scope: RenderScope): RenderedParts {
  const t = step.templates!;
  let body = base.body;
  if (t.json) body = JSON.stringify(renderJsonTemplate(t.json, scope));
  else if (t.body) body = renderTemplate(t.body, scope);
  return { url: renderTemplate(t.url, scope), headers: renderHeaders(t, base, scope), body };
}

/** Placeholders in a check's text; a variable that is not set makes the check fail. */
function renderCheckText(template: Template, scope: RenderScope): string {
  try {
    return renderTemplate(template, scope);
  } catch {
    return "\u0000 unset variable \u0000";
  }
}

/** Applies extraction and checks to a response; returns the error kind of the first failure. */
export function applyRules(
  step: StepPlan,
  response: CapturedResponse,
  vars: Map<string, string>,
  scope: RenderScope,
): string | undefined {
  const body = new ParsedBody(response.body);
  for (const check of step.checks) {
    const rendered = check.kind === "body_contains" && check.template
      ? { ...check, text: renderCheckText(check.template, scope) }
      : check;
    if (!passes(rendered, response, body)) return `check:${check.kind}`;
  }
  for (const [name, rule] of step.extract) {
    const value = extract(rule, response, body);
    if (value === undefined) return `extract:${name}`;
    vars.set(name, value);
  }
  return undefined;
}

/** Not async: the engine's promise is returned as it is (one async frame less per request). */
function send(step: StepPlan, user: FlowUser): Promise<RequestOutcome> {
  const base = user.requests[step.index]!;
  if (!step.templates) return user.engine.send(base, step.index, step.capture);
  let parts: RenderedParts;
  try {
    parts = renderStep(step, base, scopeFor(user));
  } catch (error) {
    if (error instanceof DataExhausted) return Promise.reject(error); // the user stops; the run ends cleanly
    // Nothing was sent: counted as a failure of this request so the cause shows by name.
    const outcome = newOutcome(0);
    outcome.error = error instanceof TemplateError ? "template" : "template_error";
    return Promise.resolve(outcome);
  }
  return user.engine.sendRendered(base, parts, step.capture);
}

/** Runs one step and records it; false when it failed (the flow's iteration then ends). */
export async function runStep(step: StepPlan, user: FlowUser): Promise<boolean> {
  const sent = performance.now();
  const outcome = await send(step, user);
  const end = performance.now();
  if (outcome.error === undefined) {
    if (step.max_ms !== undefined && outcome.latency_us / 1000 > step.max_ms) {
      outcome.error = "check:max_duration";
    } else if (outcome.response) {
      outcome.error = applyRules(step, outcome.response, user.vars, scopeFor(user));
    }
  }
  outcome.response = undefined; // nothing of a response outlives its step
  if (user.due !== undefined) {
    // Checks above saw the time from the send; the record has the time from when the step was due.
    // A think time cut short by the run's stop sends the step before it was due: timed from the send.
    timeFromDue(outcome, Math.min(user.due, sent), end);
    user.due = end + step.think_ms;
  }
  user.recorder.recordAt(user.slots[step.index]!, outcome);
  if (outcome.error !== undefined) return false;
  if (step.think_ms > 0 && !user.control.stopping) await user.control.sleep(step.think_ms);
  return true;
}

/** Runs steps in order until one fails or the run stops (`on_stop` steps run while stopping). */
export async function runSteps(
  steps: readonly StepPlan[],
  user: FlowUser,
  whileStopping = false,
): Promise<void> {
  for (const step of steps) {
    if (!(await runStep(step, user))) return;
    if (user.control.stopping && !whileStopping) return;
  }
}

/** Resolves true when every step passed; a one-step flow skips the loop's own async frame. */
export function runFlow(flow: FlowPlan, user: FlowUser): Promise<unknown> {
  return flow.steps.length === 1 ? runStep(flow.steps[0]!, user) : runSteps(flow.steps, user);
}
