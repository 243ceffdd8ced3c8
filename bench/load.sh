#!/usr/bin/env bash
# Load benchmark (not part of npm test): wrk against a cached lookup route of the release proxy in sandbox
# mode, side by side with a bare axum "hello" server, in the same run on the same machine. Prints
# requests per second and latency percentiles for both. Run: npm run bench:load
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || {
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -qq wrk
}
cargo build --release -p swiss-checkout-proxy --bin swiss-checkout-proxy --example hello
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}

PORT=8098 ./target/release/examples/hello > /dev/null &
hello=$!
# The rate limit is per client address and wrk is one client: it is turned off for the measurement.
PORT=8097 SWISS_CHECKOUT_RATE_PER_SECOND=0 RUST_LOG=warn ./target/release/swiss-checkout-proxy > /dev/null &
proxy=$!
trap 'kill $hello $proxy 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8097/healthz > /dev/null && curl -sf http://127.0.0.1:8098/ > /dev/null && break; sleep 0.1; done
# Warm the cache: the measured route is answered by the proxy alone.
curl -sf 'http://127.0.0.1:8097/v1/localities?q=3011' > /dev/null

run() {
  echo "== $1"
  wrk --latency -t2 -c"$connections" -d"$duration" "$2" | grep -E 'Requests/sec|^\s+(50|90|99)%|Latency  '
}
run "bare axum hello (baseline)" "http://127.0.0.1:8098/"
run "proxy, cached /v1/localities?q=3011" "http://127.0.0.1:8097/v1/localities?q=3011"
