#!/usr/bin/env bash
# Load benchmark (not part of npm test). The release demo proxy in sandbox mode beside a bare axum "hello"
# server, in the same run on the same machine (load generator and servers share its cores):
#   1. peak: wrk against the hello server and against a cached lookup route; requests per second of both
#      and their ratio (goal ≥ 0.7);
#   2. latency at half of each peak: oha at a fixed rate, p50 and p99 (goal p99 ≤ 5 ms);
#   3. memory: the proxy's resident set before and after SUSTAIN seconds (default 300) of lookups over
#      many postcodes and names (bench/lookups.lua), and a minute after (goal: flat).
# Tools: wrk from Debian's packages, oha from crates.io; installed when missing.
# Run: npm run bench:load   (DURATION=10s CONNECTIONS=64 SUSTAIN=300 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
command -v wrk >/dev/null || "${sudo_cmd[@]}" apt-get install -y -qq wrk
command -v oha >/dev/null || [ -x "$HOME/.cargo/bin/oha" ] || cargo install oha --version 1.16.0 --locked
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release -p swiss-checkout-proxy --features demo --bin swiss-checkout-demo --example hello
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
sustain=${SUSTAIN:-300}

PORT=8098 ./target/release/examples/hello > /dev/null &
hello=$!
# The rate limit is per client address and the load generator is one client: it is off for the measurement.
PORT=8097 SWISS_CHECKOUT_RATE_PER_SECOND=0 SWISS_CHECKOUT_STORE=memory RUST_LOG=warn ./target/release/swiss-checkout-demo > /dev/null &
proxy=$!
trap 'kill $hello $proxy 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8097/healthz > /dev/null && curl -sf http://127.0.0.1:8098/ > /dev/null && break; sleep 0.1; done
cached='http://127.0.0.1:8097/v1/localities?q=3011'
curl -sf "$cached" > /dev/null # warm the cache: the measured route is answered by the proxy alone

peak() { wrk -t2 -c"$connections" -d"$duration" "$1" | awk '/Requests\/sec/ { printf "%d", $2 }'; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$proxy/status"; }
half_latency() {
  oha --no-tui --output-format json -z 10s -c 16 -q "$2" "$1" 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d["latencyPercentiles"]; s=d["summary"]; print("%.0f req/s, p50 %.2f ms, p99 %.2f ms, success %.1f %%" % (s["requestsPerSec"], p["p50"]*1e3, p["p99"]*1e3, s["successRate"]*100))'
}

echo "== 1. peak (wrk -t2 -c$connections -d$duration)"
hello_rps=$(peak http://127.0.0.1:8098/)
proxy_rps=$(peak "$cached")
echo "bare axum hello:                      $hello_rps req/s"
echo "proxy, cached /v1/localities?q=3011:  $proxy_rps req/s"
awk -v p="$proxy_rps" -v h="$hello_rps" 'BEGIN { printf "ratio proxy / hello:                  %.2f (goal >= 0.7)\n", p / h }'

echo "== 2. latency at half of peak (oha, fixed rate, 10 s)"
echo "bare axum hello at $((hello_rps / 2)) req/s:  $(half_latency http://127.0.0.1:8098/ $((hello_rps / 2)))"
echo "proxy cached at $((proxy_rps / 2)) req/s:     $(half_latency "$cached" $((proxy_rps / 2)))"

echo "== 3. proxy memory under $sustain s of lookups (wrk, bench/lookups.lua)"
before=$(rss_kb)
wrk -t2 -c"$connections" -d"${sustain}s" -s bench/lookups.lua http://127.0.0.1:8097 > /tmp/swiss-checkout-sustain.txt &
load=$!
samples=()
for _ in $(seq 1 $((sustain / 60))); do sleep 60; samples+=("$(( $(rss_kb) / 1024 )) MB"); done
wait $load
grep -E 'Requests/sec|Non-2xx' /tmp/swiss-checkout-sustain.txt || true
after=$(rss_kb)
sleep 60
later=$(rss_kb)
echo "resident memory: before $((before / 1024)) MB; each minute under load: ${samples[*]}"
echo "resident memory: after $((after / 1024)) MB, a minute later $((later / 1024)) MB"
