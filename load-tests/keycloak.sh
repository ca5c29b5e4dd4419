#!/usr/bin/env bash
# A real Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central) with k8s/keycloak/huimin-realm.json imported,
# and the packaged service configured with QUARKUS_OIDC_AUTH_SERVER_URL (and the realm's audience) only. Tokens come
# from real grants: a hospital and the bureau by client credentials (their clients' secrets set through the admin
# API, as an operator does after importing), an insured person by the authorization-code flow with PKCE through the
# mini-program's public client (the login form posted as a browser would). Then: the hospital settles, the person
# enrols, the bureau pushes a record — end to end; a token for another audience and a forged one are refused.
# This proves the realm export: roles in `groups`, the hard-coded hospital_code and region claims, the id_number
# user attribute (declared in the realm's user profile), the audience.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
KC_VERSION=${KC_VERSION:-26.5.6}
KC_PORT=${KC_PORT:-18180}
KC_DIR="$WORK/keycloak-$KC_VERSION"
trap 'kill_keycloak; cleanup' EXIT
kill_keycloak() { [ -n "${KC_PID:-}" ] && kill "$KC_PID" 2>/dev/null; wait "${KC_PID:-}" 2>/dev/null || true; }
for tool in curl jq openssl unzip; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
ensure_tools
build_if_needed

# Keycloak from Maven Central (kept in target/keycloak between runs).
ZIP="$ROOT/target/keycloak/keycloak-quarkus-dist-$KC_VERSION.zip"
if [ ! -f "$ZIP" ]; then
  log "fetching Keycloak $KC_VERSION"
  (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
     -DoutputDirectory="$ROOT/target/keycloak")
fi
unzip -q "$ZIP" -d "$WORK"
mkdir -p "$KC_DIR/data/import"
cp "${REALM_FILE:-$ROOT/k8s/keycloak/huimin-realm.json}" "$KC_DIR/data/import/huimin-realm.json"
for _ in $(seq 1 20); do port_free "$KC_PORT" && port_free "$((KC_PORT + 1))" && break; KC_PORT=$((KC_PORT + 2)); done
log "starting Keycloak on :$KC_PORT (realm imported from k8s/keycloak/huimin-realm.json)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-for-this-run \
  "$KC_DIR/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" --http-management-port="$((KC_PORT + 1))" \
  --import-realm > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
KC="http://127.0.0.1:$KC_PORT"
started=$(date +%s)
for _ in $(seq 1 240); do
  curl -sf "$KC/realms/huimin/.well-known/openid-configuration" >/dev/null 2>&1 && break
  kill -0 "$KC_PID" 2>/dev/null || { tail -40 "$WORK/keycloak.log"; exit 1; }
  sleep 1
done
curl -sf "$KC/realms/huimin/.well-known/openid-configuration" >/dev/null || { tail -40 "$WORK/keycloak.log"; exit 1; }
log "Keycloak ready in $(( $(date +%s) - started )) s"

ADMIN=$(curl -fsS "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=admin -d password=admin-for-this-run | jq -r .access_token)
admin() { local method=$1 path=$2; shift 2; curl -fsS -X "$method" "$KC/admin/realms/huimin$path" -H "Authorization: Bearer $ADMIN" "$@"; }
client_secret() {  # a new secret for a confidential client, as an operator sets it after the import
  local id; id=$(admin GET "/clients?clientId=$1" | jq -r '.[0].id')
  admin POST "/clients/$id/client-secret" | jq -r .value
}
jwt_claims() {  # the payload of a JWT, base64url without padding
  local p; p=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  printf '%s' "$p" | base64 -d
}
client_token() { curl -fsS "$KC/realms/huimin/protocol/openid-connect/token" -d grant_type=client_credentials -d client_id="$1" -d client_secret="$2" | jq -r .access_token; }

# The database and the service: a set-up instance trusting the dev key (plan and bureau data, as the operator and the
# bureau would have created them), and the instance under test trusting only Keycloak.
start_postgres
run_migration_job
start_service setup 18097
KEY="$ROOT/src/test/resources/dev-signing-key.pem"
PLAN="KC-$(date +%Y)"
python3 "$LT_DIR/driver.py" plan --key "$KEY" --urls http://127.0.0.1:18097 "$PLAN"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d huimin -q -v ON_ERROR_STOP=1 -v participants=20 -v policies=10 \
  -v plan="$PLAN" -f "$LT_DIR/seed.sql" >/dev/null 2>&1
start_service keycloak 18098 QUARKUS_OIDC_PUBLIC_KEY= QUARKUS_OIDC_TOKEN_ISSUER= \
  QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/huimin" QUARKUS_OIDC_TOKEN_AUDIENCE=huimin-api
S=http://127.0.0.1:18098
PATIENT=$(psql_q huimin "SELECT id_number FROM lt_people WHERE n = 1")
NEWCOMER=$(psql_q huimin "SELECT id_number FROM lt_people WHERE n = 15")
TODAY=$(TZ=Asia/Shanghai date +%Y-%m-%d)
FAILED=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then log "ok: $1 ($3)"; else log "FAILED: $1: expected $2, got $3"; FAILED=1; fi
}

# 1. A hospital's information system: client credentials of his-H0001 (hospital_code H0001 hard-coded in the realm).
HIS=$(client_token his-H0001 "$(client_secret his-H0001)")
check "hospital token: role hospital in groups, hospital_code" 'true H0001' \
  "$(jwt_claims "$HIS" | jq -j '(.groups | index("hospital") != null), " ", .hospital_code')"
status=$(curl -sS -o "$WORK/settle.json" -w '%{http_code}' -X POST "$S/api/v1/hospital/settlements" \
  -H "Authorization: Bearer $HIS" -H 'Content-Type: application/json' \
  -d "{\"settlementId\":\"H0001-KC-$(date +%s)\",\"idNumber\":\"$PATIENT\",\"careType\":\"INPATIENT\",
       \"admissionDate\":\"$TODAY\",\"dischargeDate\":\"$TODAY\",\"totalAmount\":120000.00,\"basicFundPaid\":60000.00,
       \"criticalIllnessPaid\":10000.00,\"medicalAssistancePaid\":0.00,\"otherFundPaid\":0.00,
       \"inPolicySelfPay\":30000.00,\"outOfPolicySelfPay\":20000.00,\"overLimitSelfPay\":0.00}")
check "hospital settles with a Keycloak token" "201 true" "$status $(jq -r .eligible "$WORK/settle.json")"

# 2. The bureau: client credentials of bureau-210000 (region 210000); one record pushed.
BUREAU=$(client_token bureau-210000 "$(client_secret bureau-210000)")
status=$(curl -sS -o "$WORK/push.json" -w '%{http_code}' -X PUT "$S/api/v1/bureau/participants" \
  -H "Authorization: Bearer $BUREAU" -H 'Content-Type: application/json' \
  -d "{\"records\":[{\"idNumber\":\"$NEWCOMER\",\"name\":\"参保人\",\"countyCode\":\"210102\",\"insuranceType\":\"RESIDENT\",
       \"status\":\"ACTIVE\",\"basicBenefitsFrom\":\"2020-01-01\",\"lowIncome\":false,\"seq\":2}]}")
check "bureau pushes a record with a Keycloak token" "200 1" "$status $(jq .applied "$WORK/push.json")"

# 3. An insured person: a user with the id_number attribute and the insured role, logged in through the mini-program's
# public client (authorization code + PKCE), then enrolling.
USER_ID_NUMBER="$NEWCOMER"
admin POST /users -H 'Content-Type: application/json' -d "{\"username\":\"person-$USER_ID_NUMBER\",\"enabled\":true,
  \"email\":\"person-$USER_ID_NUMBER@example.org\",\"emailVerified\":true,\"firstName\":\"参保\",\"lastName\":\"人\",
  \"attributes\":{\"id_number\":[\"$USER_ID_NUMBER\"]},
  \"credentials\":[{\"type\":\"password\",\"value\":\"walk-through-1\",\"temporary\":false}]}"
USER=$(admin GET "/users?username=person-$USER_ID_NUMBER&exact=true" | jq -r '.[0].id')
admin POST "/users/$USER/role-mappings/realm" -H 'Content-Type: application/json' -d "[$(admin GET /roles/insured)]"
VERIFIER=$(openssl rand -hex 32)
CHALLENGE=$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
REDIRECT=https://mp.huimin.example.org/callback
JAR="$WORK/cookies"
FORM=$(curl -fsS -c "$JAR" -b "$JAR" "$KC/realms/huimin/protocol/openid-connect/auth?client_id=huimin-miniprogram&response_type=code&scope=openid&redirect_uri=$REDIRECT&code_challenge=$CHALLENGE&code_challenge_method=S256&state=s1" \
  | grep -o 'action="[^"]*"' | head -1 | sed 's/action="//; s/"$//; s/&amp;/\&/g')
LOCATION=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -w '%{redirect_url}' "$FORM" \
  --data-urlencode "username=person-$USER_ID_NUMBER" --data-urlencode "password=walk-through-1")
CODE=$(printf '%s' "$LOCATION" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
[ -n "$CODE" ] || { log "FAILED: no authorization code (redirected to '$LOCATION')"; exit 1; }
ME=$(curl -fsS "$KC/realms/huimin/protocol/openid-connect/token" -d grant_type=authorization_code -d client_id=huimin-miniprogram \
  -d code="$CODE" -d redirect_uri="$REDIRECT" -d code_verifier="$VERIFIER" | jq -r .access_token)
check "insured token: role insured in groups, id_number" "true $USER_ID_NUMBER" \
  "$(jwt_claims "$ME" | jq -j '(.groups | index("insured") != null), " ", .id_number')"
status=$(curl -sS -o "$WORK/enrol.json" -w '%{http_code}' -X POST "$S/api/v1/enrolments" -H "Authorization: Bearer $ME" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: kc-$USER_ID_NUMBER" \
  -d "{\"plan\":\"$PLAN\",\"payer\":\"SELF\",\"members\":[{\"idNumber\":\"$USER_ID_NUMBER\",\"name\":\"参保人\",\"relation\":\"SELF\",\"consent\":true}]}")
check "insured person enrols with a Keycloak token" "201 PENDING_PAYMENT" "$status $(jq -r .status "$WORK/enrol.json")"

# 4. Refusals: a dev-key token (another issuer) and the admin's token (another audience) are 401.
check "a token from another issuer is refused" 401 "$(curl -sS -o /dev/null -w '%{http_code}' "$S/api/v1/me/policies" \
  -H "Authorization: Bearer $(python3 "$LT_DIR/driver.py" token --key "$KEY" insured id_number="$USER_ID_NUMBER")")"
check "a Keycloak token for another audience is refused" 401 "$(curl -sS -o /dev/null -w '%{http_code}' "$S/api/v1/me/policies" \
  -H "Authorization: Bearer $ADMIN")"

[ "$FAILED" = 0 ] && log "Keycloak end to end: all checks passed" || { log "Keycloak end to end: FAILED"; exit 1; }
