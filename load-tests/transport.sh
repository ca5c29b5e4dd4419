#!/usr/bin/env bash
# Same jar, same database: the service restarted alternately on NIO and epoll; coverage (the lightest path) and claims,
# JVM CPU ms per request from /proc. Output: one line per round, way and scenario (results/transport-20261126/).
set -euo pipefail
LT_DIR=$(cd "$(dirname "$0")" && pwd)
source "$LT_DIR/lib.sh"
trap cleanup EXIT
PARTICIPANTS=100000; POLICIES=40000
ensure_tools; build_if_needed; start_postgres
KEY="$ROOT/src/test/resources/dev-signing-key.pem"; PLAN="LT-$(date +%Y)"
QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=false start_service service 18080
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18080 "$PLAN"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 \
  -v participants="$PARTICIPANTS" -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"
export LT_DIR LT_PEOPLE="$WORK/people.txt" LT_RUN="tx$(date +%s)" LT_PLAN="$PLAN"
export LT_HOSPITAL_TOKEN=$(python3 "$LT_DIR/driver.py" token --key "$KEY" hospital hospital_code=HLT1)
export LT_ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
hz=$(getconf CLK_TCK)
for round in 1 2 3; do
  for native in false true; do
    QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=$native start_service "svc-$native-$round" 18080
    pid=${PIDS[-1]}
    grep -o "Sockets on [^(]*" "$WORK/svc-$native-$round.log" | head -1 >&2
    wrk -t2 -c32 -d40s -s "$LT_DIR/scenarios/coverage.lua" http://127.0.0.1:18080 >/dev/null 2>&1
    wrk -t2 -c32 -d20s -s "$LT_DIR/scenarios/claims.lua" http://127.0.0.1:18080 >/dev/null 2>&1
    for sc in coverage claims; do
      t0=$(awk '{print $14+$15}' /proc/$pid/stat)
      out=$(wrk -t2 -c32 -d20s -s "$LT_DIR/scenarios/$sc.lua" http://127.0.0.1:18080 2>&1)
      t1=$(awk '{print $14+$15}' /proc/$pid/stat)
      rps=$(echo "$out" | grep '^RESULT' | sed 's/^RESULT //' | python3 -c 'import json,sys; print(json.load(sys.stdin)["rps"])')
      python3 -c "print('round $round native=$native $sc rps=%.0f jvm_ms=%.3f' % ($rps, ($t1-$t0)/$hz*1000/($rps*20)))"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
