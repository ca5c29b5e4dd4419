#!/usr/bin/env bash
# Shared helpers for the load tests: a throw-away PostgreSQL, packaged service instances, dev-key tokens.
# Everything listens on 127.0.0.1 only; every process started here is stopped by cleanup().

LT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$LT_DIR/.." && pwd)
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_PORT=${PG_PORT:-55432}
WORK=${WORK:-$(mktemp -d /tmp/huimin-lt.XXXXXX)}
PIDS=()
# The database sets the service's time-outs for every session (V10: statement 10 s, lock 5 s); the scripts' own
# sessions (seeding millions of rows, checks over whole tables, pgbench) are administration and lift them.
export PGOPTIONS="${PGOPTIONS:--c statement_timeout=0 -c lock_timeout=0 -c idle_in_transaction_session_timeout=0}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
  if [ -z "$PG_BIN" ] || ! id postgres >/dev/null 2>&1 || ! command -v psql >/dev/null || ! command -v pgbench >/dev/null; then
    log "installing PostgreSQL (server, psql, pgbench) from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  if ! command -v wrk >/dev/null; then
    log "installing wrk from Debian"
    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1) || \
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  local data="$WORK/pgdata"
  # A previous run's server may still be releasing the port: take the next free one.
  for _ in $(seq 1 20); do port_free "$PG_PORT" && break; PG_PORT=$((PG_PORT + 1)); done
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
  as_postgres "$PG_BIN/initdb" -D "$data" -A trust -U postgres -E UTF8 >/dev/null
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 300
shared_buffers = 1GB
work_mem = 16MB
max_wal_size = 4GB
autovacuum_naptime = ${AUTOVACUUM_NAPTIME:-10s}
shared_preload_libraries = 'pg_stat_statements'
unix_socket_directories = '$WORK'
log_autovacuum_min_duration = 0
log_checkpoints = on
log_min_duration_statement = 1000
# The Cluster's connection guards (k8s/base/postgres.yaml: keepalive and TCP_USER_TIMEOUT on the backends' sockets;
# dead-connection.sh, link pooler, shows what they do). The rest above is sized for the load-test machine.
$(cnpg_parameters Cluster tcp_)
CONF
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$WORK/postgres.log" -w start >/dev/null; then
    tail -20 "$WORK/postgres.log" >&2
    return 1
  fi
  # Production's two roles: the migration role owns the schema and runs Flyway; the service connects as a role that
  # may only insert and select audit rows (V7). The load tests' own SQL runs as the superuser postgres.
  psql_q postgres "CREATE ROLE huimin_owner LOGIN; CREATE ROLE huimin_service LOGIN" >/dev/null
  psql_q postgres "CREATE DATABASE huimin OWNER huimin_owner" >/dev/null
  psql_q huimin "ALTER SCHEMA public OWNER TO huimin_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC" >/dev/null
  psql_q huimin "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 || true
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

psql_q() {
  local db=$1; shift
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -v ON_ERROR_STOP=1 -Atc "$*"
}

public_key() {
  grep '^huimin.dev.public-key=' "$ROOT/src/main/resources/application.properties" | cut -d= -f2
}

# start_service NAME PORT [extra env...]: the packaged jar in production mode, configured by environment only; health
# and metrics on the management port PORT + 1000.
start_service() {
  local name=$1 port=$2; shift 2
  env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$((port + 1000))" \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/huimin" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/huimin" \
      QUARKUS_DATASOURCE_USERNAME=huimin_service QUARKUS_DATASOURCE_PASSWORD=unused \
      HUIMIN_DB_MIGRATION_USERNAME=huimin_owner HUIMIN_DB_MIGRATION_PASSWORD=unused \
      QUARKUS_OIDC_PUBLIC_KEY="$(public_key)" QUARKUS_OIDC_TOKEN_ISSUER=huimin-dev QUARKUS_OIDC_AUTH_SERVER_URL= \
      HUIMIN_PAYMENT_SECRET=load-test-secret HUIMIN_AUDIT_KEY=load-test-audit-key \
      QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" \
      java ${JAVA_OPTS:--Xmx1g} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  local started=$(date +%s%N)
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null 2>&1; then
      log "$name ready on :$port in $(( ($(date +%s%N) - started) / 1000000 )) ms (pid ${PIDS[-1]})"
      return 0
    fi
    sleep 0.5
  done
  log "$name did not become ready"; tail -30 "$WORK/$name.log" >&2; return 1
}

cleanup() {
  stop_pgbouncer
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -d "$WORK/pgdata" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
  [ -z "${KEEP_WORK:-}" ] && rm -rf "$WORK" || true
}

# balances_mismatched HOSPITAL: how many people who settled at HOSPITAL have stored balances (benefit_balance) that
# differ from the sum of what their recorded, unreversed settlements consumed — 0 when every settlement counted once.
# One aggregate over those people, joined (a correlated subquery per balance has no index on the settlement's person
# to use, and went quadratic when the planner's row counts for settlement were stale).
balances_mismatched() {
  psql_q huimin "
  WITH people AS (SELECT DISTINCT plan_id, id_number FROM settlement WHERE hospital_code = '$1'),
  used AS (
    SELECT s.plan_id, s.id_number,
           coalesce(sum((s.consumed->'caps'->>'IN_POLICY')::numeric) FILTER (WHERE s.status = 'SETTLED'), 0) AS in_policy,
           coalesce(sum((s.consumed->'caps'->>'OUT_OF_POLICY')::numeric) FILTER (WHERE s.status = 'SETTLED'), 0) AS out_policy,
           coalesce(sum((s.consumed->'deductibles'->>'MAIN')::numeric) FILTER (WHERE s.status = 'SETTLED'), 0) AS deductible
      FROM settlement s JOIN people p ON p.plan_id = s.plan_id AND p.id_number = s.id_number
     GROUP BY s.plan_id, s.id_number)
  SELECT count(*) FROM benefit_balance b JOIN used u ON u.plan_id = b.plan_id AND u.id_number = b.id_number
   WHERE (coalesce((b.caps_used->>'IN_POLICY')::numeric, 0), coalesce((b.caps_used->>'OUT_OF_POLICY')::numeric, 0),
          coalesce((b.deductibles_used->>'MAIN')::numeric, 0))
      <> (u.in_policy, u.out_policy, u.deductible)"
}

build_if_needed() {
  if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ]; then
    log "packaging the service"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

# cnpg_parameters KIND [PREFIX]: the parameters of the CloudNativePG resource KIND in k8s/base/postgres.yaml (the
# Pooler's spec.pgbouncer.parameters, the Cluster's spec.postgresql.parameters) whose names start with PREFIX, as
# "name = value" lines, so that the load tests run the configuration that ships.
cnpg_parameters() {
  awk -v kind="$1" -v prefix="${2:-}" '/^kind: / {mine = ($2 == kind)} mine && /^    parameters:/ {on = 1; next}
       on && /^      [a-z_.]+:/ {k = $1; sub(/:$/, "", k); v = $0; sub(/^[^:]*: */, "", v); gsub(/"/, "", v)
                                  if (index(k, prefix) == 1) print k " = " v; next}
       on && !/^ *#/ {on = 0}' "$ROOT/k8s/base/postgres.yaml"
}

# The PgBouncer the Pooler runs (k8s/base/postgres.yaml pins its image, ghcr.io/cloudnative-pg/pgbouncer:1.24.1).
# Debian 12 ships 1.18, older than the 1.21 that keeps named prepared statements in transaction mode
# (max_prepared_statements), so it is built once from Debian's own copy of the release source (checksum pinned) into
# $PGBOUNCER_HOME, readable by the postgres user. PGBOUNCER=/path/to/pgbouncer runs another build (1.21 or later: the
# Pooler's max_prepared_statements is unknown to older ones).
PGBOUNCER_VERSION=1.24.1
PGBOUNCER_SHA256=da72a3aba13072876d055a3e58dd4aba4a5de4ed6148e73033185245598fd3e0
PGBOUNCER_HOME=${PGBOUNCER_HOME:-/var/tmp/huimin-pgbouncer-$PGBOUNCER_VERSION}
ensure_pgbouncer() {
  PGBOUNCER=${PGBOUNCER:-$PGBOUNCER_HOME/bin/pgbouncer}
  [ -x "$PGBOUNCER" ] && return 0
  [ "$PGBOUNCER" = "$PGBOUNCER_HOME/bin/pgbouncer" ] || { log "no PgBouncer at $PGBOUNCER"; return 1; }
  log "building PgBouncer $PGBOUNCER_VERSION from source (Debian 12 ships 1.18)"
  local missing=()
  for tool in gcc make pkg-config curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  for lib in libevent-dev libssl-dev; do dpkg -s "$lib" >/dev/null 2>&1 || missing+=("$lib"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1) || \
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null)
  fi
  local src; src=$(mktemp -d)
  curl -fsS -o "$src/pgbouncer.tar.gz" \
    "http://deb.debian.org/debian/pool/main/p/pgbouncer/pgbouncer_$PGBOUNCER_VERSION.orig.tar.gz"
  echo "$PGBOUNCER_SHA256  $src/pgbouncer.tar.gz" | sha256sum -c --quiet
  tar xzf "$src/pgbouncer.tar.gz" -C "$src"
  (cd "$src/pgbouncer-$PGBOUNCER_VERSION" && ./configure -q --prefix="$PGBOUNCER_HOME" --without-cares --without-systemd \
    >/dev/null && make -s -j2 >/dev/null 2>&1 && make -s install >/dev/null) || { log "building PgBouncer failed"; return 1; }
  rm -rf "$src"
  chmod -R a+rX "$PGBOUNCER_HOME"
}

# start_pgbouncer PORT [POOL_SIZE]: PgBouncer in front of the PostgreSQL started above, with the CloudNativePG Pooler's
# pool mode and parameters from k8s/base/postgres.yaml (cnpg_parameters), except the pool size (POOL_SIZE, default
# the Pooler's) and, when PGB_TCP_USER_TIMEOUT is set, tcp_user_timeout (dead-connection.sh's 'before' run). Sets PGB_PORT.
start_pgbouncer() {
  PGB_PORT=${1:-56432}
  local params mode pool
  params=$(cnpg_parameters Pooler)
  mode=$(awk '/^kind: / {pooler = ($2 == "Pooler")} pooler && /poolMode:/ {print $2}' "$ROOT/k8s/base/postgres.yaml")
  pool=${2:-$(echo "$params" | awk '$1 == "default_pool_size" {print $3}')}
  [ -n "${PGB_TCP_USER_TIMEOUT:-}" ] && params=$(echo "$params" | grep -v '^tcp_user_timeout =' ; echo "tcp_user_timeout = $PGB_TCP_USER_TIMEOUT")
  params=$(echo "$params" | grep -v '^default_pool_size =')
  ensure_pgbouncer
  for _ in $(seq 1 20); do port_free "$PGB_PORT" && break; PGB_PORT=$((PGB_PORT + 1)); done
  mkdir -p "$WORK/pgbouncer"
  printf '"postgres" ""\n"huimin_service" ""\n"huimin_owner" ""\n' > "$WORK/pgbouncer/users.txt"
  cat > "$WORK/pgbouncer/pgbouncer.ini" <<INI
[databases]
huimin = host=127.0.0.1 port=$PG_PORT dbname=huimin
[pgbouncer]
listen_addr = ${PGB_LISTEN:-127.0.0.1}
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/pgbouncer/users.txt
# The load tests read SHOW STATS (pgbouncer_stat); CNPG manages the admin console itself.
stats_users = postgres
server_reset_query =
pool_mode = $mode
default_pool_size = $pool
# From k8s/base/postgres.yaml's Pooler:
$params
logfile = $WORK/pgbouncer/pgbouncer.log
pidfile = $WORK/pgbouncer/pgbouncer.pid
INI
  [ "$(id -u)" = 0 ] && chown -R postgres "$WORK/pgbouncer"
  as_postgres "$PGBOUNCER" -d "$WORK/pgbouncer/pgbouncer.ini"
  for _ in $(seq 1 50); do port_free "$PGB_PORT" || break; sleep 0.1; done
  log "PgBouncer $("$PGBOUNCER" --version | head -1 | awk '{print $2}') ($mode mode, pool $pool, the Pooler's parameters) on 127.0.0.1:$PGB_PORT"
}

# pgbouncer_stat DATABASE COLUMN: one figure of PgBouncer's SHOW STATS (by column name) for DATABASE.
pgbouncer_stat() {
  PGOPTIONS= psql -h 127.0.0.1 -p "$PGB_PORT" -U postgres -d pgbouncer -AF, -c "SHOW STATS" \
    | awk -F, -v db="$1" -v col="$2" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == col) c = i} NR > 1 && $1 == db {print $c}'
}

# stop_pgbouncer: PgBouncer ends at once (SIGQUIT: since 1.23 SIGTERM waits for every client to leave, and a
# black-holed one never does), and is waited for until its process and pid file are gone, so that the next can start.
stop_pgbouncer() {
  local pid
  [ -f "$WORK/pgbouncer/pgbouncer.pid" ] || return 0
  pid=$(cat "$WORK/pgbouncer/pgbouncer.pid")
  kill -QUIT "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$WORK/pgbouncer/pgbouncer.pid"
}

# pending_payments PLAN: the payment provider's signed notification ("signature body", HMAC with the load tests'
# secret) for every order of PLAN still waiting for payment, one line each, for scenarios/pay.lua.
pending_payments() {
  psql_q huimin "SELECT o.id || ' ' || o.amount FROM enrolment_order o JOIN plan p ON p.id = o.plan_id
                 WHERE p.code = '$1' AND o.status = 'PENDING_PAYMENT'" \
  | python3 -c '
import sys, hmac, hashlib, json, datetime
now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).replace(microsecond=0).isoformat()
for line in sys.stdin:
    order, amount = line.split()
    body = json.dumps({"orderId": order, "transactionId": "LT-PAY-" + order, "amount": float(amount),
                       "paidAt": now}, separators=(",", ":"))
    print(hmac.new(b"load-test-secret", body.encode(), hashlib.sha256).hexdigest(), body)'
}

# The production ConfigMap's settings as environment assignments, without the addresses that differ per cluster:
# a run that uses them runs what k8s/ ships.
configmap_env() {
  local file
  # The base ConfigMap, then the prod overlay's patch of it (later assignments win, as kustomize merges them).
  for file in "$ROOT/k8s/base/configmap.yaml" "$ROOT/k8s/overlays/prod/configmap-patch.yaml"; do
    sed -n '/^data:/,$p' "$file" | grep -E '^  [A-Z][A-Z0-9_]*:' \
      | grep -vE '^  (QUARKUS_DATASOURCE_(REACTIVE|JDBC)_URL|QUARKUS_OIDC_AUTH_SERVER_URL|QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT|JAVA_OPTS_APPEND|HUIMIN_PAYMENT_REFUND_URL|HUIMIN_DOCUMENTS_ENDPOINT):' \
      | sed -E 's/^  ([A-Z0-9_]+): *"?([^"]*)"?$/\1=\2/'
  done
}

# The migration Job's literal settings (k8s/base/migration-job.yaml, `- name: X` followed by `value: "v"`), as
# environment assignments.
migration_job_env() {
  awk '/- name: [A-Z_]+$/ {name=$3} /^ *value: / && name {v=$2; gsub(/"/, "", v); print name "=" v; name=""} /valueFrom:/ {name=""}' \
    "$ROOT/k8s/base/migration-job.yaml"
}

# run_migration_job: the packaged jar with the ConfigMap's and the migration Job's settings, as the owner role; it
# migrates and exits (Quarkus init-and-exit), as the Job does before a release's pods start.
run_migration_job() {
  mapfile -t job < <(migration_job_env)
  log "migration Job: ${job[*]}"
  env QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/huimin" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/huimin" \
      QUARKUS_OIDC_PUBLIC_KEY="$(public_key)" QUARKUS_OIDC_TOKEN_ISSUER=huimin-dev QUARKUS_OIDC_AUTH_SERVER_URL= \
      QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" "${job[@]}" \
      QUARKUS_DATASOURCE_USERNAME=huimin_service HUIMIN_DB_MIGRATION_USERNAME=huimin_owner HUIMIN_DB_MIGRATION_PASSWORD=unused \
      timeout 120 java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/migration-job.log" 2>&1 \
    || { log "migration Job failed"; tail -30 "$WORK/migration-job.log" >&2; return 1; }
  log "migration Job done: schema at $(psql_q huimin "SELECT max(version::int) FROM flyway_schema_history WHERE success")"
}

# The class path for the load-test tools (TokenBatch, RateDriver): the service's classes with every dependency the
# tests have, the dev token signer's JWT builder included (it is not part of the packaged service).
tools_classpath() {
  if [ ! -f "$WORK/tools.cp" ]; then
    (cd "$ROOT" && ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/tools.cp" >/dev/null)
  fi
  echo "$ROOT/target/classes:$(cat "$WORK/tools.cp")"
}
