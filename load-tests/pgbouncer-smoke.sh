#!/usr/bin/env bash
# The smoke run through PgBouncer in transaction mode, with the service configured by the production ConfigMap's own
# settings (k8s/base/configmap.yaml with the prod overlay's patch: HUIMIN_DB_PGBOUNCER and
# HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS among them): two packaged instances reach
# PostgreSQL only through the pooler — PgBouncer 1.24.1 with the Pooler's parameters (lib.sh) — as in production.
# As k8s/ deploys it, the migration Job's settings migrate first, as the owner role, straight to PostgreSQL; the
# instances then start as the service role without the owner's credentials, and only validate the schema. Runs in CI.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
ensure_tools
build_if_needed
start_postgres
start_pgbouncer 56432 20
mapfile -t CONFIG < <(configmap_env)
log "ConfigMap settings: ${CONFIG[*]}"
run_migration_job "${CONFIG[@]}"
for instance in "instance-a 18091" "instance-b 18092"; do
  set -- $instance
  start_service "$1" "$2" "${CONFIG[@]}" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGB_PORT/huimin" \
    HUIMIN_DB_MIGRATION_USERNAME= HUIMIN_DB_MIGRATION_PASSWORD=
done
python3 "$LT_DIR/driver.py" smoke --urls http://127.0.0.1:18091,http://127.0.0.1:18092 \
  --key "$ROOT/src/test/resources/dev-signing-key.pem" --secret load-test-secret \
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d huimin -Atc"
# Named statements through the pooler (HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS, PgBouncer's max_prepared_statements):
# PgBouncer counts the named statements its clients prepare and those it prepares on server connections; unnamed
# statements count none. The smoke's writes passing through it at all show that the named ones were found on whichever
# server connection each transaction got (with PgBouncer 1.18 every write failed: 26000, 42P05).
binds=$(pgbouncer_stat huimin total_bind_count)
client_parses=$(pgbouncer_stat huimin total_client_parse_count)
server_parses=$(pgbouncer_stat huimin total_server_parse_count)
log "PgBouncer: $binds statements bound, $client_parses named preparations by the service, $server_parses on servers"
prepared=$(printf '%s\n' "${CONFIG[@]}" | awk -F= '$1 == "HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS" {print $2}')
if [ "$prepared" = true ] && ! [ "$client_parses" -gt 0 ]; then
  log "named statements were not kept: FAILED"
  exit 1
fi
