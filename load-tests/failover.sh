#!/usr/bin/env bash
# Failover without losing an acknowledged settlement. A primary and a streaming standby (pg_basebackup), synchronous
# replication (a commit is acknowledged only once the standby has it, as k8s/base/postgres.yaml configures CNPG), the
# packaged service reaching the primary through PgBouncer in transaction mode (as through CNPG's -rw pooler). During a
# claim storm: kill -9 the primary, promote the standby, repoint PgBouncer. Every settlement answered 201 must be on the
# new primary; the unanswered ones are retried with the same settlement ID and recorded once; the service must be ready
# again within 30 s. CI runs it with STORM_SECONDS=30.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap 'stop_standby; cleanup' EXIT
STORM_SECONDS=${STORM_SECONDS:-40}
KILL_AFTER=${KILL_AFTER:-12}
STANDBY_PORT=${STANDBY_PORT:-55532}
POLICIES=${POLICIES:-2000}
ensure_tools
build_if_needed
start_postgres
stop_standby() { [ -d "$WORK/standby" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/standby" -m fast stop >/dev/null 2>&1 || true; }

# The standby, streaming from the primary; its name makes it the synchronous one.
for _ in $(seq 1 20); do port_free "$STANDBY_PORT" && break; STANDBY_PORT=$((STANDBY_PORT + 1)); done
as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$WORK/standby" -R -X stream -c fast >/dev/null
sed -i "s/^port = .*/port = $STANDBY_PORT/" "$WORK/standby/postgresql.conf"
sed -i "s/primary_conninfo = '/primary_conninfo = 'application_name=standby1 /" "$WORK/standby/postgresql.auto.conf"
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/standby" -l "$WORK/standby.log" -w start >/dev/null
psql_q postgres "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" >/dev/null
psql_q postgres "SELECT pg_reload_conf()" >/dev/null
sleep 1
log "standby on :$STANDBY_PORT, replication: $(psql_q postgres "SELECT application_name || ' ' || sync_state FROM pg_stat_replication")"

run_migration_job
start_pgbouncer 56432 20
mapfile -t CONFIG < <(configmap_env)
# Requests through PgBouncer; the schema check at start (JDBC, part of readiness) to whichever server is the primary,
# as CNPG's huimin-db-rw Service follows the promotion (PgJDBC's multi-host URL plays that Service here).
start_service service 18096 "${CONFIG[@]}" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGB_PORT/huimin" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT,127.0.0.1:$STANDBY_PORT/huimin?targetServerType=primary" \
  HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD=
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="LT-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18096 "$PLAN" >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -v participants="$POLICIES" \
  -v policies="$POLICIES" -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null 2>&1
psql_q huimin "SELECT id_number FROM lt_people WHERE n <= $POLICIES ORDER BY n" > "$WORK/people.txt"

log "claim storm for ${STORM_SECONDS} s; the primary dies after ${KILL_AFTER} s"
python3 "$LT_DIR/driver.py" failover --urls http://127.0.0.1:18096 --key "$KEY" --people "$WORK/people.txt" \
  --admission "$(TZ=Asia/Shanghai date -d '3 days ago' +%Y-%m-%d)" --seconds "$STORM_SECONDS" \
  --psql "psql -h 127.0.0.1 -p $STANDBY_PORT -U postgres -d huimin -Atc" > "$WORK/failover.out" 2>&1 &
storm=$!
sleep "$KILL_AFTER"
killed=$(date +%s%N)
kill -9 "$(head -1 "$WORK/pgdata/postmaster.pid")"
log "primary killed (kill -9)"
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/standby" -w promote >/dev/null
sed -i "s/port=$PG_PORT dbname=huimin/port=$STANDBY_PORT dbname=huimin/" "$WORK/pgbouncer/pgbouncer.ini"
kill -HUP "$(cat "$WORK/pgbouncer/pgbouncer.pid")"
log "standby promoted, PgBouncer repointed in $(( ($(date +%s%N) - killed) / 1000000 )) ms"
ready_ms=""
for _ in $(seq 1 600); do
  # Ready means the database answers through the pool: a settlement read, not only the health probe.
  if curl -sf --max-time 1 http://127.0.0.1:19096/q/health/ready >/dev/null 2>&1; then
    ready_ms=$(( ($(date +%s%N) - killed) / 1000000 )); break
  fi
  sleep 0.05
done
log "service ready again ${ready_ms:-never} ms after the kill"
wait $storm || { cat "$WORK/failover.out" >&2; log "settlements were lost or duplicated"; exit 1; }
cat "$WORK/failover.out" >&2
[ -n "$ready_ms" ] && [ "$ready_ms" -le 30000 ] || { log "not ready within 30 s"; exit 1; }
