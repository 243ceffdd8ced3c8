#!/usr/bin/env bash
# `npm test`: every test. Installs what is missing first (scripts/setup.sh), then:
#   formatting and clippy (-D warnings), native Rust unit and integration tests (sandbox contract, proxy
#   against the sandbox over HTTP), schemathesis against the proxy's /openapi.json, the fuzz targets for a
#   few seconds each, wasm tests in headless Chromium, the demo build, end-to-end browser
#   tests (playwright-core + Debian Chromium), and the size of what the demo page downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "rustfmt"
cargo fmt --all -- --check

step "clippy (-D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests (native)"
cargo test

step "API schema tests (schemathesis against /openapi.json)"
bash tests/api/schemathesis.sh

step "fuzzing (cargo-fuzz, 10 s per target)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"

step "wasm tests (headless Chromium)"
cargo test -p swiss-checkout-widget --target wasm32-unknown-unknown

step "demo build (trunk, wasm-release) and the <swiss-checkout> element bundle"
trunk build --release
bash scripts/build-element.sh

step "browser tests (playwright-core, /usr/bin/chromium)"
# The proxy binary that `cargo test` built above; building it again with `-p` would resolve features
# differently and compile every dependency a second time.
for binary in swiss-checkout-proxy swisspost-sandbox; do
  test -x "target/debug/$binary" || { echo "cargo test did not build target/debug/$binary" >&2; exit 1; }
done
node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/

step "size of the demo download"
bash scripts/size.sh
