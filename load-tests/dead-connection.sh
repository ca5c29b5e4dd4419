#!/usr/bin/env bash
# Dead connections: connections stop carrying packets without being closed — the pod or node at their far end is gone,
# no RST ever comes — while new connections to the same address reach a live server, as when Kubernetes replaces the
# Pooler's pod behind its Service, or CloudNativePG's -rw Service points at a promoted primary. This is what `kill -9`
# in failover.sh does not show: a killed process's kernel closes its sockets at once; a lost node's does not.
#
# Two links can die, each with its own guard:
#   service  the service's connections to PgBouncer (which it reaches at 127.0.0.5). Guard: the service's
#            HUIMIN_DB_TCP_USER_TIMEOUT (BoundedPool); the case's value is that setting (PT10S shipped, 0 = before).
#   pooler   PgBouncer's server connections to PostgreSQL. Guard: PgBouncer's tcp_user_timeout and keepalive (the
#            Pooler's parameters in k8s/base/postgres.yaml); the case's value is tcp_user_timeout in ms (10000
#            shipped, 0 = before). The service's own guard cannot help here: PgBouncer keeps acknowledging its packets.
# After a warm-up every connection of the link is black-holed by its source port (ip rule … blackhole); a hospital then
# settles every 0.1 s, waiting up to 30 s per answer. A case with a non-zero value passes only if settlements are
# answered 201 again within 20 s of the cut, every 201 is stored once, and every other settlement, retried with its ID,
# is stored once too. Needs CAP_NET_ADMIN for `ip rule` (root on the load-test machine and in CI); without it the
# script says so and stops. CI runs CASES="service:PT10S pooler:10000" with STORM_SECONDS=30.
set -euo pipefail
DEAD=127.0.0.5
# cut LINK PORT FILE: black-hole the established connections of LINK, each by its source port: the service's to
# $DEAD:PORT, or PgBouncer's to PostgreSQL on 127.0.0.1:PORT. The local routing table's rule is moved behind ours first
# (it comes first and would deliver everything on 127/8). The source ports cut are written to FILE.
if [ "${1:-}" = "--cut" ]; then
  if [ "$2" = service ]; then
    ports=$(ss -tnH state established "( dst $DEAD and dport = :$3 )" | awk '{print $3}' | sed 's/.*://' | sort -u)
    target=(to "$DEAD" ipproto tcp)
  else
    ports=$(ss -tnpH state established "( dst 127.0.0.1 and dport = :$3 )" | grep '"pgbouncer"' | awk '{print $3}' \
      | sed 's/.*://' | sort -u)
    target=(to 127.0.0.1 ipproto tcp dport "$3")
  fi
  ip rule add pref 10 lookup local
  ip rule del pref 0
  for p in $ports; do
    ip rule add pref 5 "${target[@]}" sport "$p" blackhole
    # PostgreSQL's packets back to PgBouncer are lost too, as with a lost node: otherwise its FATAL for an idle
    # transaction (V10's 30 s) would still reach PgBouncer and close that connection, which a lost node's would not.
    [ "$2" = service ] || ip rule add pref 5 to 127.0.0.1 ipproto tcp sport "$3" dport "$p" blackhole
  done
  echo $ports > "$4"
  echo "$(date +%H:%M:%S) cut $(echo $ports | wc -w) $2 connections" >&2
  exit 0
fi
source "$(dirname "$0")/lib.sh"
heal() {
  while ip rule del pref 5 2>/dev/null; do :; done
  ip rule show | grep -q '^0:' || ip rule add pref 0 lookup local
  ip rule del pref 10 2>/dev/null || true
}
trap 'heal; cleanup' EXIT
# watch_orphans: in the background, once the cut has written its ports, count PostgreSQL's backends for the cut
# PgBouncer connections (each holds a connection slot) every second until none is left or 150 s have passed; the
# last line of $WORK/orphans says how many were left and when.
watch_orphans() {
  rm -f "$WORK/cut-ports" "$WORK/orphans"
  (
    while [ ! -s "$WORK/cut-ports" ]; do sleep 0.2; done
    ports=$(tr ' ' ',' < "$WORK/cut-ports") start=$(date +%s)
    while :; do
      left=$(psql_q huimin "SELECT count(*) FROM pg_stat_activity WHERE client_port IN ($ports)")
      echo "$left $(($(date +%s) - start))" >> "$WORK/orphans"
      if [ "$left" = 0 ] || [ $(($(date +%s) - start)) -ge 150 ]; then break; fi
      sleep 1
    done
  ) &
  ORPHANS_PID=$!
}
# orphans VALUE: waits for watch_orphans and reports. With the shipped keepalive the backends must be gone; with none
# (VALUE 0) they stay for the kernel's 2 h 11 min, which is only reported.
orphans() {
  wait "$ORPHANS_PID" || true
  local cut first left at
  cut=$(wc -w < "$WORK/cut-ports") first=$(head -1 "$WORK/orphans" | cut -d' ' -f1)
  read -r left at < <(tail -1 "$WORK/orphans")
  log "  PostgreSQL backends of the $cut cut PgBouncer connections: $first at the cut, $left left $at s after it"
  [ "$1" = 0 ] || [ "$left" = 0 ]
}
CASES=${CASES:-service:PT10S service:0 pooler:10000 pooler:0}
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
mapfile -t CONFIG < <(configmap_env)
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
ADMISSION=$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)
status=0
port=18097
for case in $CASES; do
  link=${case%%:*} value=${case#*:}
  service_timeout=PT10S pooler_timeout=10000
  [ "$link" = service ] && service_timeout=$value || pooler_timeout=$value
  # The database side of the pooler link: PostgreSQL's keepalive on its backends (lib.sh, as shipped), or none (0).
  if [ "$pooler_timeout" = 0 ]; then
    for setting in tcp_keepalives_idle tcp_keepalives_interval tcp_keepalives_count tcp_user_timeout; do
      psql_q postgres "ALTER SYSTEM SET $setting = 0" >/dev/null
    done
  else
    psql_q postgres "ALTER SYSTEM RESET ALL" >/dev/null
  fi
  psql_q postgres "SELECT pg_reload_conf()" >/dev/null
  PGB_LISTEN="127.0.0.1,$DEAD" PGB_TCP_USER_TIMEOUT=$pooler_timeout start_pgbouncer 56432 20
  start_service "service-$link-$value" "$port" "${CONFIG[@]}" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$DEAD:$PGB_PORT/huimin" \
    HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD= HUIMIN_DB_TCP_USER_TIMEOUT="$service_timeout"
  grep -o "Sockets on [^:(]*" "$WORK/service-$link-$value.log" | head -1 | sed 's/^/  /' >&2
  if [ ! -s "$WORK/people.txt" ]; then
    python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls "http://127.0.0.1:$port" "$PLAN" >/dev/null
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -v participants="$POLICIES" \
      -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null 2>&1
    psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"
  fi
  check=(); [ "$value" = 0 ] || check=(--check)
  cut_port=$PGB_PORT; [ "$link" = service ] || cut_port=$PG_PORT
  [ "$link" = pooler ] && watch_orphans
  log "link $link, tcp-user-timeout $value: warm-up, then the link's connections die; ${STORM_SECONDS} s of settlements"
  if ! python3 "$LT_DIR/driver.py" dead-connection --urls "http://127.0.0.1:$port" --key "$KEY" --people "$WORK/people.txt" \
      --admission "$ADMISSION" --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d huimin -Atc" \
      --cut "$0 --cut $link $cut_port $WORK/cut-ports" --tag "DC$(date +%s)" --tag-label "$link $value" --seconds "$STORM_SECONDS" \
      "${check[@]}"; then
    status=1
  fi
  if [ "$link" = pooler ]; then
    orphans "$value" || status=1
  fi
  kill "${PIDS[-1]}" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true
  stop_pgbouncer
  heal
  port=$((port + 1))
done
[ "$status" = 0 ] && log "dead connections: passed" || log "dead connections: FAILED"
exit "$status"
