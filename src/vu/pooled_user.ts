/**
 * The users of the open model's pool: each arrival runs one iteration (a plain request, a flow, or a task
 * of a TypeScript user) on a free one. A pooled user keeps what a user keeps (variables, connections,
 * test data) from one iteration to the next; its `on_start` runs once, before its first iteration, and
 * its `on_stop` when the pool closes.
 *
 * Timing (coordinated omission corrected): an iteration's first request is measured from the
 * iteration's intended start, a later one from the moment it was due (the end of the request before,
 * plus the think time between), so a queue before the iteration counts once; every request's service
 * time is measured from its actual send.
 */
import type { SnapshotRecorder } from "../metrics/snapshot.ts";
import type { Flows } from "../plan/flow_plan.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { pickWeighted } from "../plan/weighted.ts";
import type { UserData } from "./data_access.ts";
import { type FlowUser, runSteps } from "./flow_runner.ts";
import { type ScriptContext, ScriptUser } from "./script_user.ts";
import type { StopControl } from "./stop_control.ts";
import type { UserEngine } from "./user_engine.ts";
import { timeFromDue } from "./timing.ts";

export interface PooledUser {
  /** Runs one iteration that was due at `intended` (a performance.now() time). */
  iterate(intended: number): Promise<void>;
  /** After its last iteration: `on_stop`, then its connections. */
  close(): Promise<void>;
}

export interface PoolContext {
  requests: readonly RequestPlan[];
  /** Running sums of the flows' weights. */
  cumulative: readonly number[];
  random: () => number;
  recorder: SnapshotRecorder;
  control: StopControl;
}

/** Plain one-request tasks: the fast path, with no flow machinery per request. */
export function requestUser(engine: UserEngine, ctx: PoolContext, flows: Flows): PooledUser {
  const slots = ctx.requests.map((plan) => ctx.recorder.slot(plan.name, plan.method));
  return {
    async iterate(intended) {
      const index = flows.flows[pickWeighted(ctx.cumulative, ctx.random())]!.steps[0]!.index;
      const outcome = await engine.send(ctx.requests[index]!, index);
      timeFromDue(outcome, intended);
      ctx.recorder.recordAt(slots[index]!, outcome);
    },
    close() {
      engine.close();
      return Promise.resolve();
    },
  };
}

/** YAML flows: steps with extract, checks, think times and placeholders; on_start once per user. */
export function flowUser(
  engine: UserEngine,
  ctx: PoolContext & { flows: Flows; data?: UserData },
): PooledUser {
  const user: FlowUser = {
    vars: new Map(),
    random: ctx.random,
    engine,
    recorder: ctx.recorder,
    slots: ctx.requests.map((plan) => ctx.recorder.slot(plan.name, plan.method)),
    requests: ctx.requests,
    control: ctx.control,
    data: ctx.data,
  };
  /** on_start is not on the schedule: its requests are timed from their own send. */
  const start = () => {
    user.due = performance.now();
    return runSteps(ctx.flows.on_start, user);
  };
  let started: Promise<void> | undefined;
  return {
    async iterate(intended) {
      await (started ??= start());
      const flow = ctx.flows.flows[pickWeighted(ctx.cumulative, ctx.random())]!;
      ctx.data?.newIteration();
      user.due = intended;
      // An iteration that started on the schedule runs to its end in the graceful stop, as a plain one does.
      await runSteps(flow.steps, user, true);
    },
    async close() {
      user.due = performance.now();
      await runSteps(ctx.flows.on_stop, user, true).catch(() => {});
      engine.close();
    },
  };
}

/** A TypeScript user: each iteration runs one of its tasks, picked by weight; on_start once. */
export function scriptPoolUser(ctx: ScriptContext): PooledUser {
  const user = new ScriptUser(ctx, { open: true });
  let started: Promise<void> | undefined;
  return {
    async iterate(intended) {
      await (started ??= user.start());
      await user.runTask(intended);
    },
    async close() {
      await user.stop().catch(() => {});
      ctx.engine.close();
    },
  };
}
