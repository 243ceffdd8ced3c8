#!/usr/bin/env bash
# Installs what `npm start` (scripts/setup.sh start) or `npm test` (scripts/setup.sh test) needs, each piece
# only when it is missing or of another version, so a second run takes a second or two.
#
#   start: the wasm32 target and rust-src (rustup), the npm packages (wasm-opt from binaryen, rolldown,
#          lightningcss, Leaflet), wasm-bindgen-cli and wasm-split-cli (cargo install);
#   test:  the same, and Trunk and cargo-fuzz (cargo install), schemathesis (PyPI, into .venv), Chromium,
#          ChromeDriver, brotli, redis-server and llvm (llvm-cxxfilt) (Debian's packages).
#
# The cargo installs share one target folder (target/tools), so the crates the tools have in common are
# compiled once, and use a light release profile (no LTO, opt-level 1, many codegen units): these tools
# process a few files per build, so compiling them fast matters more than running them fast. Downloads,
# Debian's packages and PyPI run in the background while the tools compile. Nothing downloads a binary from
# outside the package registries; every version is pinned in scripts/versions.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
source scripts/lib/steps.sh
purpose=${1:-start}
cargo_bin=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$PWD/node_modules/.bin:$cargo_bin:$PATH"

# The three wasm-bindgen pins must agree, or Trunk refuses (offline) or the page breaks.
grep -q "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml || { echo "Cargo.toml does not pin wasm-bindgen =$WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml || { echo "Trunk.toml does not pin wasm_bindgen $WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -q "wasm_opt = \"$WASM_OPT_VERSION\"" Trunk.toml || { echo "Trunk.toml does not pin wasm_opt $WASM_OPT_VERSION" >&2; exit 1; }

# A tool from crates.io, built for a quick compile (see the header).
cargo_install_tool() {
  CARGO_TARGET_DIR="$PWD/target/tools" \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --quiet "$@"
}

rust_targets() {
  # The element bundle rebuilds the standard library for size (scripts/build-element.sh): rust-src.
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  rustup component list --installed | grep -qx 'rust-src' || rustup component add rust-src
}

debian_packages() {
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$@"
}

schemathesis_venv() {
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
}

steps_heading "setup ($purpose): what is missing"
background=()
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown || ! rustup component list --installed | grep -qx 'rust-src'; then
  step_start rustup "adding the wasm32 target and rust-src (rustup)" "about 30 s" -- rust_targets
  background+=(rustup)
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/leaflet ] \
  || [ ! -d node_modules/vite ] || [ ! -d node_modules/rolldown ] || [ ! -d node_modules/lightningcss ] \
  || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step_start npm "installing the npm packages (npm ci)" "about 20 s" -- npm ci --no-audit --no-fund
  background+=(npm)
fi
if [ "$purpose" = test ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  # The label tests read PDFs back (pdftotext, pdftoppm) and decode barcodes (zbarimg).
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  # The proxy's several-instances tests run a real Redis (proxy/tests/instances.rs).
  command -v redis-server >/dev/null || missing+=(redis-server)
  # `npm run size` (in the tests) groups the wasm's functions by generic family: llvm-cxxfilt demangles Rust.
  command -v llvm-cxxfilt >/dev/null || missing+=(llvm)
  if [ ${#missing[@]} -gt 0 ]; then
    step_start debian "installing ${missing[*]} (Debian's packages)" "about 1 min" -- debian_packages "${missing[@]}"
    background+=(debian)
  fi
  if [ "$(.venv/bin/st --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
    step_start schemathesis "installing schemathesis $SCHEMATHESIS_VERSION into .venv (PyPI)" "about 30 s" -- schemathesis_venv
    background+=(schemathesis)
  fi
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lockfile names a webpki-roots version the registry lacks. No TLS (its default
  # feature): the test runner talks to ChromeDriver on loopback over plain HTTP.
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install)" "about 2 min the first time" -- \
    cargo_install_tool wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --no-default-features
fi
# The element bundle's pickup part is a wasm chunk of its own (scripts/build-element.sh).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION (cargo install)" "about 40 s the first time" -- \
    cargo_install_tool wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi
if [ "$purpose" = test ]; then
  # Only the tests build the Leptos demo with Trunk (so that path keeps working); `npm start` needs no Trunk.
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    # No TLS and no update check (its default features): it builds offline (Trunk.toml), downloads nothing.
    step "installing trunk $TRUNK_VERSION (cargo install)" "about 4 min the first time" -- \
      cargo_install_tool trunk --version "$TRUNK_VERSION" --locked --no-default-features
  fi
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    step "installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo install)" "about 1 min the first time" -- \
      cargo_install_tool cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
fi
for id in "${background[@]}"; do step_wait "$id"; done

if [ "$(wasm-opt --version | awk '{print "version_" $3}')" != "$WASM_OPT_VERSION" ]; then
  echo "the first wasm-opt on PATH is not $WASM_OPT_VERSION: $(command -v wasm-opt)" >&2
  exit 1
fi
printf '  ✓ everything %s needs is installed\n' "$purpose"
