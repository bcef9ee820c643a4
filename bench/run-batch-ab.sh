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

if [ $# != 2 ]; then
  echo "usage: $0 A.jar B.jar" >&2
  exit 2
fi
PORT=${AB_PORT:-18282}
PAIRS=${AB_PAIRS:-2}
ACCOUNTS=${AB_ACCOUNTS:-10000}
WARMUP_BATCHES=${AB_WARMUP_BATCHES:-60}
BATCHES=${AB_BATCHES:-100}
SERVER_JAVA_OPTS=${AB_SERVER_JAVA_OPTS:--Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=45}
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
WORK=
SERVER_PID=

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  SERVER_PID=
}
cleanup() {
  stop_server
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

start_server() {
  # shellcheck disable=SC2086
  TOLLGATE_DATA_DIR="$WORK/data" TOLLGATE_ADMIN_TOKEN="$TOKEN" SERVER_PORT="$PORT" \
    java $SERVER_JAVA_OPTS -jar "$1" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 240); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$i" = 240 ]; then
      tail -5 "$WORK/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

measure() {
  local jar=$1 label=$2
  WORK=$(mktemp -d /tmp/tollgate-ab.XXXXXX)
  start_server "$jar"
  stop_server
  printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = top\n" \
    >>"$WORK/data/postgres/postgresql.auto.conf"
  start_server "$jar"
  local pg_port pg_pid
  pg_port=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
  pg_pid=$(sed -n 1p "$WORK/data/postgres/postmaster.pid")
  PGPASSWORD=$(cat "$WORK/data/postgres-password")
  export PGPASSWORD
  sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X "$@"; }
  load() { java -Xms1g -Xmx2g -cp bench/target/benchmarks.jar dev.tollgate.bench.load.HotPathLoad "$1" \
    port="$PORT" token="$TOKEN" pid="$SERVER_PID" pgpid="$pg_pid" "${@:2}"; }
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
