/**
 * A capacity server in a process of its own (`deno run --allow-net capacity_server_main.ts PER_SECOND
 * QUEUE_S LIFETIME_S`): it answers PER_SECOND requests a second, first come first served, and queues the
 * rest up to QUEUE_S seconds of backlog; beyond that it refuses at once with 503. Out of the test's
 * process so that perf's own event loop adds nothing to its times, and a high capacity is not bounded
 * by perf sharing its thread.
 *
 * `GET /stats` (not counted) says what it measured itself: requests, refusals, the deepest backlog, and
 * each episode of backlog: when it began, when it was deepest (the load fell back under the capacity
 * then), and when the queue had drained. Prints its port on stdout; stops by itself after LIFETIME_S.
 */
const [perSecond, queueS, lifetimeS] = Deno.args.map(Number) as [number, number, number];
const gapMs = 1000 / perSecond;
/** A backlog deeper than this starts an episode; one at most `DRAINED_MS` deep ends it. */
const EPISODE_MS = Math.max(100, 10 * gapMs);
const DRAINED_MS = 5;

interface Episode {
  start_s: number;
  peak_s: number;
  peak_backlog_ms: number;
  drained_s?: number;
}

const started = performance.now();
const seconds = (ms: number) => Math.round(ms - started) / 1000;
let nextFree = 0;
let requests = 0;
let refused = 0;
let maxBacklogMs = 0;
const episodes: Episode[] = [];

function track(now: number, backlogMs: number): void {
  maxBacklogMs = Math.max(maxBacklogMs, backlogMs);
  const open = episodes.at(-1)?.drained_s === undefined ? episodes.at(-1) : undefined;
  if (open) {
    if (backlogMs > open.peak_backlog_ms) {
      Object.assign(open, { peak_s: seconds(now), peak_backlog_ms: backlogMs });
    }
    if (backlogMs <= DRAINED_MS) open.drained_s = seconds(now);
  } else if (backlogMs > EPISODE_MS) {
    episodes.push({ start_s: seconds(now), peak_s: seconds(now), peak_backlog_ms: backlogMs });
  }
}

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(port) },
  async (req) => {
    if (new URL(req.url).pathname === "/stats") {
      return Response.json({
        requests,
        refused,
        max_backlog_ms: maxBacklogMs,
        episodes,
        now_s: seconds(performance.now()),
      });
    }
    requests++;
    const now = performance.now();
    const slot = Math.max(now, nextFree);
    track(now, slot - now);
    if (slot - now > queueS * 1000) {
      refused++;
      return new Response("queue full", { status: 503 });
    }
    nextFree = slot + gapMs;
    await new Promise((resolve) => setTimeout(resolve, slot + gapMs - now));
    return new Response("ok");
  },
);
setTimeout(() => server.shutdown(), lifetimeS * 1000);
