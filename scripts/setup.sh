#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need, each piece only when it is missing or the wrong version:
# the wasm32 target, npm packages (wasm-opt from binaryen, playwright-core), wasm-bindgen-cli and Trunk
# (cargo install, about 13 minutes the first time on 2 cores), and for tests Chromium and ChromeDriver
# from Debian's packages. Usage: scripts/setup.sh start|test
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
purpose=${1:-start}
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The three wasm-bindgen pins must agree, or Trunk refuses (offline) or the page breaks.
grep -q "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml || { echo "Cargo.toml does not pin wasm-bindgen =$WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml || { echo "Trunk.toml does not pin wasm_bindgen $WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -q "wasm_opt = \"$WASM_OPT_VERSION\"" Trunk.toml || { echo "Trunk.toml does not pin wasm_opt $WASM_OPT_VERSION" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The element bundle rebuilds the standard library for size (scripts/build-element.sh).
if ! rustup component list --installed | grep -qx 'rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/leaflet ] || [ ! -d node_modules/vite ] || [ ! -d node_modules/rolldown ] || [ ! -d node_modules/lightningcss ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi
if [ "$(wasm-opt --version | awk '{print "version_" $3}')" != "$WASM_OPT_VERSION" ]; then
  echo "the first wasm-opt on PATH is not $WASM_OPT_VERSION: $(command -v wasm-opt)" >&2; exit 1
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: its lockfile names a webpki-roots version the registry lacks (TOOLCHAIN.md §9.3).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The element bundle's pickup part is a wasm chunk of its own (scripts/build-element.sh).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about a minute)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if [ "$purpose" = test ]; then
  if [ "$(.venv/bin/st --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION into .venv (PyPI)"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about a minute)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
  fi
fi
