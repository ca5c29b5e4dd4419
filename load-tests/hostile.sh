#!/usr/bin/env bash
# Hostile input against the packaged jar, with the Deployment's memory settings (a 1 GiB container and
# MaxRAMPercentage=55: -Xmx563m here) and its database path (PgBouncer, named statements): the bodies that once
# stalled the event loop or ended in OutOfMemoryError are answered at once while a poller watches liveness every 50
# ms; then the generative run (Fuzz.java) sends requests made from /q/openapi for every operation, as every role, for
# FUZZ_SECONDS. Runs in CI; the seed and the report are kept in $OUT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
ensure_tools
build_if_needed
start_postgres
run_migration_job
# The production database path: through PgBouncer (the Pooler's version and parameters, lib.sh) with the ConfigMap's
# PgBouncer switches, so that the generative run's every operation — the Hibernate Reactive workflow entities of the
# online claims included — goes through it with named statements.
start_pgbouncer 56432 20
mapfile -t POOLER_SWITCHES < <(configmap_env | grep '^HUIMIN_DB_PGBOUNCER')
log "through PgBouncer with ${POOLER_SWITCHES[*]}"
JAVA_OPTS="-Xmx563m -XX:+ExitOnOutOfMemoryError" start_service service 18085 "${POOLER_SWITCHES[@]}" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGB_PORT/huimin"
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="DEMO-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18085 "$PLAN" >/dev/null
INSURED=$(python3 "$LT_DIR/driver.py" token --key "$KEY" insured id_number=210102199003071233)
ORG=$(python3 "$LT_DIR/driver.py" token --key "$KEY" org org_code=HOSTILE org_type=EMPLOYER)
BUREAU=$(python3 "$LT_DIR/driver.py" token --key "$KEY" bureau region=210000)

# Liveness, every 50 ms, for as long as the attacks run.
( while true; do curl -s -o /dev/null -w '%{time_total}\n' --max-time 5 http://127.0.0.1:19085/q/health/live; sleep 0.05; done ) \
  > "$OUT/liveness.txt" & poller=$!
fail=0
attack() { # name token path body-file expected-status max-ms
  local name=$1 token=$2 path=$3 file=$4 want=$5 max_ms=$6 method=POST
  local result status ms
  case $path in */bureau/participants) method=PUT ;; esac
  result=$(curl -s -o "$OUT/$name.answer" -w '%{http_code} %{time_total}' -X $method -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @"$file" "http://127.0.0.1:18085$path")
  status=${result% *}; ms=$(python3 -c "print(round(${result#* } * 1000))")
  log "$name ($(stat -c %s "$file") bytes): $status in $ms ms — $(head -c 160 "$OUT/$name.answer")"
  if [ "$status" != "$want" ] || [ "$ms" -gt "$max_ms" ]; then log "  expected $want within $max_ms ms"; fail=1; fi
}
python3 -c "print('{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":[' + ','.join(['{}'] * 50000) + ']}')" > "$WORK/50k.json"
python3 -c "print('{\"plan\":\"X\",\"payer\":\"SELF\",\"members\":[' + ','.join(['{}'] * 333000) + ']}')" > "$WORK/333k.json"
python3 -c "print('{\"plan\":\"X\",\"members\":[' + ','.join(['{}'] * 600000) + ']}')" > "$WORK/org-600k.json"
python3 -c "print('{\"plan\":\"X\",\"members\":[' + ','.join(['{\"idNumber\":\"x\"}'] * 5000) + ']}')" > "$WORK/org-5000-bad.json"
python3 -c "print('{\"records\":[' + ','.join(['{}'] * 1300000) + ']}')" > "$WORK/bureau-1.3m.json"
for round in 1 2 3; do
  attack "family-50k-$round" "$INSURED" /api/v1/enrolments "$WORK/50k.json" 413 100
  attack "family-333k-$round" "$INSURED" /api/v1/enrolments "$WORK/333k.json" 413 100
  attack "org-600k-$round" "$ORG" /api/v1/org/enrolments "$WORK/org-600k.json" 400 2000
  attack "org-5000-bad-$round" "$ORG" /api/v1/org/enrolments "$WORK/org-5000-bad.json" 400 2000
  attack "bureau-1.3m-$round" "$BUREAU" /api/v1/bureau/participants "$WORK/bureau-1.3m.json" 400 2000
done
kill $poller 2>/dev/null || true
worst=$(sort -n "$OUT/liveness.txt" | tail -1)
log "liveness: $(wc -l < "$OUT/liveness.txt") probes, slowest $(python3 -c "print(round($worst * 1000))") ms"
python3 -c "import sys; sys.exit(0 if $worst < 0.5 else 1)" || { log "liveness stalled"; fail=1; }

log "generative run: seed $FUZZ_SEED, $FUZZ_SECONDS s"
FUZZ_PLAN="$PLAN" java -cp "$(tools_classpath)" "$LT_DIR/Fuzz.java" http://127.0.0.1:18085 "$KEY" "$FUZZ_SEED" \
  "$FUZZ_SECONDS" "$OUT/fuzz-report.txt" > /dev/null || fail=1
head -40 "$OUT/fuzz-report.txt" >&2
curl -sf http://127.0.0.1:19085/q/health/live > /dev/null || { log "the service did not survive"; fail=1; }
log "service RSS after the run: $(( $(ps -o rss= -p "${PIDS[-1]}") / 1024 )) MiB; report in $OUT"
exit $fail
