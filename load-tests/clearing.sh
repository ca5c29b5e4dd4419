#!/usr/bin/env bash
# One month of hospital clearing for a large city: SETTLEMENTS settlements (default 5,000,000) over 50 hospitals in the
# last 30 days, each with its six journal lines (three insurers), written by SQL; then a clearing run over HTTP while
# wrk keeps settling against the same plan, to see how settlements behave meanwhile.
#   load-tests/clearing.sh                       the full measurement
#   SETTLEMENTS=200000 load-tests/clearing.sh    a quick one
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
SETTLEMENTS=${SETTLEMENTS:-5000000}
POLICIES=${POLICIES:-200000}
DURATION=${DURATION:-20}
OUT=${OUT:-$LT_DIR/results/clearing-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
ensure_tools
build_if_needed
start_postgres
run_migration_job
start_service service 18080
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18080 "$PLAN"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 \
  -v participants="$POLICIES" -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql"

log "writing $SETTLEMENTS settlements and their journal lines (30 days, 50 hospitals)"
seed_start=$(date +%s)
batch=1000000
for ((from = 1; from <= SETTLEMENTS; from += batch)); do
  to=$(( from + batch - 1 < SETTLEMENTS ? from + batch - 1 : SETTLEMENTS ))
  psql_q huimin "
    WITH s AS (
      INSERT INTO settlement (hospital_code, settlement_id, request_hash, id_number, policy_id, plan_id, care_type,
             admission_date, discharge_date, total_amount, in_policy_self_pay, out_of_policy_self_pay,
             over_limit_self_pay, eligible, payout, consumed, response, status, settled_at, settled_on)
      SELECT 'HM' || lpad((g % 50)::text, 2, '0'), 'm-' || g, repeat('0', 64), po.id_number, po.id, po.plan_id,
             'INPATIENT', current_date - 35, current_date - 31, 73000.00, 2000.00, 1000.00, 0, true, 1300.00, '{}',
             '{}', 'SETTLED', now() - interval '30 days' * (g::float8 / $SETTLEMENTS), current_date
        FROM generate_series($from, $to) g
        JOIN policy po ON po.id = 1 + g % $POLICIES
      RETURNING id, plan_id, hospital_code, settled_at)
    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, hospital_code, recorded_at)
    SELECT 'SETTLEMENT', s.id, l.line, s.plan_id, l.account, l.insurer, l.amount, '210102', s.hospital_code, s.settled_at
      FROM s, unnest('{1,2,3,4,5,6}'::int[],
                     '{CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE}'::text[],
                     '{PICC,PICC,CPIC,CPIC,PAIC,PAIC}'::text[], '{520.00,-520.00,455.00,-455.00,325.00,-325.00}'::numeric[])
           AS l(line, account, insurer, amount)" > /dev/null
  log "  … $to"
done
psql_q huimin "VACUUM ANALYZE" > /dev/null; psql_q huimin "CHECKPOINT" > /dev/null
log "written in $(( $(date +%s) - seed_start )) s; database $(psql_q huimin "SELECT pg_size_pretty(pg_database_size('huimin'))")"

psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"
export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_RUN="clr$(date +%s)"
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
OPERATOR=$(python3 "$LT_DIR/driver.py" token --key "$KEY" operator)

log "settlements alone (${DURATION} s, 8 connections)"
wrk -t2 -c8 -d"${DURATION}s" --latency -s "$LT_DIR/scenarios/claims.lua" http://127.0.0.1:18080 > "$OUT/claims-before.txt" 2>&1
log "clearing run, with settlements flowing"
wrk -t2 -c8 -d3600s --latency -s "$LT_DIR/scenarios/claims.lua" http://127.0.0.1:18080 > "$OUT/claims-during.txt" 2>&1 &
wrk_pid=$!
sleep 5
run_start=$(date +%s%N)
curl -sS --max-time 3600 -o "$OUT/run.json" -w '%{http_code}\n' -H "Authorization: Bearer $OPERATOR" \
  -H 'Content-Type: application/json' -d "{\"plan\":\"$PLAN\"}" http://127.0.0.1:18080/api/v1/clearing/runs > "$OUT/run.status"
run_ms=$(( ($(date +%s%N) - run_start) / 1000000 ))
sleep 5
kill -INT $wrk_pid 2>/dev/null || true; wait $wrk_pid 2>/dev/null || true
statements=$(python3 -c "import json;print(len(json.load(open('$OUT/run.json'))['statements']))")
items=$(psql_q huimin "SELECT count(*) FROM clearing_item")
{
  echo "settlements in the month: $SETTLEMENTS; run: HTTP $(cat "$OUT/run.status"), $run_ms ms, $statements statements, $items items"
  echo "settlements alone:  $(grep '^RESULT' "$OUT/claims-before.txt" | sed 's/^RESULT //')"
  echo "during the run:     $(grep '^RESULT' "$OUT/claims-during.txt" | sed 's/^RESULT //')"
} | tee "$OUT/summary.txt"
