#!/usr/bin/env bash
# The crash drill's long form (RELIABILITY.md). Builds nothing: run `mvn -B package -DskipTests`
# first, which leaves server/target/tollgate.jar and the drill in server/target/test-classes.
#
#   reliability/crash-test.sh [serverKills=20] [postgresStops=5] [clients=16] [accounts=50] [minGapMs=3000] [maxGapMs=15000] [seed]
#
# Starts the jar on a fresh TOLLGATE_DATA_DIR (embedded PostgreSQL, fsync on), funds accounts,
# settles from client threads that fsync one line per acknowledged request id, kill -9s the
# server and stops PostgreSQL with `pg_ctl stop -m immediate` at random moments, restarts,
# retries everything unacknowledged, then prints the figures. Exit 0 = nothing lost, nothing
# charged twice, the ledger reconciles.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/server/target/tollgate.jar"
classes="$root/server/target/test-classes"
for f in "$jar" "$classes/dev/tollgate/server/reliability/CrashDrill.class"; do
  [ -e "$f" ] || { echo "missing $f: run 'mvn -B package -DskipTests' first" >&2; exit 2; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-crash.XXXXXX")"
echo "work directory: $work (server.log, acks.log, data/)"
exec java -cp "$classes" dev.tollgate.server.reliability.CrashDrill "$jar" "$work" \
  "${1:-20}" "${2:-5}" "${3:-16}" "${4:-50}" "${5:-3000}" "${6:-15000}" ${7:+"$7"}
