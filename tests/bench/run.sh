#!/usr/bin/env bash
# `deno task bench`: perf side by side with wrk and autocannon (and any other built-in of the shared
# harness), against the harness's nginx target, in one session, with medians and ratios.
#
# A thin wrapper around the shared benchmark harness's compare.sh (see its README.md): it writes a perf
# config whose one scenario sends GET {path} with wait_time 0 (the peers never wait either), warms
# Deno's cache so no run pays for downloads, and hands compare.sh a perf command template.
#
# Needs, once per machine, the harness's setup.sh (as root: nginx, wrk, autocannon, the other peers,
# and deno@2.9.6 under /tmp/benchtools):
#     ../shared/bench/setup.sh
# Takes a while (every tool runs -r times for -d seconds, plus pauses): it is not part of `deno task test`.
#
# Usage (from the repository root; every option goes to compare.sh):
#     deno task bench                                  # defaults: -d 10 -c 50 -r 3 -t "wrk autocannon"
#     deno task bench -d 8 -c 50 -r 3 -t "wrk autocannon locust"
#     bash tests/bench/run.sh -p /10k -q
#
# Env: PERF_BENCH_HARNESS  the harness directory (default: <repo>/../shared/bench)
#      PERF_BENCH_REF      the commit to measure (default HEAD; a snapshot of it, not the working tree)
#      PERF_BENCH_ENGINES  engines to measure, e.g. "http1 fetch" (default http1)
#      PERF_BENCH_WORKERS  perf --workers (default 1, like `wrk -t1` and single-threaded autocannon)
#      PERF_BENCH_SCENARIOS what perf sends (default "get"; any of):
#                          get   plain GET {path}, the request pre-encoded once
#                          flow  a YAML flow step: templated path ({{ $int }}), a regex extract from the
#                                body, a max_duration check
#                          ts    a TypeScript user doing the same through the context (http.get, check)
#                          The issue-5 goal: flow and ts within 1.5x the CPU per request of get.
#      DENO                the deno binary perf runs with (default: lib.sh's choice: $DENO, PATH, /tmp/benchtools)
#      and compare.sh's own (PORT, TARGET_CPU, TOOL_CPU, GRACE, ...).
set -euo pipefail

# `run.sh --result-line FILE`: prints compare.sh's `RESULT rps=N p50_ms=N p99_ms=N` line from a perf
# result JSON. Used inside the template below: plain awk, so it adds next to nothing to perf's measured
# CPU. The result JSON is pretty-printed with `run` first and `summary` second (src/result/judge.ts),
# so the first "rps", "p50" and "p99" keys in the file are the whole run's.
if [[ "${1:-}" == --result-line ]]; then
  awk '
    function num(line) { sub(/^[^:]*:[ ]*/, "", line); sub(/,[ ]*$/, "", line); return line }
    /^[ ]*"rps":/ && rps == "" { rps = num($0) }
    /^[ ]*"p50":/ && p50 == "" { p50 = num($0) }
    /^[ ]*"p99":/ && p99 == "" { p99 = num($0) }
    END {
      if (rps == "") { print "run.sh: no summary.rps in " FILENAME > "/dev/stderr"; exit 1 }
      printf "RESULT rps=%s p50_ms=%s p99_ms=%s\n", rps, p50, p99
    }' "$2"
  exit
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || { cd "$HERE/../.." && pwd; })"
HARNESS="${PERF_BENCH_HARNESS:-$ROOT/../shared/bench}"
WORKERS="${PERF_BENCH_WORKERS:-1}"
[[ -x "$HARNESS/compare.sh" && -f "$HARNESS/lib.sh" ]] || {
  echo "bench: no harness at $HARNESS (compare.sh, lib.sh); set PERF_BENCH_HARNESS" >&2
  exit 2
}

# lib.sh only defines variables and functions; it gives the same $DENO that compare.sh puts in {deno}.
# shellcheck source=/dev/null
source "$HARNESS/lib.sh"
command -v "$DENO" >/dev/null || {
  echo "bench: no deno binary ($DENO); run $HARNESS/setup.sh once, or set DENO=/path/to/deno" >&2
  exit 2
}
if ! command -v wrk >/dev/null || [[ ! -f "$AUTOCANNON" ]]; then
  echo "bench: wrk or autocannon is missing: run $HARNESS/setup.sh once (compare.sh skips missing tools)" >&2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/perf-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Benchmark a snapshot of a commit, not the live tree: edits made while the benchmark runs (it takes
# minutes) must not change the code under measurement half-way.
REF="${PERF_BENCH_REF:-HEAD}"
PERF_ROOT="$WORK/perf"
mkdir -p "$PERF_ROOT"
git -C "$ROOT" archive "$REF" | tar -x -C "$PERF_ROOT"
echo "bench: perf at $(git -C "$ROOT" rev-parse --short "$REF") ($REF)$(git -C "$ROOT" diff --quiet "$REF" || echo '; the working tree differs and is not measured')" >&2

# The target path comes from compare.sh's {path} through the environment (${VAR:-default} interpolation).
cat > "$WORK/bench.yaml" <<'YAML'
# Written by tests/bench/run.sh: one endpoint, no think time, no thresholds (exit 0 whatever the numbers).
scenarios:
  get:
    description: "compare.sh: GET {path} on the nginx target as fast as the users can"
    test_type: custom
    wait_time: 0
    graceful_stop: 5s
    tasks:
      - name: bench
        path: "${PERF_BENCH_PATH:-/ok}"
  flow:
    description: "the same GET as a flow step: rendered per request, its response captured and checked"
    test_type: custom
    wait_time: 0
    graceful_stop: 5s
    tasks:
      - name: bench
        path: "${PERF_BENCH_PATH:-/ok}?n={{ $int(1, 1000) }}"
        extract: { first: { regex: "^(.)" } }
        check: { max_duration: 10s }
  ts:
    description: "the same GET from a TypeScript user"
    test_type: custom
    wait_time: 0
    graceful_stop: 5s
    user: ./bench_user.ts
YAML
cat > "$WORK/bench_user.ts" <<'TS'
// Written by tests/bench/run.sh: what the `flow` scenario does, as a custom user.
const path = Deno.env.get("PERF_BENCH_PATH") ?? "/ok";
interface BenchContext {
  http: { get(path: string, options: { name: string }): Promise<{ body: string; duration_ms: number }> };
  check(ok: boolean, name: string): boolean;
  vars: Map<string, unknown>;
}
export default {
  wait_time: 0,
  tasks: [{
    name: "bench",
    run: async ({ http, check, vars }: BenchContext) => {
      const res = await http.get(`${path}?n=${1 + Math.floor(Math.random() * 1000)}`, { name: path });
      const first = /^(.)/.exec(res.body)?.[1];
      if (check(first !== undefined, "extract:first")) vars.set("first", first);
      check(res.duration_ms <= 10_000, "max_duration");
    },
  }],
};
TS

# Compile and cache perf and its npm dependencies now, not inside the first measured run.
"$DENO" cache "$PERF_ROOT/main.ts" "$PERF_ROOT/src/vu/worker.ts" >/dev/null

# compare.sh substitutes {origin} (http://127.0.0.1:PORT), {path}, {conns}, {duration} (whole seconds),
# {tmp} (a per-run scratch prefix beside its logs) and {deno}. Every user starts at once (-r 100000), as
# the peers open all their connections at once; -t is given as {duration}s. The result directory and the
# JSON land beside compare.sh's logs for that run.
# PERF_BENCH_ENGINES and PERF_BENCH_SCENARIOS pick what to measure: perf[_<scenario>][_<engine>].
perf_template() {
  local template="PERF_BENCH_PATH={path} {deno} run --allow-all"
  template+=" '$PERF_ROOT/main.ts' run -c '$WORK/bench.yaml' -s $2 -H {origin} --engine $1"
  template+=" -u {conns} -r 100000 -t {duration}s --workers $WORKERS --quiet -o {tmp}.perf --json {tmp}.json"
  template+=" && bash '$HERE/run.sh' --result-line {tmp}.json"
  printf '%s' "$template"
}
TEMPLATES=()
for engine in ${PERF_BENCH_ENGINES:-http1}; do
  for scenario in ${PERF_BENCH_SCENARIOS:-get}; do
    name=perf
    [[ "$scenario" == get ]] || name+="_$scenario"
    [[ "$engine" == http1 ]] || name+="_$engine"
    TEMPLATES+=("$name=$(perf_template "$engine" "$scenario")")
  done
done

"$HARNESS/compare.sh" "$@" "${TEMPLATES[@]}"
