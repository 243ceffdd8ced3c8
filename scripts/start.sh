#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the demo page and the proxy, and runs the proxy with its
# embedded Swiss Post sandbox on http://127.0.0.1:8080/ (PORT overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
bash scripts/build-element.sh
cargo build --release -p swiss-checkout-proxy
exec ./target/release/swiss-checkout-proxy
