#!/usr/bin/env bash
# A refund survives a crash between its commit and its delivery: the packaged service is killed (kill -9) while its
# refund request to the provider is in flight, started again, and the provider receives the same request again and
# accepts it exactly once. Runs in CI.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
ensure_tools
build_if_needed
start_postgres
STUB_PORT=18099
for _ in $(seq 1 20); do port_free "$STUB_PORT" && break; STUB_PORT=$((STUB_PORT + 1)); done
python3 "$LT_DIR/stub_provider.py" "$STUB_PORT" load-test-secret "$WORK/provider.log" &
PIDS+=($!)
touch "$WORK/provider.log"
REFUND_URL="http://127.0.0.1:$STUB_PORT/refunds"
DRIVER=(python3 "$LT_DIR/driver.py" refund-crash --urls http://127.0.0.1:18095
  --key "$ROOT/src/test/resources/dev-signing-key.pem" --secret load-test-secret
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d huimin -Atc" --provider-log "$WORK/provider.log")
start_service crash-a 18095 HUIMIN_PAYMENT_REFUND_URL="$REFUND_URL"
REFUND=$("${DRIVER[@]}" --phase cancel)
log "refund $REFUND is in flight to the provider: kill -9 the service"
kill -9 "${PIDS[-1]}"
start_service crash-b 18095 HUIMIN_PAYMENT_REFUND_URL="$REFUND_URL"
"${DRIVER[@]}" --phase check --refund "$REFUND"
