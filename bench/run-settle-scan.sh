#!/usr/bin/env bash
# What a single settle costs at several client counts (BENCHMARKS.md, "Runs 34-37"): one server,
# then settle-single at each count of SCAN_CLIENTS, each printing the CPU per process, the rate
# and latency, and the events per PostgreSQL commit. Fitting CPU per commit against events per
# commit separates what a transaction costs from what an event costs.
#
#   bench/run-settle-scan.sh server/target/tollgate.jar
#   SCAN_OPTS=-Dtollgate.hot-path.settle-writers=1 bench/run-settle-scan.sh server/target/tollgate.jar
#
# Scale: SCAN_ACCOUNTS (10,000), SCAN_WARMUP_EVENTS (80,000), SCAN_EVENTS per count (50,000),
# SCAN_CLIENTS ("4 16 64"); SCAN_OPTS are extra java options for the server. Each events-per-commit
# reading waits 11 s for PostgreSQL's statistics. Needs bench/target/benchmarks.jar.
# Not a test: nothing in `mvn verify` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SCAN_PORT:-18282}
ACCOUNTS=${SCAN_ACCOUNTS:-10000}
SERVER_JAVA_OPTS=${SCAN_SERVER_JAVA_OPTS:-}
# shellcheck source=bench/ab-common.sh
. bench/ab-common.sh
require_args 1 $# "$0 SERVER.jar"

WORK=$(mktemp -d /tmp/tollgate-scan.XXXXXX)
start_server "$1" "${SCAN_OPTS:-}"
find_store
load setup accounts="$ACCOUNTS" >/dev/null
load settle-single label=warmup clients=64 events="${SCAN_WARMUP_EVENTS:-80000}" accounts="$ACCOUNTS" >/dev/null
for clients in ${SCAN_CLIENTS:-4 16 64}; do
  load settle-single label="clients-$clients" clients="$clients" events="${SCAN_EVENTS:-50000}" \
    accounts="$ACCOUNTS" pg="$PG_PORT" | grep -E "cpu-seconds|rate=|per-commit"
done
