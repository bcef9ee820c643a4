# Shared by the measuring scripts (bench/run-*-ab.sh, bench/run-settle-scan.sh): start and stop a
# server jar on a fresh data dir, and drive it with the load client. Sourced, not run, from the
# repository's root; the caller sets PORT and, before sourcing, SERVER_JAVA_OPTS (empty: the full
# benchmark's, DEFAULT_SERVER_JAVA_OPTS).

DEFAULT_SERVER_JAVA_OPTS="-Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=45"
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-$DEFAULT_SERVER_JAVA_OPTS}
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
WORK=
SERVER_PID=

# require_args COUNT GIVEN USAGE: exits with the usage unless GIVEN = COUNT.
require_args() {
  if [ "$2" != "$1" ]; then
    echo "usage: $3" >&2
    exit 2
  fi
}

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

# start_server JAR [extra java options]: in $WORK/data, waits for /healthz.
start_server() {
  # shellcheck disable=SC2086
  TOLLGATE_DATA_DIR="$WORK/data" TOLLGATE_ADMIN_TOKEN="$TOKEN" SERVER_PORT="$PORT" \
    java $SERVER_JAVA_OPTS ${2:-} -jar "$1" >>"$WORK/server.log" 2>&1 &
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

# After start_server: the embedded PostgreSQL's port and postmaster pid, and its password.
find_store() {
  PG_PORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
  PG_PID=$(sed -n 1p "$WORK/data/postgres/postmaster.pid")
  PGPASSWORD=$(cat "$WORK/data/postgres-password")
  export PGPASSWORD
}

sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X "$@"; }

load() {
  java -Xms1g -Xmx2g -cp bench/target/benchmarks.jar dev.tollgate.bench.load.HotPathLoad "$1" \
    port="$PORT" token="$TOKEN" pid="$SERVER_PID" pgpid="$PG_PID" "${@:2}"
}
