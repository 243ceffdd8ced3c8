#!/usr/bin/env bash
# `npm test`: every test. Installs what is missing first (scripts/setup.sh test), then: the repository's
# own checks (it stands alone, formatting), clippy (-D warnings), the native Rust tests (unit tests, the
# sandbox's contract tests, the proxy against the sandbox over HTTP), a third-party client of the live
# location service against the sandbox, schemathesis against the proxy's
# /openapi.json, the fuzz targets for a few seconds each, the widget's wasm tests in headless Chromium, the
# Leptos demo built by Trunk, the element bundles and the demo page, the end-to-end browser tests
# (playwright-core + Debian Chromium, the README's commands among them), and the size of the downloads.
#
# Self-contained: the whole run sees no ../shared (the team's reference folder beside a developer's
# checkout, which a shop developer's clone does not have). Where the machine allows a private mount
# namespace (root, as in CI), an empty folder is mounted over it for this run, so a test that reads it fails
# here as it would in such a clone.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd .. && pwd)/shared
if [ -d "$shared" ] && [ -z "${SWISS_CHECKOUT_SHARED_HIDDEN:-}" ] && unshare --mount true 2>/dev/null; then
  exec unshare --mount -- bash -c 'mount -t tmpfs -o ro,size=1k none "$1" && SWISS_CHECKOUT_SHARED_HIDDEN=1 exec bash scripts/test.sh' \
    hide-shared "$shared"
fi

source scripts/lib/steps.sh
bash scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

heading() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

heading "the repository stands alone, and is formatted"
bash tests/repo/self-contained.sh
cargo fmt --all -- --check
echo "rustfmt: clean"

# Builds that only the browser tests need run in the background at the lowest priority (nice), on what the
# checks and tests in the foreground leave of the two cores: the element bundles and the demo page (target
# folder of their own), and the release proxy and sandbox of the README's proxy recipe (target/release).
step_start element "building the <swiss-checkout> element and the demo page (in the background)" \
  "about 4 min the first time" -- nice -n 19 bash scripts/build-element.sh
step_start release "building the release proxy and sandbox for the README's recipe (in the background)" \
  "about 4 min the first time" -- nice -n 19 cargo build --release -p swiss-checkout-proxy -p swisspost-sandbox

heading "clippy (-D warnings)"
step "clippy on every crate and target" "about 3 min the first time" -- \
  cargo clippy --workspace --all-targets -- -D warnings

heading "Rust tests (native)"
# In two groups: the server side, whose dependencies then resolve the same features as `npm start`'s build
# of the proxy (so neither command compiles them again for the other), and the widget's native unit tests.
server=(-p swiss-checkout-api -p swisspost-wire -p swiss-places -p swisspost-sandbox -p swiss-checkout-proxy)
step "building the native tests" "about 3 min the first time" -- \
  bash -c "cargo test --no-run ${server[*]} && cargo test --no-run -p swiss-checkout-widget --features tracking,returns"
cargo test "${server[@]}"
cargo test -p swiss-checkout-widget --features tracking,returns

heading "third-party clients against the sandbox (a crawler of the live location service)"
bash tests/clients/run.sh

heading "API schema tests (schemathesis against /openapi.json)"
bash tests/api/schemathesis.sh

heading "fuzzing (cargo-fuzz, 10 s per target)"
step "building the fuzz targets" "about 2 min the first time" -- \
  env RUSTC_BOOTSTRAP=1 cargo fuzz build --fuzz-dir fuzz --target-dir target/fuzz -O
bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"

heading "wasm tests (headless Chromium)"
step "building the wasm tests" "about 2 min the first time" -- \
  cargo test -p swiss-checkout-widget --target wasm32-unknown-unknown --no-run
cargo test -p swiss-checkout-widget --target wasm32-unknown-unknown

heading "builds for the browser tests"
# Debug, so it shares the wasm tests' compiled dependencies (the same web-sys features, workspace-wide).
step "building the Leptos demo with Trunk (www/dist/leptos)" "about 1 min" -- trunk build
step_wait element
step_wait release

# The production binary carries neither the sandbox (its Swiss data, its test shoppers) nor the example shop.
for marker in "anna.muster@sandbox.example" "/order/clock"; do
  if grep -qaF "$marker" target/release/swiss-checkout-proxy; then
    echo "the production binary target/release/swiss-checkout-proxy carries the demo ($marker)" >&2; exit 1
  fi
done

heading "browser tests (playwright-core, /usr/bin/chromium)"
# The proxy and sandbox binaries that `cargo test` built above (the same build as `npm start`'s).
for binary in swiss-checkout-proxy swiss-checkout-demo swisspost-sandbox; do
  test -x "target/debug/$binary" || { echo "cargo test did not build target/debug/$binary" >&2; exit 1; }
done
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/

heading "size of the downloads"
bash scripts/size.sh
