#!/usr/bin/env bash
# Third-party clients against the sandbox binary (`npm test` runs this after the Rust tests, which build
# target/debug/swisspost-sandbox): the sandbox on a free loopback port, then each client's tests.
set -euo pipefail
cd "$(dirname "$0")"
sandbox=../../target/debug/swisspost-sandbox
log=$(mktemp)
"$sandbox" --addr 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "the sandbox did not start:" >&2; cat "$log" >&2; exit 1; }
SANDBOX_URL=$url python3 -m unittest -v test_places_crawler
