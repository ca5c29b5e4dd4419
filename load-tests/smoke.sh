#!/usr/bin/env bash
# Two packaged instances against one PostgreSQL: enrolment, payment and settlement races across instances,
# then the database is checked against what the clients counted. Runs in CI (a few seconds per scenario).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
ensure_tools
build_if_needed
start_postgres
start_service instance-a 18081
start_service instance-b 18082
python3 "$LT_DIR/driver.py" smoke --urls http://127.0.0.1:18081,http://127.0.0.1:18082 \
  --key "$ROOT/src/test/resources/dev-signing-key.pem" --secret load-test-secret \
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d huimin -Atc"
