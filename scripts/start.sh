#!/usr/bin/env bash
# `npm start`: installs what is missing (scripts/setup.sh start), builds the demo proxy (with its embedded Swiss
# Post sandbox and the example shop) and the <swiss-checkout> element bundle with the demo page, and runs the proxy on
# http://127.0.0.1:8080/ (PORT overrides; PORT=0 takes a free port). The proxy compiles in the background
# from the first second, while the tools install and the element builds: it needs neither.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The same build of the proxy as `npm test`'s (target/debug), so neither command compiles it twice.
step_start proxy "building the proxy and the sandbox (cargo, in the background)" "about 4 min the first time" -- \
  cargo build --quiet -p swiss-checkout-proxy -p swisspost-sandbox --bins --features swiss-checkout-proxy/demo
bash scripts/setup.sh start
steps_heading "build"
step "building the <swiss-checkout> element and the demo page" "about 4 min the first time" -- \
  bash scripts/build-element.sh
step_wait proxy
printf '  ✓ ready after %s\n' "$(steps_duration "$SECONDS")"

# Runs the proxy; once it listens, says where everything is. Ctrl-C stops it (gracefully).
steps_heading "run"
# The demo binary: the proxy with its embedded sandbox and the example shop; its state (labels' idempotency
# records, sign-ins) in an embedded store under target/, kept across restarts.
SWISS_CHECKOUT_DATA_DIR=${SWISS_CHECKOUT_DATA_DIR:-target/swiss-checkout-data} ./target/debug/swiss-checkout-demo 2>&1 | {
  sandbox=""
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ $line =~ sandbox=(http://[0-9.:]+) ]]; then sandbox=${BASH_REMATCH[1]}; fi
    if [[ $line =~ listening\ on\ (http://[^[:space:]]+/) ]]; then
      url=${BASH_REMATCH[1]}
      printf '\n\033[1mswiss-checkout is up:\033[0m demo %s · example shop %selement/shop.html · sandbox %s\n\n' \
        "$url" "$url" "${sandbox:-off (real Swiss Post credentials)}${sandbox:+/}"
    fi
  done
}
