#!/usr/bin/env bash
# The smoke run through PgBouncer in transaction mode, with the service configured by k8s/base/configmap.yaml's own
# settings (HUIMIN_DB_PGBOUNCER=true among them): two packaged instances reach PostgreSQL only through the pooler,
# as in production. As k8s/ deploys it, the migration Job's settings migrate first, as the owner role, straight to
# PostgreSQL; the instances then start as the service role without the owner's credentials, and only validate the
# schema. Runs in CI.
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
