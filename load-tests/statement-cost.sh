#!/usr/bin/env bash
# What PgBouncer's transaction mode costs the service: the claim storm (claims.lua, wrk, 32 connections) against the
# packaged jar four ways, one after the other on the same database: (1) straight to PostgreSQL with the prepared-
# statement cache (the default), (2) straight to PostgreSQL with HUIMIN_DB_PGBOUNCER=true alone (unnamed statements:
# each statement parsed and planned again, as behind a PgBouncer older than 1.21), (3) the same through PgBouncer in
# transaction mode, (4) through PgBouncer with HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS=true too (named statements kept
# by its max_prepared_statements: what k8s/ runs). PgBouncer is the Pooler's (lib.sh). Each after its own JIT warm-up.
# (1) against (2): the cost of unnamed statements; (2) against (3): the pooler's hop; (4) against (1): what is left.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-25}
ensure_tools
build_if_needed
start_postgres
run_migration_job
start_pgbouncer 56433 20
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
start_service setup 18100 HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD=
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18100 "$PLAN"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -v participants=200000 -v policies=100000 \
  -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null 2>&1
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= 100000 ORDER BY n" > "$WORK/people.txt"
export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)

measure() {  # measure LABEL PORT [env...]
  local label=$1 port=$2; shift 2
  start_service "$label" "$port" HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD= "$@"
  export LT_RUN="$label$(date +%s)"
  wrk -t2 -c32 -d"${WARMUP}s" -s "$LT_DIR/scenarios/claims.lua" "http://127.0.0.1:$port" > "$WORK/$label.warm.txt" 2>&1 || true
  wrk -t2 -c32 -d"${DURATION}s" --latency -s "$LT_DIR/scenarios/claims.lua" "http://127.0.0.1:$port" > "$WORK/$label.txt" 2>&1
  local result; result=$(grep '^RESULT' "$WORK/$label.txt" | sed 's/^RESULT //')
  echo "$label $result" | tee -a "$WORK/results.txt"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
}
measure direct-cached 18101
measure direct-unnamed 18102 HUIMIN_DB_PGBOUNCER=true
measure pgbouncer-unnamed 18103 HUIMIN_DB_PGBOUNCER=true QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGB_PORT/huimin"
measure pgbouncer-named 18104 HUIMIN_DB_PGBOUNCER=true HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS=true \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGB_PORT/huimin"
python3 - "$WORK/results.txt" <<'PY'
import json, sys
rows = [(l.split(' ', 1)[0], json.loads(l.split(' ', 1)[1])) for l in open(sys.argv[1]) if l.strip()]
base = rows[0][1]['rps']
print('| way | settlements/s | p50 ms | p99 ms | errors | vs cached |')
print('|---|---|---|---|---|---|')
for name, r in rows:
    print(f"| {name} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | {100 * r['rps'] / base:.0f} % |")
PY
