#!/usr/bin/env bash
# A/B of two servers on the authorise path (BENCHMARKS.md, "Runs 34-37"): the latency of holds and
# refusals at a fixed arrival rate, and the CPU each process used, round by round.
#
#   bench/run-authorize-ab.sh A.jar B.jar
#   AB_A_OPTS=-Dtollgate.hot-path.authorize-writers=2 bench/run-authorize-ab.sh T.jar T.jar
#
# For each of AB_PAIRS pairs, and in each pair for A then B: a fresh data dir and server (A with the
# extra java options AB_A_OPTS, B with AB_B_OPTS), AB_ACCOUNTS accounts, AB_WARMUP_EVENTS single
# settles and AB_PRELOAD_BATCHES batches of 1,000 (a bigger database), then AB_ROUNDS rounds of
# AB_SECONDS at AB_RATE calls a second with at most AB_INFLIGHT in flight (80 % holds, 20 %
# refusals), with AB_SETTLE_CLIENTS clients settling beside them if set. The first round of each
# start warms the JIT: read the others. Prints the load client's cpu-seconds, latency and batch
# lines per round. Needs bench/target/benchmarks.jar.
# Not a test: nothing in `mvn verify` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${AB_PORT:-18282}
PAIRS=${AB_PAIRS:-2}
ACCOUNTS=${AB_ACCOUNTS:-10000}
WARMUP_EVENTS=${AB_WARMUP_EVENTS:-30000}
PRELOAD_BATCHES=${AB_PRELOAD_BATCHES:-0}
ROUNDS=${AB_ROUNDS:-3}
SECONDS_PER_ROUND=${AB_SECONDS:-20}
RATE=${AB_RATE:-2000}
INFLIGHT=${AB_INFLIGHT:-200}
SETTLE_CLIENTS=${AB_SETTLE_CLIENTS:-0}
SERVER_JAVA_OPTS=${AB_SERVER_JAVA_OPTS:-}
# shellcheck source=bench/ab-common.sh
. bench/ab-common.sh
require_args 2 $# "$0 A.jar B.jar"

measure() {
  local jar=$1 label=$2 opts=$3
  WORK=$(mktemp -d /tmp/tollgate-ab.XXXXXX)
  start_server "$jar" "$opts"
  find_store
  load setup accounts="$ACCOUNTS" >/dev/null
  load settle-single label=warmup clients=64 events="$WARMUP_EVENTS" accounts="$ACCOUNTS" >/dev/null
  if [ "$PRELOAD_BATCHES" -gt 0 ]; then
    load settle-batch label=preload batches="$PRELOAD_BATCHES" accounts="$ACCOUNTS" hot=false copy=false >/dev/null
  fi
  for round in $(seq "$ROUNDS"); do
    local beside=
    if [ "$SETTLE_CLIENTS" -gt 0 ]; then
      # Settles beside the authorisations, as a gateway sends both: as many as the round lets through
      # (5,000 a second built in advance is more than fit beside 2,000 authorisations).
      load settle-single label="$label-round-$round-settles" clients="$SETTLE_CLIENTS" events=$((SECONDS_PER_ROUND * 5000)) \
        seconds="$SECONDS_PER_ROUND" accounts="$ACCOUNTS" | grep -E "rate=" &
      beside=$!
    fi
    load authorize label="$label-round-$round" accounts="$ACCOUNTS" rate="$RATE" inflight="$INFLIGHT" seconds="$SECONDS_PER_ROUND" \
      syncDir="$WORK" | grep -E "cpu-seconds|holds|refusals|server-side|server-batches|disk-sync"
    if [ -n "$beside" ]; then wait "$beside"; fi
  done
  stop_server
  rm -rf "$WORK"
  WORK=
}

for pair in $(seq "$PAIRS"); do
  measure "$1" "A-$pair" "${AB_A_OPTS:-}"
  measure "$2" "B-$pair" "${AB_B_OPTS:-}"
done
