#!/usr/bin/env bash
# Measures what a newcomer waits for on a fresh machine: a fresh clone of this repository's HEAD, run with no
# cargo-installed tools and no crate, npm or pip caches (a CARGO_HOME, npm cache and PATH of its own), the
# wasm32 target and rust-src removed from the toolchain, and Chromium, ChromeDriver and brotli removed with
# Debian's package cache emptied. Prints the seconds from `npm start` to its URL line, then (in the same clone,
# as a newcomer would go on) the seconds of `npm test`, or with `test-only` a cold `npm test` alone.
#
#   bash bench/cold.sh [start-then-test|test-only]
#
# It changes this machine: the wasm32 target, rust-src and the three Debian packages are reinstalled by the
# run itself. Every download comes from the package registries. Takes 25 to 40 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-start-then-test}
work=$(mktemp -d /tmp/swiss-checkout-cold.XXXXXX)
git clone -q . "$work/swiss-checkout"
mkdir -p "$work/cargo-home" "$work/rust-bin" "$work/npm-cache"
# The toolchain's own commands (rustup's proxies) and nothing that was cargo-installed.
for tool in cargo rustc rustup rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
  ln -s "$(command -v "$tool")" "$work/rust-bin/$tool"
done
rustup target remove wasm32-unknown-unknown >/dev/null 2>&1 || true
rustup component remove rust-src >/dev/null 2>&1 || true
if [ "$mode" != start-only ]; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq chromium chromium-driver brotli >/dev/null 2>&1 || true
  apt-get clean
fi
export CARGO_HOME="$work/cargo-home" npm_config_cache="$work/npm-cache" PIP_NO_CACHE_DIR=1
# The machine's own Python (pyenv on this kind of machine) stays: a new machine has it.
export PATH="$work/rust-bin:$(dirname "$(command -v python3)"):/usr/local/bin:/usr/bin:/bin"
cd "$work/swiss-checkout"
echo "cold run in $work/swiss-checkout (logs: $work/*.log)"

if [ "$mode" != test-only ]; then
  started=$SECONDS
  # A process group of its own, so that the proxy it runs ends with it.
  PORT=0 CI=1 setsid npm start >"$work/start.log" 2>&1 &
  npm_pid=$!
  until grep -q 'swiss-checkout is up:' "$work/start.log"; do
    if ! kill -0 "$npm_pid" 2>/dev/null; then cat "$work/start.log"; echo "npm start stopped" >&2; exit 1; fi
    sleep 1
  done
  start_seconds=$((SECONDS - started))
  kill -TERM -- "-$npm_pid" 2>/dev/null || true
  wait "$npm_pid" 2>/dev/null || true
  echo "cold npm start: ${start_seconds} s to the URL line ($(grep 'swiss-checkout is up:' "$work/start.log"))"
  grep -E '✓' "$work/start.log" | sed 's/^/    /'
fi
[ "$mode" = start-only ] && exit 0
started=$SECONDS
CI=1 npm test >"$work/test.log" 2>&1 || { tail -50 "$work/test.log"; echo "npm test failed" >&2; exit 1; }
test_seconds=$((SECONDS - started))
label=$([ "$mode" = test-only ] && echo "cold npm test" || echo "npm test after that start")
echo "$label: ${test_seconds} s"
grep -E '✓|^== ' "$work/test.log" | sed 's/^/    /'
