#!/usr/bin/env bash
# The coverage benchmark end to end, on a fresh database: builds the release server, loads the
# curriculum, generates a synthetic province (`hocdvc coverage generate`: raw rows in bulk, then
# the counters), serves it on a free local port, signs in as the department viewer and measures
# the dashboard request at the province and at one commune with wrk (p95 from wrk's latency
# histogram, bench/coverage/p95.lua), then times the GROUP BY over raw rows the counters replace
# (`hocdvc coverage time-raw`). Everything stays on 127.0.0.1.
#
#   bench/coverage/run.sh [sqlite|postgres] [communes=100] [schools/commune=10] \
#       [classes/school=30] [students/class=34] [events/student=10] [wrk duration=20s]
#
# The defaults are the issue's scale: 100 communes, 1,000 schools, 30,000 classes, 1,020,000
# students and 10,200,000 progress events. PostgreSQL: HOCDVC_BENCH_PG (default
# postgres://postgres@127.0.0.1:5432), trust auth.
set -euo pipefail
backend=${1:-sqlite}
communes=${2:-100}
schools=${3:-10}
classes=${4:-30}
per_class=${5:-34}
events=${6:-10}
duration=${7:-20s}
root=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
HOCDVC_SKIP_UI=${HOCDVC_SKIP_UI:-1} cargo build --release -q -p hocdvc --manifest-path "$root/Cargo.toml"
bin="$root/target/release/hocdvc"

data=$(mktemp -d /tmp/coverage-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
db_name=""
if [ "$backend" = postgres ]; then
  pg=${HOCDVC_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
  db_name="hocdvc_coverage_bench_$$"
  psql "$pg/postgres" -qc "CREATE DATABASE $db_name"
  export DATABASE_URL="$pg/$db_name"
fi
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -n "$db_name" ] && psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db_name" || true
  rm -rf "$data"
}
trap cleanup EXIT
export HOCDVC_DATA_DIR="$data" HOCDVC_LOG=${HOCDVC_LOG:-warn} HOCDVC_CONTENT_DIR="$root/question-bank"

echo "backend: $backend; scale: $communes communes × $schools schools × $classes classes × $per_class students, $events events each"
echo "load before: $(uptime)"
"$bin" content load --dir "$root/question-bank" > /dev/null
/usr/bin/time -f "generate: %e s, max RSS %M kB" "$bin" coverage generate --communes "$communes" \
  --schools-per-commune "$schools" --classes-per-school "$classes" \
  --students-per-class "$per_class" --events-per-student "$events"
/usr/bin/time -f "rebuild --check: %e s" "$bin" coverage rebuild --check

HOCDVC_PORT="$port" "$bin" serve > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/health" > /dev/null && break
  sleep 1
done
cookie=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"bench.sogddt","password":"bench-coverage"}' \
  "http://127.0.0.1:$port/api/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
for unit in BX BX-X001; do
  echo "dashboard $unit (HTTP, wrk, 2 threads, 4 connections, $duration):"
  wrk -t2 -c4 -d"$duration" -s "$root/bench/coverage/p95.lua" -H "Cookie: $cookie" \
    "http://127.0.0.1:$port/api/coverage/$unit" | tail -1
done
for unit in BX BX-X001; do
  "$bin" coverage time-raw "$unit" --runs "${RAW_RUNS:-10}"
done
echo "load after: $(uptime)"
