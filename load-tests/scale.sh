#!/usr/bin/env bash
# Ten times the data (issue 16), in one run: the packaged service against 1,000,000 participants and 200,000 policies,
# then the same database grown to 10,000,000 and 2,000,000 with 5,000,000 settlements (and their journal lines). At
# each size: the bureau's two reports over the whole plan, and coverage, settlement and enrolment at a fixed
# concurrency, so that the cost per request can be compared (the ratio is printed).
#   load-tests/scale.sh                                          the full measurement (about 30 minutes)
#   SMALL=20000,5000 LARGE=100000,25000 SETTLEMENTS=50000 DURATION=5 JIT_WARMUP=10 load-tests/scale.sh   a quick one
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
IFS=, read -r SMALL_PEOPLE SMALL_POLICIES <<< "${SMALL:-1000000,200000}"
IFS=, read -r LARGE_PEOPLE LARGE_POLICIES <<< "${LARGE:-10000000,2000000}"
SETTLEMENTS=${SETTLEMENTS:-5000000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
JIT_WARMUP=${JIT_WARMUP:-30}
CONNS=${CONNS:-16}
OUT=${OUT:-$LT_DIR/results/scale-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
ensure_tools
build_if_needed
start_postgres
run_migration_job
start_service service 18080
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18080 "$PLAN" > /dev/null
BUREAU=$(python3 "$LT_DIR/driver.py" token --key "$KEY" bureau region=210000)
APP_CP="$(tools_classpath)"
export LT_DIR LT_PLAN="$PLAN" LT_THREADS=2 LT_RUN="scale$(date +%s)"
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)

seed() { # people policies
  local start=$(date +%s)
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 \
    -v participants="$1" -v policies="$2" -v plan="$PLAN" -f "$LT_DIR/seed.sql"
  log "seeded to $1 people, $2 policies in $(( $(date +%s) - start )) s"
}

settlements() { # count: as clearing.sh writes them, each with its six journal lines
  local start=$(date +%s) batch=1000000 from to
  for ((from = 1; from <= $1; from += batch)); do
    to=$(( from + batch - 1 < $1 ? from + batch - 1 : $1 ))
    psql_q huimin "
      SET session_replication_role = replica;
      WITH s AS (
        INSERT INTO settlement (hospital_code, settlement_id, request_hash, id_number, policy_id, plan_id, care_type,
               admission_date, discharge_date, total_amount, in_policy_self_pay, out_of_policy_self_pay,
               over_limit_self_pay, eligible, payout, consumed, response, status, settled_at, settled_on)
        SELECT 'HM' || lpad((g % 50)::text, 2, '0'), 's-' || g, repeat('0', 64), po.id_number, po.id, po.plan_id,
               'INPATIENT', current_date - 35, current_date - 31, 73000.00, 2000.00, 1000.00, 0, true, 1300.00,
               '{\"caps\":{\"IN_POLICY\":1300.00}}', '{}', 'SETTLED', now() - interval '30 days' * (g::float8 / $1), current_date
          FROM generate_series($from, $to) g
          JOIN policy po ON po.id = 1 + g % $LARGE_POLICIES
        RETURNING id, plan_id, hospital_code, settled_at)
      INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, hospital_code, recorded_at)
      SELECT 'SETTLEMENT', s.id, l.line, s.plan_id, l.account, l.insurer, l.amount, '210102', s.hospital_code, s.settled_at
        FROM s, unnest('{1,2,3,4,5,6}'::int[],
                       '{CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE}'::text[],
                       '{PICC,PICC,CPIC,CPIC,PAIC,PAIC}'::text[], '{520.00,-520.00,455.00,-455.00,325.00,-325.00}'::numeric[])
             AS l(line, account, insurer, amount)" > /dev/null
  done
  log "wrote $1 settlements in $(( $(date +%s) - start )) s (bulk, without the tally triggers)"
  # The tallies brought level by the nightly check, timed: what that check costs at this size.
  local check=$(date +%s%N)
  log "report_tally_correct(): $(psql_q huimin "SELECT report_tally_correct()") keys written in $(( ($(date +%s%N) - check) / 1000000 )) ms"
  psql_q huimin "SELECT report_tally_fold()" > /dev/null
  psql_q huimin "VACUUM ANALYZE" > /dev/null; psql_q huimin "CHECKPOINT" > /dev/null
}

report_ms() { # name: five requests, the times in ms
  local times=() i
  for i in 1 2 3 4 5; do
    times+=("$(curl -sS -o "$OUT/$1-$size.json" -w '%{time_total}' --max-time 300 -H "Authorization: Bearer $BUREAU" \
      "http://127.0.0.1:18080/api/v1/bureau/reports/$1?plan=$PLAN" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))')")
  done
  echo "${times[*]}"
}

declare -A RPS P99 REPORT
measure() { # size-label people policies
  size=$1
  local people=$2 policies=$3
  psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $policies ORDER BY n" > "$WORK/people.txt"
  # Families for enrolment: people without a policy, in pairs, different at each size.
  psql_q huimin "SELECT a.id_number || ' ' || b.id_number FROM lt_people a JOIN lt_people b ON b.n = a.n + 1
                 WHERE a.n > $policies AND (a.n - $policies) % 2 = 1 ORDER BY a.n LIMIT 40000" > "$WORK/families.ids"
  java -cp "$APP_CP" "$LT_DIR/TokenBatch.java" "$KEY" < "$WORK/families.ids" > "$WORK/families-$size.txt"
  export LT_PEOPLE="$WORK/people.txt"
  REPORT[enrolment-$size]=$(report_ms enrolment)
  REPORT[claims-$size]=$(report_ms claims)
  log "$size: enrolment report ${REPORT[enrolment-$size]} ms; claims report ${REPORT[claims-$size]} ms"
  local name script
  for name in coverage claims campaign; do
    script=$name.lua
    # The campaign enrols each family once: the warm-up takes the first quarter, the measured run the rest.
    local quarter=$(( $(wc -l < "$WORK/families-$size.txt") / 4 ))
    [ "$name" = campaign ] && { head -n "$quarter" "$WORK/families-$size.txt" > "$WORK/warm-$size.txt"
                                export LT_FAMILIES="$WORK/warm-$size.txt"; }
    wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 > /dev/null 2>&1 || true
    [ "$name" = campaign ] && { tail -n +"$(( quarter + 1 ))" "$WORK/families-$size.txt" > "$WORK/measured-$size.txt"
                                export LT_FAMILIES="$WORK/measured-$size.txt"; }
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 \
      > "$OUT/$name-$size.wrk.txt" 2>&1
    local result=$(grep '^RESULT' "$OUT/$name-$size.wrk.txt" | sed 's/^RESULT //')
    RPS[$name-$size]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["rps"])')
    P99[$name-$size]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p99_ms"])')
    log "$size $name: ${RPS[$name-$size]} req/s, p99 ${P99[$name-$size]} ms"
  done
  echo "$size: database $(psql_q huimin "SELECT pg_size_pretty(pg_database_size('huimin'))")" >> "$OUT/sizes.txt"
}

seed "$SMALL_PEOPLE" "$SMALL_POLICIES"
# The JIT's warm-up before the first measurement, so that it does not flatter the second.
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $SMALL_POLICIES ORDER BY n" > "$WORK/people.txt"
for script in coverage.lua claims.lua coverage.lua claims.lua; do
  LT_PEOPLE="$WORK/people.txt" wrk -t2 -c"$CONNS" -d"$(( JIT_WARMUP / 2 ))s" -s "$LT_DIR/scenarios/$script" \
    http://127.0.0.1:18080 > /dev/null 2>&1 || true
done
measure small "$SMALL_PEOPLE" "$SMALL_POLICIES"
seed "$LARGE_PEOPLE" "$LARGE_POLICIES"
settlements "$SETTLEMENTS"
measure large "$LARGE_PEOPLE" "$LARGE_POLICIES"
check=$(date +%s%N)
corrected=$(psql_q huimin "SELECT report_tally_correct()")
log "after the run, the nightly check: $corrected keys corrected (should be 0), $(( ($(date +%s%N) - check) / 1000000 )) ms"
echo "tally check after the run: $corrected keys corrected" >> "$OUT/sizes.txt"

{
  echo "| | $SMALL_PEOPLE / $SMALL_POLICIES | $LARGE_PEOPLE / $LARGE_POLICIES + $SETTLEMENTS settlements | large ÷ small |"
  echo "|---|---|---|---|"
  for name in coverage claims campaign; do
    echo "| $name req/s ($CONNS connections) | ${RPS[$name-small]} (p99 ${P99[$name-small]} ms) | ${RPS[$name-large]} (p99 ${P99[$name-large]} ms) | $(python3 -c "print(round(${RPS[$name-large]} / ${RPS[$name-small]}, 2))") |"
  done
  echo "| enrolment report, ms (5 requests) | ${REPORT[enrolment-small]} | ${REPORT[enrolment-large]} | |"
  echo "| claims report, ms (5 requests) | ${REPORT[claims-small]} | ${REPORT[claims-large]} | |"
  cat "$OUT/sizes.txt"
} | tee "$OUT/summary.md"
cp "$WORK/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
