#!/usr/bin/env bash
# Dead connections: the service's connections to PgBouncer stop carrying packets without being closed — the pod or
# node behind them is gone, no RST ever comes — while new connections to the same address reach a live PgBouncer, as
# when Kubernetes replaces the Pooler's pod behind its Service. This is what `kill -9` in failover.sh does not show: a
# killed process's kernel closes its sockets at once; a lost node's does not.
#
# The packaged service with the ConfigMap's settings reaches PgBouncer at 127.0.0.5. After a warm-up, every connection
# it holds there is black-holed by its source port (ip rule … blackhole); a hospital then settles every 0.1 s, waiting up
# to 30 s per answer. Run once per HUIMIN_DB_TCP_USER_TIMEOUT in MODES: the shipped 10 s, then 0 (the kernel's own
# ~15 minutes of retransmissions, i.e. before BoundedPool set it). With the shipped value the run passes only if
# settlements are answered 201 again within 20 s of the cut, every 201 is stored once, and every other settlement,
# retried with its ID, is stored once too. Needs CAP_NET_ADMIN for `ip rule` (root on the load-test machine and in CI);
# without it the script says so and stops. CI runs MODES=PT10S with STORM_SECONDS=30.
set -euo pipefail
DEAD=127.0.0.5
# cut PORT: black-hole the established connections to $DEAD:PORT (the service's), each by its source port. The local
# routing table's rule is moved behind ours first (it comes first and would deliver everything on 127/8).
if [ "${1:-}" = "--cut" ]; then
  ports=$(ss -tnH state established "( dst $DEAD and dport = :$2 )" | awk '{print $3}' | sed 's/.*://' | sort -u)
  ip rule add pref 10 lookup local
  ip rule del pref 0
  for p in $ports; do ip rule add pref 5 to "$DEAD" ipproto tcp sport "$p" blackhole; done
  echo "$(date +%H:%M:%S) cut $(echo $ports | wc -w) connections to $DEAD:$2" >&2
  exit 0
fi
source "$(dirname "$0")/lib.sh"
heal() {
  while ip rule del pref 5 2>/dev/null; do :; done
  ip rule show | grep -q '^0:' || ip rule add pref 0 lookup local
  ip rule del pref 10 2>/dev/null || true
}
trap 'heal; cleanup' EXIT
MODES=${MODES:-PT10S 0}
STORM_SECONDS=${STORM_SECONDS:-40}
POLICIES=${POLICIES:-2000}

if ! ip rule add pref 4 to 127.0.0.6 blackhole 2>/dev/null; then
  log "SKIPPED: this machine refuses 'ip rule' (no CAP_NET_ADMIN), so connections cannot be black-holed here"
  exit 0
fi
ip rule del pref 4
ensure_tools
build_if_needed
start_postgres
run_migration_job
PGB_LISTEN="127.0.0.1,$DEAD" start_pgbouncer 56432 20
mapfile -t CONFIG < <(configmap_env)
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
status=0
port=18097
for mode in $MODES; do
  start_service "service-$mode" "$port" "${CONFIG[@]}" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$DEAD:$PGB_PORT/huimin" \
    HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD= HUIMIN_DB_TCP_USER_TIMEOUT="$mode"
  grep -o "Sockets on [^:(]*" "$WORK/service-$mode.log" | head -1 | sed 's/^/  /' >&2
  if [ ! -s "$WORK/people.txt" ]; then
    python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls "http://127.0.0.1:$port" "$PLAN" >/dev/null
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -v participants="$POLICIES" \
      -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null 2>&1
    psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"
  fi
  check=(); [ "$mode" = 0 ] || check=(--check)
  log "tcp-user-timeout $mode: warm-up, then the connections to PgBouncer die; ${STORM_SECONDS} s of settlements"
  if ! python3 "$LT_DIR/driver.py" dead-connection --urls "http://127.0.0.1:$port" --key "$KEY" --people "$WORK/people.txt" \
      --admission "$ADMISSION" --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d huimin -Atc" \
      --cut "$0 --cut $PGB_PORT" --tag "DC$(date +%s)" --tag-label "$mode" --seconds "$STORM_SECONDS" "${check[@]}"; then
    status=1
  fi
  kill "${PIDS[-1]}" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true
  heal
  port=$((port + 1))
done
[ "$status" = 0 ] && log "dead connections: passed" || log "dead connections: FAILED"
exit "$status"
