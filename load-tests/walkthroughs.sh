#!/usr/bin/env bash
# Runs every bash block of the README's "Walkthroughs" section, each in its own shell with -e -o pipefail, against
# the local run (./mvnw quarkus:dev: embedded PostgreSQL and object store, demo data, dev tokens). Starts dev mode
# itself unless one already answers on :8080 (then it uses that one), and runs the blocks twice: they must be
# rerunnable. Fails at the first block that fails, printing it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
B=http://localhost:8080
DEV_PID=""

stop_dev() {
  if [ -n "$DEV_PID" ]; then
    kill -TERM -- "-$DEV_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$DEV_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_dev EXIT

# The walkthroughs use curl, jq and openssl (a fresh CI machine may lack jq).
for tool in curl jq openssl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

if ! curl -fsS -o /dev/null "$B/dev/people/fresh-patient" 2>/dev/null; then
  echo "walkthroughs: starting ./mvnw quarkus:dev"
  # setsid: dev mode, its JVM, the embedded PostgreSQL and s3proxy form one process group, stopped together.
  setsid bash -c "cd '$ROOT' && exec ./mvnw -B -q quarkus:dev -Dquarkus.console.enabled=false" > "$WORK/dev.log" 2>&1 &
  DEV_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$B/dev/people/fresh-patient" 2>/dev/null && break
    kill -0 "$DEV_PID" 2>/dev/null || { tail -50 "$WORK/dev.log"; exit 1; }
    sleep 1
  done
  curl -fsS -o /dev/null "$B/dev/people/fresh-patient" || { tail -50 "$WORK/dev.log"; exit 1; }
fi

# The blocks: from "## Walkthroughs" to the next second-level heading, each ```bash … ``` fence one file.
awk -v dir="$WORK" '
  /^## / { inside = ($0 == "## Walkthroughs") }
  inside && /^```bash$/ { n++; file = sprintf("%s/block-%02d.sh", dir, n); collecting = 1; next }
  collecting && /^```$/ { collecting = 0; next }
  collecting { print > file }
' "$ROOT/README.md"
blocks=("$WORK"/block-*.sh)
[ -e "${blocks[0]}" ] || { echo "walkthroughs: no blocks found in README.md"; exit 1; }

for round in 1 2; do
  for block in "${blocks[@]}"; do
    name="$(basename "$block" .sh) (round $round)"
    if bash -e -o pipefail "$block" > "$WORK/out" 2>&1; then
      echo "walkthroughs: $name ok"
    else
      echo "walkthroughs: $name FAILED"; echo "---- block"; cat "$block"; echo "---- output"; cat "$WORK/out"
      exit 1
    fi
  done
done
echo "walkthroughs: ${#blocks[@]} blocks, twice each, all ok"
