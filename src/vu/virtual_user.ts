/**
 * One virtual user of the closed model: pick a weighted task, send it, wait, repeat until the worker
 * stops. Many of these run concurrently in one worker.
 */
import type { StopControl } from "./stop_control.ts";
import type { WaitTime } from "../model/config.ts";
import type { RequestOutcome, SnapshotRecorder } from "../metrics/snapshot.ts";
import type { RequestPlan } from "../plan/request_plan.ts";
import { waitAfterTaskMs } from "../plan/wait_time.ts";
import { pickWeighted } from "../plan/weighted.ts";
import { type FlowPlan, type Flows, isPlainFlow } from "../plan/flow_plan.ts";
import { renderedPlan, type Send, type UserEngine } from "./user_engine.ts";
import { type FlowUser, runFlow, runSteps } from "./flow_runner.ts";
import { DataExhausted, type UserData } from "./data_access.ts";

export interface UserContext {
  requests: readonly RequestPlan[];
  /** Running sums of the flows' weights (of the requests' when there are no flows). */
  cumulative: readonly number[];
  wait: WaitTime;
  random: () => number;
  recorder: SnapshotRecorder;
  send: Send;
  control: StopControl;
  /** performance.now() at which this user stops (a ramp-down stage); undefined: when the run stops. */
  until?: number;
  /** The tasks as flows; absent: every request is a one-step task of its own. */
  flows?: Flows;
  /** Sends rendered requests (flows with placeholders). */
  sendRendered?: UserEngine["sendRendered"];
  /** This user's view of the test data. */
  data?: UserData;
  /** Called when a `unique` data source is used up (the user then stops). */
  onDataExhausted?: (source: string) => void;
}

function plainFlows(requests: readonly RequestPlan[]): Flows {
  const flows = requests.map((plan, index): FlowPlan => ({
    name: plan.name,
    weight: plan.weight,
    steps: [{ index, extract: [], checks: [], think_ms: 0, capture: false }],
  }));
  return { flows, on_start: [], on_stop: [], requests: [...requests] };
}

/**
 * Runs one user until the worker stops it (or `until`); resolves when it has finished (after its
 * `on_stop` steps). Driven by callbacks rather than an async loop, so a user waiting between iterations
 * holds nothing but itself.
 */
export function runVirtualUser(ctx: UserContext): Promise<void> {
  const { control } = ctx;
  const flows = ctx.flows ?? plainFlows(ctx.requests);
  // Endpoint slots are resolved once per user, so recording costs no string work per request.
  const slots = ctx.requests.map((plan) => ctx.recorder.slot(plan.name, plan.method));
  const user: FlowUser = {
    vars: new Map(),
    random: ctx.random,
    engine: {
      send: ctx.send,
      sendRendered: ctx.sendRendered ??
        ((base, parts, capture) => ctx.send(renderedPlan(base, parts), -1, capture)),
      close() {},
    },
    recorder: ctx.recorder,
    slots,
    requests: ctx.requests,
    control,
    data: ctx.data,
  };
  const until = ctx.until ?? Infinity;
  let index = 0;
  let started = 0;
  return new Promise((finished) => {
    const end = () => runSteps(flows.on_stop, user, true).then(() => finished(), () => finished());
    /** A failed iteration: used-up test data stops this user (and tells the worker); anything else ends it. */
    const failed = (error: unknown) => {
      if (error instanceof DataExhausted) ctx.onDataExhausted?.(error.source);
      end();
    };
    const iterate = (): void => {
      if (control.stopping || performance.now() >= until) {
        end();
        return;
      }
      const flow = flows.flows[pickWeighted(ctx.cumulative, ctx.random())]!;
      started = performance.now();
      if (isPlainFlow(flow)) {
        index = flow.steps[0]!.index;
        ctx.send(ctx.requests[index]!, index).then(afterRequest, end);
      } else {
        ctx.data?.newIteration();
        runFlow(flow, user).then(afterIteration, failed);
      }
    };
    const afterRequest = (outcome: RequestOutcome) => {
      ctx.recorder.recordAt(slots[index]!, outcome);
      afterIteration();
    };
    const afterIteration = () => {
      const wait = waitAfterTaskMs(ctx.wait, performance.now() - started, ctx.random());
      // No wait (a throughput test) goes straight on: the request's promise already yielded.
      if (wait > 0) control.after(Math.min(wait, until - performance.now()), iterate);
      else iterate();
    };
    if (flows.on_start.length > 0) runSteps(flows.on_start, user).then(iterate, failed);
    else iterate();
  });
}
