#!/usr/bin/env bash
# The hot-path benchmark (issue 5, item 9; BENCHMARKS.md "Hot path").
#
# Builds, starts Tollgate with its embedded PostgreSQL (fsync and synchronous_commit on) on a fresh
# temporary data dir, creates accounts, a price and credit through the API, then drives it over HTTP
# from a separate JVM (bench/target/benchmarks.jar, dev.tollgate.bench.load.HotPathLoad):
#   settle-single   one event per /v1/settle, BENCH_CLIENTS concurrent clients
#   settle-single-saturated   the same with BENCH_SATURATION_CLIENTS clients (events per commit at saturation)
#   settle-batch    1,000 events per /v1/usage:batch over BENCH_ACCOUNTS accounts, then the COPY
#                   reference (the same rows into a table with a unique request id, same PostgreSQL),
#                   then the same batches all on one account
#   authorize       BENCH_AUTH_RATE requests/s, at most BENCH_AUTH_INFLIGHT in flight, holds and
#                   refusals reported apart, the server's RSS sampled meanwhile; then refusals alone
#                   at the same rate, the loopback floor (a fixed answer from the load client), and
#                   the mixed phase once more (authorize-later)
# Events per commit come from pg_stat_database.xact_commit around each saturation run. Prints one
# line per figure; stops the server and deletes the data dir at the end (BENCH_KEEP=1 keeps it).
#
# Not a test: nothing in `mvn verify` runs it. Scale with the BENCH_* variables below.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18181}
ACCOUNTS=${BENCH_ACCOUNTS:-10000}
CLIENTS=${BENCH_CLIENTS:-64}
SATURATION_CLIENTS=${BENCH_SATURATION_CLIENTS:-256}
SINGLE_EVENTS=${BENCH_SINGLE_EVENTS:-100000}
BATCHES=${BENCH_BATCHES:-100}
BATCH_CLIENTS=${BENCH_BATCH_CLIENTS:-4}
AUTH_RATE=${BENCH_AUTH_RATE:-2000}
AUTH_INFLIGHT=${BENCH_AUTH_INFLIGHT:-200}
AUTH_SECONDS=${BENCH_AUTH_SECONDS:-20}
# Warm-ups long enough that the JIT is done compiling the hot path before the measured phases:
# with 30,000 single settles, 10-40 batches and 5 s of authorise, C2 still took 2.7-6.4 core-seconds
# during the measured phases (runs 20-21, the "jit" share of the cpu-seconds lines).
WARMUP_EVENTS=${BENCH_WARMUP_EVENTS:-80000}
WARMUP_BATCHES=${BENCH_WARMUP_BATCHES:-40}
WARMUP_AUTH_SECONDS=${BENCH_WARMUP_AUTH_SECONDS:-15}
# The production advice of README.md: a capped heap (without it G1 sizes the heap from RAM), a
# fixed marking threshold (after the batch phases G1's adaptive one started a marking cycle every
# ~4 s, each with a 15-30 ms remark pause, while the live set stayed near 60 MB; runs 27-28), and
# the heap committed whole: the fixed threshold is a share of the heap G1 has committed, so on a
# heap it had kept near 105 MB it was ~47 MB, under the live set, and every second young collection
# started a marking cycle again (run 39). Keep in step with DEFAULT_SERVER_JAVA_OPTS (ab-common.sh).
SERVER_JAVA_OPTS=${BENCH_SERVER_JAVA_OPTS:--Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=45}
CLIENT_JAVA_OPTS=${BENCH_CLIENT_JAVA_OPTS:--Xms1g -Xmx2g}

if [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "# building (offline first)" >&2
  mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests
fi
if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then
  echo "port $PORT is in use; set BENCH_PORT" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=
PG_PID=
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    BENCH_KEEP=1
    if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null && echo "# the server had exited (status 0)" >&2 || echo "# the server had exited (status $?)" >&2
    fi
    tail -5 "$WORK/server.log" >&2 || true
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  # The server stops its PostgreSQL on shutdown; if it died first, stop ours (fast shutdown).
  if [ -n "${PG_PID:-}" ] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT "$PG_PID"
    for _ in $(seq 60); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "# kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "# starting the server on 127.0.0.1:$PORT, data in $WORK/data" >&2
# shellcheck disable=SC2086
TOLLGATE_DATA_DIR="$WORK/data" TOLLGATE_ADMIN_TOKEN="$TOKEN" SERVER_PORT="$PORT" \
  java $SERVER_JAVA_OPTS -jar server/target/tollgate.jar >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 240); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died; see $WORK/server.log" >&2; BENCH_KEEP=1; exit 1; fi
  if [ "$i" = 240 ]; then echo "server not healthy after 120 s" >&2; BENCH_KEEP=1; exit 1; fi
  sleep 0.5
done
PG_PORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
PG_PID=$(sed -n 1p "$WORK/data/postgres/postmaster.pid")
# The load generator reads pg_stat_database and runs the COPY reference with the store's password.
PGPASSWORD=$(cat "$WORK/data/postgres-password")
export PGPASSWORD

echo "machine cpus=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" mem=$(free -g | awk '/Mem:/{print $2}')GB java=$(java -version 2>&1 | head -1 | cut -d'"' -f2) load-before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
echo "store $(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/system/store") pg-port=$PG_PORT"

# shellcheck disable=SC2086
load() { java $CLIENT_JAVA_OPTS -cp bench/target/benchmarks.jar dev.tollgate.bench.load.HotPathLoad "$1" \
  port="$PORT" token="$TOKEN" pid="$SERVER_PID" pgpid="$PG_PID" "${@:2}"; }

load setup accounts="$ACCOUNTS"
# JIT warm-up of the server (and of PostgreSQL's caches); figures from it are not results.
load settle-single label=warmup-single clients="$CLIENTS" events="$WARMUP_EVENTS" accounts="$ACCOUNTS" | grep -v cpu-seconds
load settle-batch label=warmup-batch batches="$WARMUP_BATCHES" accounts="$ACCOUNTS" hot=false copy=false | grep -v cpu-seconds
load authorize label=warmup-authorize rate="$AUTH_RATE" inflight="$AUTH_INFLIGHT" seconds="$WARMUP_AUTH_SECONDS" accounts="$ACCOUNTS" \
  | grep -v cpu-seconds

load settle-single clients="$CLIENTS" events="$SINGLE_EVENTS" accounts="$ACCOUNTS" pg="$PG_PORT"
# The same one-event requests with four times the clients: how far batches grow once more calls
# wait than two writers take (events per commit at saturation); not the 64-client goal's setting.
load settle-single label=settle-single-saturated clients="$SATURATION_CLIENTS" events="$SINGLE_EVENTS" \
  accounts="$ACCOUNTS" pg="$PG_PORT"
load settle-batch clients="$BATCH_CLIENTS" batches="$BATCHES" accounts="$ACCOUNTS" pg="$PG_PORT"
# syncDir: the disk's own 8 kB write + fdatasync latency meanwhile, on the data's file system (the
# floor under a committed hold; SyncProbe).
load authorize rate="$AUTH_RATE" inflight="$AUTH_INFLIGHT" seconds="$AUTH_SECONDS" accounts="$ACCOUNTS" syncDir="$WORK"
# Refusals alone at the same rate and concurrency: what a refusal costs when no hold's commit is
# in flight beside it (in the mixed phase their tail follows the holds' stalls; runs 38-41).
load authorize label=authorize-refusals-alone refusals=1 rate="$AUTH_RATE" inflight="$AUTH_INFLIGHT" \
  seconds="$AUTH_SECONDS" accounts="$ACCOUNTS"
# The floor under both: the same schedule answered by a fixed 402 from a loopback server inside
# the load client (LoopbackEcho), no Tollgate involved: what the client, the kernel and this VM's
# scheduling add to any answer.
load authorize label=authorize-loopback-floor echo=true refusals=1 rate="$AUTH_RATE" inflight="$AUTH_INFLIGHT" \
  seconds="$AUTH_SECONDS" accounts="$ACCOUNTS"
# The mixed authorise phase again, 40 s later: the first one follows the batch phases, whose
# aftermath (autovacuum of the tables they grew, the kernel writing back the pages they dirtied)
# still runs during it (run 41); this one measures authorise once that has settled.
load authorize label=authorize-later rate="$AUTH_RATE" inflight="$AUTH_INFLIGHT" seconds="$AUTH_SECONDS" \
  accounts="$ACCOUNTS" syncDir="$WORK"
echo "load-after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
