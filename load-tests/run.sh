#!/usr/bin/env bash
# One command, on a fresh machine: PostgreSQL, the packaged service in production mode, realistic volumes, each
# scenario after a warm-up, pgbench's ceiling for the same SQL at the same concurrency, and one table.
#   load-tests/run.sh                      full run (1,000,000 participants, 200,000 policies, 20 s per scenario)
#   PARTICIPANTS=20000 POLICIES=5000 DURATION=5 load-tests/run.sh      a quick one
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
PARTICIPANTS=${PARTICIPANTS:-1000000}
POLICIES=${POLICIES:-200000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
CONNS=${CONNS:-32}
OUT=${OUT:-$LT_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

ensure_tools
build_if_needed
start_postgres
start=$(date +%s%N)
start_service service 18080
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))
svc_pid=${PIDS[-1]}
rss_idle=$(( $(ps -o rss= -p "$svc_pid") / 1024 ))
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18080 "$PLAN"
log "seeding $PARTICIPANTS participants and $POLICIES active policies"
seed_start=$(date +%s)
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 \
  -v participants="$PARTICIPANTS" -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql"
log "seeded in $(( $(date +%s) - seed_start )) s"
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"

export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_RUN="run$(date +%s)"
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)

declare -A RPS P50 P99 P999 ERR TPS
rss_peak=0
watch_rss() { while kill -0 "$svc_pid" 2>/dev/null; do r=$(( $(ps -o rss= -p "$svc_pid") / 1024 )); echo "$r"; sleep 1; done; }

run_wrk() { # name script threads connections seconds
  local name=$1 script=$2 threads=$3 conns=$4 seconds=$5
  wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 \
    > "$OUT/$name.warmup.txt" 2>&1 || true
  watch_rss > "$OUT/$name.rss" & local watcher=$!
  wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 \
    > "$OUT/$name.wrk.txt" 2>&1
  kill $watcher 2>/dev/null || true
  local result=$(grep '^RESULT' "$OUT/$name.wrk.txt" | sed 's/^RESULT //')
  RPS[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["rps"])')
  P50[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p50_ms"])')
  P99[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p99_ms"])')
  P999[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p999_ms"])')
  ERR[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["errors"])')
  local peak=$(sort -n "$OUT/$name.rss" | tail -1); [ "${peak:-0}" -gt "$rss_peak" ] && rss_peak=$peak
  log "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, errors ${ERR[$name]}"
}

run_pgbench() { # name script connections seconds
  local name=$1 script=$2 conns=$3 seconds=$4
  pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$conns" -j 2 -T "$seconds" \
    -D policies="$POLICIES" -D participants="$PARTICIPANTS" -D plan="$PLAN" \
    -f "$LT_DIR/scenarios/$script" huimin > "$OUT/$name.pgbench.txt" 2>&1
  TPS[$name]=$(grep -E '^tps' "$OUT/$name.pgbench.txt" | head -1 | awk '{print $3}')
  log "$name ceiling: ${TPS[$name]} tps"
}

settled_before=$(psql_q huimin "SELECT count(*) FROM settlement WHERE hospital_code = 'HLT1'")
run_wrk claims-1 claims.lua 1 1 "$DURATION"          # sequential: one client, one request at a time
run_wrk claims claims.lua 2 "$CONNS" "$DURATION"
# Correctness after the storm, before pgbench writes its own rows: every settlement the clients issued is
# recorded once (requests cut off by the end of a run may or may not have been), and every policy's stored
# use equals the sum of what its recorded, unreversed settlements consumed.
recorded=$(psql_q huimin "SELECT count(*) FROM settlement WHERE hospital_code = 'HLT1'")
issued=$(cat "$OUT"/claims*.txt | grep '^ISSUED' | awk '{s+=$2} END {print s}')
mismatched=$(psql_q huimin "
  SELECT count(*) FROM policy po
   WHERE po.id IN (SELECT policy_id FROM settlement WHERE hospital_code = 'HLT1')
     AND (coalesce((po.caps_used->>'IN_POLICY')::numeric, 0), coalesce((po.caps_used->>'OUT_OF_POLICY')::numeric, 0),
          coalesce((po.deductibles_used->>'MAIN')::numeric, 0))
      <> (SELECT coalesce(sum((s.consumed->'caps'->>'IN_POLICY')::numeric), 0),
                 coalesce(sum((s.consumed->'caps'->>'OUT_OF_POLICY')::numeric), 0),
                 coalesce(sum((s.consumed->'deductibles'->>'MAIN')::numeric), 0)
            FROM settlement s WHERE s.policy_id = po.id AND s.status = 'SETTLED')")
over_cap=$(psql_q huimin "SELECT count(*) FROM policy WHERE (caps_used->>'IN_POLICY')::numeric > 1000000
  OR (deductibles_used->>'MAIN')::numeric > 20000")
run_pgbench claims claims.pgbench "$CONNS" "$DURATION"
run_wrk coverage coverage.lua 2 "$CONNS" "$DURATION"
run_pgbench coverage coverage.pgbench "$CONNS" "$DURATION"

# Campaign peak: distinct people (without a policy yet) enrol themselves and a spouse, then pay.
FAMILIES=${FAMILIES:-$(( (PARTICIPANTS - POLICIES) / 2 - 1 ))}
[ "$FAMILIES" -gt 40000 ] && FAMILIES=40000
psql_q huimin "SELECT a.id_number || ' ' || b.id_number FROM lt_people a JOIN lt_people b ON b.n = a.n + 1
               WHERE a.n > $POLICIES AND (a.n - $POLICIES) % 2 = 1 ORDER BY a.n LIMIT $FAMILIES" > "$WORK/families.ids"
APP_CP="$ROOT/target/quarkus-app/app/*:$ROOT/target/quarkus-app/lib/main/*"
java -cp "$APP_CP" "$LT_DIR/TokenBatch.java" "$KEY" < "$WORK/families.ids" > "$WORK/families.txt"
export LT_FAMILIES="$WORK/families.txt" LT_PLAN="$PLAN" LT_THREADS=2
WARMUP_SAVED=$WARMUP; WARMUP=1
run_wrk campaign campaign.lua 2 "$CONNS" "$DURATION"
psql_q huimin "SELECT o.id || ' ' || o.amount FROM enrolment_order o JOIN plan p ON p.id = o.plan_id
               WHERE p.code = '$PLAN' AND o.status = 'PENDING_PAYMENT'" \
  | python3 -c '
import sys, hmac, hashlib, json
for line in sys.stdin:
    order, amount = line.split()
    body = json.dumps({"orderId": order, "transactionId": "LT-PAY-" + order, "amount": float(amount),
                       "paidAt": "2025-01-01T10:00:00+08:00"}, separators=(",", ":"))
    print(hmac.new(b"load-test-secret", body.encode(), hashlib.sha256).hexdigest(), body)' > "$WORK/payments.txt"
export LT_PAYMENTS="$WORK/payments.txt"
run_wrk pay pay.lua 2 "$CONNS" "$DURATION"
WARMUP=$WARMUP_SAVED
orders_paid=$(psql_q huimin "SELECT count(*) FROM enrolment_order o JOIN plan p ON p.id = o.plan_id WHERE p.code = '$PLAN' AND o.status = 'PAID' AND o.payment_transaction_id LIKE 'LT-PAY-%'")
payments_sent=$(wc -l < "$WORK/payments.txt")
double_live=$(psql_q huimin "SELECT count(*) FROM (SELECT id_number FROM policy WHERE status IN ('PENDING_PAYMENT','ACTIVE') GROUP BY plan_id, id_number HAVING count(*) > 1) d")
half_active=$(psql_q huimin "SELECT count(*) FROM enrolment_order o WHERE o.status = 'PAID' AND o.payment_transaction_id LIKE 'LT-PAY-%'
                             AND (SELECT count(*) FROM policy po WHERE po.order_id = o.id AND po.status = 'ACTIVE') <> 2")
run_pgbench campaign campaign.pgbench "$CONNS" "$DURATION"

# Bureau push: batches of 5,000 records, each applied (higher seq).
mkdir -p "$WORK/batches"
BATCH_COUNT=$(( PARTICIPANTS / 5000 < 100 ? PARTICIPANTS / 5000 : 100 ))
for i in $(seq 0 $((BATCH_COUNT - 1))); do
  psql_q huimin "SELECT json_build_object('records', json_agg(json_build_object('idNumber', id_number, 'name', '参保人' || n,
    'countyCode', county, 'insuranceType', 'RESIDENT', 'status', 'ACTIVE', 'basicBenefitsFrom', '2020-01-01',
    'lowIncome', false, 'seq', 2))) FROM lt_people WHERE n > $((i * 5000)) AND n <= $(((i + 1) * 5000))" \
    > "$WORK/batches/batch-$(printf %04d "$i").json"
done
export LT_BATCHES="$WORK/batches" LT_BATCH_COUNT=$BATCH_COUNT
export LT_BUREAU_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" bureau)
run_wrk bureau bureau.lua 2 4 "$DURATION"
run_pgbench bureau bureau.pgbench 4 "$DURATION"

# Statistics over the whole data set (issue: under 2 s).
report_ms() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $LT_BUREAU_TOKEN" \
  "http://127.0.0.1:18080/api/v1/bureau/reports/$1?plan=$PLAN" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))'; }
report_enrolment_ms=$(report_ms enrolment); report_claims_ms=$(report_ms claims)

{
  echo "# Load-test run $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(uname -r); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'); $(java -version 2>&1 | head -1)"
  echo "Volumes: $PARTICIPANTS participants, $POLICIES active policies; $CONNS connections, ${WARMUP} s warm-up, ${DURATION} s measured."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | p99.9 ms | errors | pgbench tps | service/pgbench |"
  echo "|---|---|---|---|---|---|---|---|"
  for name in claims-1 claims coverage campaign pay bureau; do
    base=${name%-1}
    tps=${TPS[$base]:-}
    ratio=$( [ -n "$tps" ] && [ "$name" != claims-1 ] && python3 -c "print(f'{${RPS[$name]}/$tps:.0%}')" || echo "–")
    [ "$name" = claims-1 ] && tps=""
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${P999[$name]} | ${ERR[$name]} | ${tps:-–} | $ratio |"
  done
  echo
  echo "Start-up to ready: ${startup_ms} ms; resident memory idle ${rss_idle} MiB, peak under load ${rss_peak} MiB."
  echo "Claims check: $issued settlement IDs issued by the clients (warm-up included), $recorded recorded;"
  echo "policies whose stored balances differ from the sum of their settlements: $mismatched; over a cap or the"
  echo "deductible: $over_cap (both must be 0)."
  echo "Campaign check: $payments_sent orders enrolled (one notification each), $orders_paid PAID (all, unless the pay phase ended first);"
  echo "people with two live policies of one plan: $double_live; paid orders without both policies active: $half_active (both must be 0)."
  echo "Bureau push: $(python3 -c "print(round(${RPS[bureau]} * 5000))") records/s (pgbench: $(python3 -c "print(round(${TPS[bureau]} * 5000))") records/s)."
  echo "Statistics over the whole data set: enrolment report ${report_enrolment_ms} ms, claims report ${report_claims_ms} ms."
} | tee "$OUT/report.md"
[ "$mismatched" = 0 ] && [ "$over_cap" = 0 ] && [ "$recorded" -le "$issued" ] && [ "$double_live" = 0 ] \
  && [ "$half_active" = 0 ] && [ "$orders_paid" -le "$payments_sent" ]
