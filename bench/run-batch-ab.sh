#!/usr/bin/env bash
# A/B of two server jars on the settle-batch path (BENCHMARKS.md, "Runs 30-32"): what each
# statement of a batch costs PostgreSQL per settled event, from pg_stat_statements.
#
#   bench/run-batch-ab.sh A.jar B.jar
#
# For each of AB_PAIRS pairs, and in each pair for A then B: a fresh data dir, the server started
# once to create it and again with pg_stat_statements loaded, AB_ACCOUNTS accounts, AB_WARMUP_BATCHES
# batches of 1,000 events (JIT and caches), then AB_BATCHES measured batches with the statistics
# reset before them. Prints, per jar and pair, the load client's cpu-seconds and rate lines and the
# busiest statements: calls, µs per settled event, WAL records and bytes per event. The jars take
# turns minutes apart, because this shared VM's speed drifts more between hours than most changes
# move a figure (BENCHMARKS.md, runs 26-29). Needs psql; bench/target/benchmarks.jar must exist.
# Not a test: nothing in `mvn verify` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${AB_PORT:-18282}
PAIRS=${AB_PAIRS:-2}
ACCOUNTS=${AB_ACCOUNTS:-10000}
WARMUP_BATCHES=${AB_WARMUP_BATCHES:-60}
BATCHES=${AB_BATCHES:-100}
SERVER_JAVA_OPTS=${AB_SERVER_JAVA_OPTS:-}
# shellcheck source=bench/ab-common.sh
. bench/ab-common.sh
require_args 2 $# "$0 A.jar B.jar"

measure() {
  local jar=$1 label=$2
  WORK=$(mktemp -d /tmp/tollgate-ab.XXXXXX)
  start_server "$jar"
  stop_server
  printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = top\n" \
    >>"$WORK/data/postgres/postgresql.auto.conf"
  start_server "$jar"
  find_store
  load setup accounts="$ACCOUNTS" >/dev/null
  load settle-batch label=warmup batches="$WARMUP_BATCHES" accounts="$ACCOUNTS" hot=false copy=false >/dev/null
  sql -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
  load settle-batch label="$label" batches="$BATCHES" accounts="$ACCOUNTS" hot=false copy=false | grep -E "cpu-seconds|rate="
  local events=$((BATCHES * 1000))
  sql -c "SELECT calls, round((total_exec_time * 1000 / $events)::numeric, 1) AS us_per_event,
                 round(wal_records::numeric / $events, 2) AS wal_records_per_event,
                 round(wal_bytes::numeric / $events) AS wal_bytes_per_event,
                 left(regexp_replace(query, '\s+', ' ', 'g'), 64) AS statement
            FROM pg_stat_statements WHERE calls >= $BATCHES ORDER BY total_exec_time DESC LIMIT 12"
  stop_server
  rm -rf "$WORK"
  WORK=
}

for pair in $(seq "$PAIRS"); do
  measure "$1" "A-$pair"
  measure "$2" "B-$pair"
done
