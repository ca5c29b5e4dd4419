#!/usr/bin/env bash
# One command, on a fresh machine: PostgreSQL, the packaged service in production mode, realistic volumes, each
# scenario after a warm-up, pgbench's ceiling for the same SQL at the same concurrency, and one table.
#   load-tests/run.sh                      full run (1,000,000 participants, 200,000 policies, 20 s per scenario)
#   PARTICIPANTS=20000 POLICIES=5000 DURATION=5 JIT_WARMUP=4 load-tests/run.sh      a quick one
# Before anything is measured the JVM runs claims and coverage traffic for JIT_WARMUP seconds: with fewer, the C2
# compiler thread takes 60 % of a core during the first measurements (measured: claims 596 req/s 25 s after
# start, 1,262 req/s after a minute). Each row of the table says how much CPU the JIT still used during it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
PARTICIPANTS=${PARTICIPANTS:-1000000}
POLICIES=${POLICIES:-200000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
JIT_WARMUP=${JIT_WARMUP:-60}
OPEN_WARMUP=${OPEN_WARMUP:-30}
CONNS=${CONNS:-32}
OUT=${OUT:-$LT_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

ensure_tools
build_if_needed
start_postgres
start=$(date +%s%N)
# GC pauses and safepoints go to the output folder, with PostgreSQL's log (checkpoints, autovacuum, statements
# over 1 s), so that a stall in a per-second timeline can be matched with its cause.
JAVA_OPTS="${JAVA_OPTS:--Xmx1g} -Xlog:gc,safepoint:file=$OUT/service-gc.log:uptime,time"
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
# The one-round-trip ceilings' functions (load-test database only).
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -f "$LT_DIR/scenarios/one-call.sql"
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"

export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_RUN="run$(date +%s)"
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)

declare -A RPS P50 P99 P999 ERR TPS
rss_peak=0
watch_rss() { while kill -0 "$svc_pid" 2>/dev/null; do r=$(( $(ps -o rss= -p "$svc_pid") / 1024 )); echo "$r"; sleep 1; done; }

# CPU seconds used so far by the JVM's JIT compiler threads (utime + stime of "C1/C2 CompilerThre" threads).
jit_cpu() {
  local ticks=0 t
  for t in /proc/"$svc_pid"/task/*; do
    grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null || continue
    ticks=$(( ticks + $(awk '{print $14 + $15}' "$t/stat") ))
  done
  echo "$ticks"
}
jit_seconds() { python3 -c "print(round(($2 - $1) / $(getconf CLK_TCK), 1))"; }
declare -A JIT

run_wrk() { # name script threads connections seconds
  local name=$1 script=$2 threads=$3 conns=$4 seconds=$5
  [ "$WARMUP" -gt 0 ] && { wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 \
    > "$OUT/$name.warmup.txt" 2>&1 || true; }
  watch_rss > "$OUT/$name.rss" & local watcher=$!
  python3 "$LT_DIR/timeline.py" sample http://127.0.0.1:19080 "$OUT/$name.samples" & local sampler=$!
  local jit_before=$(jit_cpu)
  wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 \
    > "$OUT/$name.wrk.txt" 2>&1
  JIT[$name]=$(jit_seconds "$jit_before" "$(jit_cpu)")
  kill $watcher $sampler 2>/dev/null || true
  local result=$(grep '^RESULT' "$OUT/$name.wrk.txt" | sed 's/^RESULT //')
  RPS[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["rps"])')
  P50[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p50_ms"])')
  P99[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p99_ms"])')
  P999[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["p999_ms"])')
  ERR[$name]=$(echo "$result" | python3 -c 'import json,sys;print(json.load(sys.stdin)["errors"])')
  local peak=$(sort -n "$OUT/$name.rss" | tail -1); [ "${peak:-0}" -gt "$rss_peak" ] && rss_peak=$peak
  log "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, errors ${ERR[$name]}"
}

run_pgbench() { # name script connections seconds [share]: script may carry a pgbench @weight and more -f scripts
  local name=$1 script=$2 conns=$3 seconds=$4 share=${5:-1}
  (cd "$LT_DIR/scenarios" && pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$conns" -j 2 -T "$seconds" \
    -D policies="$POLICIES" -D participants="$PARTICIPANTS" -D plan="$PLAN" \
    -f $script huimin) > "$OUT/$name.pgbench.txt" 2>&1
  # share: the fraction of pgbench's transactions that are requests (the rest are their batched audit writes)
  TPS[$name]=$(grep -E '^tps' "$OUT/$name.pgbench.txt" | head -1 | awk -v s="$share" '{printf "%.1f", $3 * s}')
  log "$name ceiling: ${TPS[$name]} tps"
}

APP_CP="$(tools_classpath)"
declare -A OPEN
run_open() { # name scenario rate: RateDriver at a fixed arrival rate (open loop), after its own warm-up
  local name=$1 scenario=$2 rate=$3
  LT_OPEN_WARMUP=$OPEN_WARMUP java -cp "$APP_CP" "$LT_DIR/RateDriver.java" "$scenario" "$rate" "$DURATION" "$OUT/$name" \
    > "$OUT/$name.open.txt" 2>&1 || true
  OPEN[$name]=$(grep '^RESULT' "$OUT/$name.open.txt" | head -1 | sed 's/^RESULT //')
  log "$name at $rate/s: $(grep '^RESULT' "$OUT/$name.open.txt" | sed 's/^RESULT //' | tr '\n' ' ')"
}
open_row() { # name label: one table row from the driver's first series
  echo "${OPEN[$1]:-{\}}" | python3 -c "
import json, sys
r = json.load(sys.stdin)
print(f\"| $2 | {r.get('target_rate', '–')}/s → {r.get('rps', '–')} | {r.get('p50_ms', '–')} | **{r.get('p99_ms', '–')}** | {r.get('p999_ms', '–')} | {r.get('errors', '–')} (409: {r.get('conflicts', '–')}, unanswered: {r.get('unanswered', '–')}) |\")"
}

# Families for the campaign (people without a policy, in pairs): a quarter for the warm-up, a quarter for the
# measured wrk run, the rest for the open-loop run later. One token each (the person's own).
PAIRS=$(( (PARTICIPANTS - POLICIES) / 2 - 1 ))
WARM_FAMILIES=$(( PAIRS / 4 < 30000 ? PAIRS / 4 : 30000 ))
FAMILIES=${FAMILIES:-$(( PAIRS / 4 < 30000 ? PAIRS / 4 : 30000 ))}
psql_q huimin "SELECT a.id_number || ' ' || b.id_number FROM lt_people a JOIN lt_people b ON b.n = a.n + 1
               WHERE a.n > $POLICIES AND (a.n - $POLICIES) % 2 = 1 ORDER BY a.n LIMIT $(( WARM_FAMILIES + FAMILIES ))" > "$WORK/all-families.ids"
java -cp "$APP_CP" "$LT_DIR/TokenBatch.java" "$KEY" < "$WORK/all-families.ids" > "$WORK/all-families.txt"
head -n "$WARM_FAMILIES" "$WORK/all-families.txt" > "$WORK/warm-families.txt"
tail -n +"$(( WARM_FAMILIES + 1 ))" "$WORK/all-families.txt" > "$WORK/families.txt"
export LT_PLAN="$PLAN" LT_THREADS=2

# JIT warm-up: the measured runs must not pay for the compiler (see the header).
log "JIT warm-up: ${JIT_WARMUP} s of claims, coverage and campaign traffic"
third=$(( (JIT_WARMUP + 2) / 3 ))
wrk -t2 -c"$CONNS" -d"${third}s" -s "$LT_DIR/scenarios/claims.lua" http://127.0.0.1:18080 > "$OUT/jit-warmup-claims.txt" 2>&1 || true
wrk -t2 -c"$CONNS" -d"${third}s" -s "$LT_DIR/scenarios/coverage.lua" http://127.0.0.1:18080 > "$OUT/jit-warmup-coverage.txt" 2>&1 || true
# The campaign's warm-up enrols and pays (the open-loop driver pays each accepted enrolment at once).
warm_rate=$(( WARM_FAMILIES / third < 200 ? WARM_FAMILIES / third : 200 ))
LT_FAMILIES="$WORK/warm-families.txt" LT_OPEN_WARMUP=0 LT_TX_PREFIX=LT-WARM- java -cp "$APP_CP" "$LT_DIR/RateDriver.java" campaign "$warm_rate" \
  "$third" "$WORK/jit-warmup-campaign" > "$OUT/jit-warmup-campaign.txt" 2>&1 || true

settled_before=$(psql_q huimin "SELECT count(*) FROM settlement WHERE hospital_code = 'HLT1'")
run_wrk claims-1 claims.lua 1 1 "$DURATION"          # sequential: one client, one request at a time
run_wrk claims claims.lua 2 "$CONNS" "$DURATION"
# p99 at 70 % of the maximum rate just measured, at a fixed arrival rate (open loop).
CLAIMS_OPEN_RATE=$(python3 -c "print(round(${RPS[claims]} * 0.7))")
run_open claims-open claims "$CLAIMS_OPEN_RATE"
# Correctness after the storm, before pgbench writes its own rows: every settlement the clients issued is
# recorded once (requests cut off by the end of a run may or may not have been), and every policy's stored
# use equals the sum of what its recorded, unreversed settlements consumed.
recorded=$(psql_q huimin "SELECT count(*) FROM settlement WHERE hospital_code = 'HLT1'")
issued=$(cat "$OUT"/claims*.txt "$OUT"/jit-warmup-claims.txt | grep '^ISSUED' | awk '{s+=$2} END {print s}')  # wrk and the open-loop driver
mismatched=$(balances_mismatched HLT1)
over_cap=$(psql_q huimin "SELECT count(*) FROM benefit_balance WHERE (caps_used->>'IN_POLICY')::numeric > 1000000
  OR (deductibles_used->>'MAIN')::numeric > 20000")
run_pgbench claims claims.pgbench "$CONNS" "$DURATION"
run_pgbench claims-1call claims-one-call.pgbench "$CONNS" "$DURATION"
run_wrk coverage coverage.lua 2 "$CONNS" "$DURATION"
run_pgbench coverage-select coverage.pgbench "$CONNS" "$DURATION"
# The same lookup with its share of the audit trail (one audit row per lookup, written in batches as AuditLog does).
run_pgbench coverage "coverage.pgbench@100 -f coverage-audit.pgbench@1" "$CONNS" "$DURATION" 0.990099

# Campaign peak: distinct people (without a policy yet) enrol themselves and a spouse, then pay. The warm-ups had
# families of their own, so every measured enrolment is a first attempt.
export LT_FAMILIES="$WORK/families.txt"
WARMUP_SAVED=$WARMUP; WARMUP=0
run_wrk campaign campaign.lua 2 "$CONNS" "$DURATION"
pending_payments "$PLAN" > "$WORK/payments.txt"
export LT_PAYMENTS="$WORK/payments.txt"
run_wrk pay pay.lua 2 "$CONNS" "$DURATION"
WARMUP=$WARMUP_SAVED
# p99 at 70 % of the campaign's maximum rate, open loop: families arrive at a fixed rate, each enrolment is paid as
# soon as it is accepted. A family costs one enrolment and one payment, so its maximum rate is 1 / (1/E + 1/P).
open_people_from=$(( POLICIES + 2 * (WARM_FAMILIES + FAMILIES) + 2 ))
open_available=$(( (PARTICIPANTS - open_people_from) / 2 - 1 ))
CAMPAIGN_OPEN_RATE=$(python3 -c "print(round(min(0.7 / (1 / ${RPS[campaign]} + 1 / ${RPS[pay]}), $open_available / ($OPEN_WARMUP + $DURATION + 1))))")
psql_q huimin "SELECT a.id_number || ' ' || b.id_number FROM lt_people a JOIN lt_people b ON b.n = a.n + 1
               WHERE a.n >= $open_people_from AND (a.n - $open_people_from) % 2 = 0 ORDER BY a.n
               LIMIT $(( CAMPAIGN_OPEN_RATE * (OPEN_WARMUP + DURATION + 1) + 10 ))" > "$WORK/open-families.ids"
java -cp "$APP_CP" "$LT_DIR/TokenBatch.java" "$KEY" < "$WORK/open-families.ids" > "$WORK/open-families.txt"
LT_FAMILIES="$WORK/open-families.txt" run_open campaign-open campaign "$CAMPAIGN_OPEN_RATE"
open_payments_ok=$(grep '^FOLLOW_UPS_ACCEPTED' "$OUT/campaign-open.open.txt" | awk '{print $2}')
open_paid=$(psql_q huimin "SELECT count(*) FROM enrolment_order WHERE status = 'PAID' AND payment_transaction_id LIKE 'LT-OPEN-%'")
orders_paid=$(psql_q huimin "SELECT count(*) FROM enrolment_order o JOIN plan p ON p.id = o.plan_id WHERE p.code = '$PLAN' AND o.status = 'PAID' AND o.payment_transaction_id LIKE 'LT-PAY-%'")
payments_sent=$(wc -l < "$WORK/payments.txt")
double_live=$(psql_q huimin "SELECT count(*) FROM (SELECT id_number FROM policy WHERE status IN ('PENDING_PAYMENT','ACTIVE') GROUP BY plan_id, id_number HAVING count(*) > 1) d")
half_active=$(psql_q huimin "SELECT count(*) FROM enrolment_order o WHERE o.status = 'PAID' AND o.payment_transaction_id LIKE 'LT-PAY-%'
                             AND (SELECT count(*) FROM policy po WHERE po.order_id = o.id AND po.status = 'ACTIVE') <> 2
                             OR o.status = 'PAID' AND o.payment_transaction_id SIMILAR TO 'LT-(OPEN|WARM)-%'
                             AND (SELECT count(*) FROM policy po WHERE po.order_id = o.id AND po.status = 'ACTIVE') <> 2")
run_pgbench campaign campaign.pgbench "$CONNS" "$DURATION"
run_pgbench campaign-1call campaign-one-call.pgbench "$CONNS" "$DURATION"

# Bureau push: batches of 5,000 records, each applied (higher seq).
mkdir -p "$WORK/batches"
BATCH_COUNT=$(( PARTICIPANTS / 5000 < 100 ? PARTICIPANTS / 5000 : 100 ))
for i in $(seq 0 $((BATCH_COUNT - 1))); do
  psql_q huimin "SELECT json_build_object('records', json_agg(json_build_object('idNumber', id_number, 'name', '参保人',
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
  echo "| scenario | req/s | p50 ms | p99 ms | p99.9 ms | errors | JIT CPU s | pgbench tps | service/pgbench |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for name in claims-1 claims coverage coverage-select campaign pay bureau; do
    run=${name%-select}
    tps=${TPS[$name]:-${TPS[$run]:-}}
    [ "$name" = claims-1 ] && tps=""
    ratio=$( [ -n "$tps" ] && python3 -c "print(f'{${RPS[$run]}/$tps:.0%}')" || echo "–")
    label=$name; [ "$name" = coverage ] && label="coverage (ceiling: lookup + its audit row)"
    [ "$name" = coverage-select ] && label="coverage (ceiling: the lookup alone)"
    echo "| $label | ${RPS[$run]} | ${P50[$run]} | ${P99[$run]} | ${P999[$run]} | ${ERR[$run]} | ${JIT[$run]} | ${tps:-–} | $ratio |"
  done
  echo
  echo "Open loop (RateDriver, fixed arrival rate = 70 % of the maximum above, latency from each request's due time,"
  echo "${OPEN_WARMUP} s of driver warm-up, ${DURATION} s measured):"
  echo
  echo "| scenario | rate → achieved req/s | p50 ms | p99 ms | p99.9 ms | errors |"
  echo "|---|---|---|---|---|---|"
  open_row claims-open "claims at 70 %"
  open_row campaign-open "campaign families at 70 % (enrolment)"
  OPEN[campaign-pay]=$(grep '"series":"pay"' "$OUT/campaign-open.open.txt" | sed 's/^RESULT //')
  open_row campaign-pay "… and its payment notification"
  echo
  echo "Start-up to ready: ${startup_ms} ms; resident memory idle ${rss_idle} MiB, peak under load ${rss_peak} MiB."
  echo "Claims check: $issued settlement IDs issued by the clients (warm-up included), $recorded recorded;"
  echo "policies whose stored balances differ from the sum of their settlements: $mismatched; over a cap or the"
  echo "deductible: $over_cap (both must be 0)."
  echo "Campaign check: $payments_sent orders enrolled (one notification each), $orders_paid PAID (all, unless the pay phase ended first);"
  echo "Open-loop campaign: $open_payments_ok payment notifications accepted, $open_paid orders PAID (equal unless the run was cut off)."
  echo "people with two live policies of one plan: $double_live; paid orders without both policies active: $half_active (both must be 0)."
  echo "Bureau push: $(python3 -c "print(round(${RPS[bureau]} * 5000))") records/s (pgbench: $(python3 -c "print(round(${TPS[bureau]} * 5000))") records/s)."
  echo "Statistics over the whole data set: enrolment report ${report_enrolment_ms} ms, claims report ${report_claims_ms} ms."
  echo "Against the physical ceiling, one round trip per request (one-call.sql): claims ${RPS[claims]} / ${TPS[claims-1call]} ="\
       "$(python3 -c "print(f'{${RPS[claims]}/${TPS[claims-1call]}:.0%}')"); campaign (enrolment) ${RPS[campaign]} / ${TPS[campaign-1call]} ="\
       "$(python3 -c "print(f'{${RPS[campaign]}/${TPS[campaign-1call]}:.0%}')") (target: 80 %)."
} | tee "$OUT/report.md"
cp "$WORK/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
python3 "$LT_DIR/timeline.py" html "$OUT" && log "plots: $OUT/report.html"
[ "$mismatched" = 0 ] && [ "$over_cap" = 0 ] && [ "$recorded" -le "$issued" ] && [ "$double_live" = 0 ] \
  && [ "$half_active" = 0 ] && [ "$orders_paid" -le "$payments_sent" ] \
  && [ "$open_paid" -ge "$open_payments_ok" ] && [ "$open_paid" -gt 0 ]
