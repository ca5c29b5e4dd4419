#!/usr/bin/env bash
# Where the CPU goes per request: the claim storm, the family enrolment and its payment notification against the
# packaged jar, each for DURATION seconds after a JIT warm-up, with
#   - CPU milliseconds per request of the JVM, of PostgreSQL (all its processes) and of wrk, from /proc (utime + stime);
#   - a JFR execution profile of the JVM during the same seconds, broken down by component (jfr-where.py).
# On two cores the service's share is what PostgreSQL does not get: a millisecond of JVM CPU per request taken off is
# a millisecond PostgreSQL can use. Results in load-tests/results/profile-<UTC time>/ (profile.md + the .jfr files).
#   load-tests/profile.sh                       200,000 people, 40,000 policies, 20 s per scenario
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
PARTICIPANTS=${PARTICIPANTS:-200000}
POLICIES=${POLICIES:-40000}
DURATION=${DURATION:-20}
JIT_WARMUP=${JIT_WARMUP:-80}
CONNS=${CONNS:-32}
OUT=${OUT:-$LT_DIR/results/profile-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

ensure_tools
build_if_needed
start_postgres
JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" start_service service 18080
svc_pid=${PIDS[-1]}
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18080 "$PLAN"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 \
  -v participants="$PARTICIPANTS" -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"
export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_RUN="prof$(date +%s)" LT_PLAN="$PLAN" LT_THREADS=2
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
APP_CP="$(tools_classpath)"

# Families (people without a policy, in pairs), each with its own token: half for the warm-up, half measured.
PAIRS=$(( (PARTICIPANTS - POLICIES) / 2 - 1 ))
psql_q huimin "SELECT a.id_number || ' ' || b.id_number FROM lt_people a JOIN lt_people b ON b.n = a.n + 1
               WHERE a.n > $POLICIES AND (a.n - $POLICIES) % 2 = 1 ORDER BY a.n LIMIT $PAIRS" > "$WORK/families.ids"
java -cp "$APP_CP" "$LT_DIR/TokenBatch.java" "$KEY" < "$WORK/families.ids" > "$WORK/all-families.txt"
half=$(( PAIRS / 2 ))
head -n "$half" "$WORK/all-families.txt" > "$WORK/warm-families.txt"
tail -n +"$(( half + 1 ))" "$WORK/all-families.txt" > "$WORK/families.txt"

log "JIT warm-up: ${JIT_WARMUP} s of claims and campaign traffic, then $(( JIT_WARMUP / 4 )) s of payments"
for round in 1 2; do
  wrk -t2 -c"$CONNS" -d"$(( JIT_WARMUP / 4 ))s" -s "$LT_DIR/scenarios/claims.lua" http://127.0.0.1:18080 > "$OUT/warmup-claims.txt" 2>&1 || true
  LT_FAMILIES="$WORK/warm-families.txt" wrk -t2 -c"$CONNS" -d"$(( JIT_WARMUP / 4 ))s" -s "$LT_DIR/scenarios/campaign.lua" \
    http://127.0.0.1:18080 > "$OUT/warmup-campaign.txt" 2>&1 || true
done
# Half of the warm-up's orders are paid, so that the payment path is compiled too before it is measured.
pending_payments "$PLAN" > "$WORK/warm-payments.txt"
LT_PAYMENTS="$WORK/warm-payments.txt" wrk -t2 -c"$CONNS" -d"$(( JIT_WARMUP / 4 ))s" -s "$LT_DIR/scenarios/pay.lua" \
  http://127.0.0.1:18080 > "$OUT/warmup-pay.txt" 2>&1 || true

ticks() { # utime + stime of the given processes, in clock ticks
  local sum=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "$sum"
}
# The JVM's threads in groups, as "group ticks" lines: event loops (requests), JIT compilers, GC, the rest.
jvm_threads() {
  local t comm group
  for t in /proc/"$svc_pid"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    case "$comm" in
      vert.x-eventloo*) group=eventloop ;;
      C1\ Compiler*|C2\ Compiler*) group=jit ;;
      GC\ Thread*|G1\ *|VM\ Periodic*|VM\ Thread) group=gc ;;
      *) group=other ;;
    esac
    echo "$group $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)"
  done | awk '{s[$1]+=$2} END {printf "%d %d %d %d", s["eventloop"], s["jit"], s["gc"], s["other"]}'
}
pg_pids() { pgrep -u postgres -x postgres || true; }
# PostgreSQL's CPU: its live processes plus the backends that exited meanwhile (pgbench's connections), which the
# postmaster reaped into its cutime + cstime.
pg_ticks() {
  local sum=0 p
  for p in $(pg_pids); do [ -r "/proc/$p/stat" ] && sum=$(( sum + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat") )); done
  echo "$sum"
}
hz=$(getconf CLK_TCK)
# The machine's busy time and the time stolen by the hypervisor (a shared VM: steal means another guest had the cores).
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9 " " $9}' /proc/stat; }

declare -A ROW
measure() { # name script: wrk at CONNS connections for DURATION s, CPU per request by process and JVM thread group
  local name=$1 script=$2
  local pg0 cpu0 wrk_pid j0 j1
  j0=($(jvm_threads)); pg0=$(pg_ticks); cpu0=$(busy)
  wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 > "$OUT/$name.wrk.txt" 2>&1 &
  wrk_pid=$!
  local wrk_ticks=0 t
  while kill -0 "$wrk_pid" 2>/dev/null; do t=$(ticks "$wrk_pid"); [ "$t" -gt "$wrk_ticks" ] && wrk_ticks=$t; sleep 0.5; done
  wait "$wrk_pid" || true
  local pg1 cpu1
  j1=($(jvm_threads)); pg1=$(pg_ticks); cpu1=$(busy)
  local rps
  rps=$(grep '^RESULT' "$OUT/$name.wrk.txt" | sed 's/^RESULT //' | python3 -c 'import json,sys; print(json.load(sys.stdin)["rps"])')
  ROW[$name]=$(python3 -c "
rps=$rps; r=rps*$DURATION; hz=$hz
ms=lambda ticks: ticks/hz*1000/r
ev, jit, gc, other = ($((j1[0]-j0[0])), $((j1[1]-j0[1])), $((j1[2]-j0[2])), $((j1[3]-j0[3])))
print(f'| $name | {rps:,.0f} | {ms(ev+jit+gc+other):.3f} | {ms(ev):.3f} | {ms(jit):.3f} | {ms(gc):.3f} | {ms(other):.3f} '
      f'| {ms($pg1-$pg0):.3f} | {ms($wrk_ticks):.3f} | {ms(${cpu1% *}-${cpu0% *}):.3f} | {ms(${cpu1#* }-${cpu0#* }):.3f} |')")
  log "$name: ${ROW[$name]}"
}
ceiling() { # name file pgbench-script: the one-round-trip function with pgbench, CPU per transaction of PostgreSQL and pgbench
  local name=$1 file=$2 script=$3 pg0 pg1 cpu0 cpu1 bench_pid bench_ticks=0 t
  pg0=$(pg_ticks); cpu0=$(busy)
  (cd "$LT_DIR/scenarios" && exec pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CONNS" -j 2 -T "$DURATION" \
    -D policies="$POLICIES" -D participants="$PARTICIPANTS" -D plan="$PLAN" -f "$script" huimin) > "$OUT/$file.pgbench.txt" 2>&1 &
  bench_pid=$!
  while kill -0 "$bench_pid" 2>/dev/null; do t=$(ticks "$bench_pid"); [ "$t" -gt "$bench_ticks" ] && bench_ticks=$t; sleep 0.5; done
  wait "$bench_pid" || true
  pg1=$(pg_ticks); cpu1=$(busy)
  local tps
  tps=$(grep -E '^tps' "$OUT/$file.pgbench.txt" | head -1 | awk '{print $3}')
  ROW[$name]=$(python3 -c "
tps=$tps; r=tps*$DURATION; hz=$hz
ms=lambda ticks: ticks/hz*1000/r
print(f'| $name | {tps:,.0f} | – | – | – | – | – | {ms($pg1-$pg0):.3f} | {ms($bench_ticks):.3f} (pgbench) | {ms(${cpu1% *}-${cpu0% *}):.3f} | {ms(${cpu1#* }-${cpu0#* }):.3f} |')")
  log "$name: ${ROW[$name]}"
}
profile() { # name script: the same load with JFR recording (default settings: 20 ms sampling), broken down
  local name=$1 script=$2
  jcmd "$svc_pid" JFR.start name="$name" settings=default filename="$OUT/$name.jfr" >/dev/null
  wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$LT_DIR/scenarios/$script" http://127.0.0.1:18080 > "$OUT/$name.jfr-wrk.txt" 2>&1 || true
  jcmd "$svc_pid" JFR.stop name="$name" >/dev/null
  jfr print --json --stack-depth 300 --events jdk.ExecutionSample "$OUT/$name.jfr" > "$WORK/$name.json"
  python3 "$LT_DIR/jfr-where.py" "$WORK/$name.json" > "$OUT/$name.where.txt"
}

# Each scenario's families are split: the measured run and the profiled run each enrol people of their own.
quarter=$(( $(wc -l < "$WORK/families.txt") / 2 ))
head -n "$quarter" "$WORK/families.txt" > "$WORK/families-measured.txt"
tail -n +"$(( quarter + 1 ))" "$WORK/families.txt" > "$WORK/families-profiled.txt"
measure claims claims.lua
LT_FAMILIES="$WORK/families-measured.txt" measure campaign campaign.lua
# The payment notification for each order enrolled so far (warm-up and measured): every one measured is a first
# payment, not a replay, as long as there are more orders than payments sent (checked below).
pending_payments "$PLAN" > "$WORK/payments.txt"
LT_PAYMENTS="$WORK/payments.txt" measure pay pay.lua
pay_sent=$(grep '^RESULT' "$OUT/pay.wrk.txt" | sed 's/^RESULT //' | python3 -c 'import json,sys; r=json.load(sys.stdin); print(round(r["rps"] * '"$DURATION"'))')
log "pay: $(wc -l < "$WORK/payments.txt") orders pending, about $pay_sent notifications sent"
# The physical ceilings (one-call.sql: each request's statements in one PL/pgSQL call, one round trip), measured the
# same way: what PostgreSQL alone spends per settlement and per family enrolment.
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -f "$LT_DIR/scenarios/one-call.sql"
ceiling "claims, one call (pgbench)" claims-one-call claims-one-call.pgbench
ceiling "campaign, one call (pgbench)" campaign-one-call campaign-one-call.pgbench
profile claims claims.lua
LT_FAMILIES="$WORK/families-profiled.txt" profile campaign campaign.lua

{
  echo "# CPU per request, $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD)"
  echo
  echo "$(nproc) cores; $PARTICIPANTS people, $POLICIES policies; wrk $CONNS connections, ${DURATION} s after ${JIT_WARMUP} s of JIT warm-up."
  echo "CPU ms per request from /proc (utime + stime), without JFR; the JVM split by thread (event loops serve the requests;"
  echo "JIT compilers; GC and VM threads; the rest: worker pool, scheduler); \"busy\" is the machine's busy time (every process,"
  echo "the kernel's interrupts included), \"steal\" the time the hypervisor gave another guest (this is a shared VM)."
  echo "The profiles below are a second run of each with JFR's default settings."
  echo
  echo "| scenario | req/s | JVM ms | event loops | JIT | GC + VM | other threads | PostgreSQL ms | wrk ms | busy ms | steal ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  echo "${ROW[claims]}"
  echo "${ROW[claims, one call (pgbench)]}"
  echo "${ROW[campaign]}"
  echo "${ROW[campaign, one call (pgbench)]}"
  echo "${ROW[pay]}"
  for name in claims campaign; do
    echo
    echo "## $name: the JVM's execution samples by component"
    echo
    echo '```'
    cat "$OUT/$name.where.txt"
    echo '```'
  done
} | tee "$OUT/profile.md"
