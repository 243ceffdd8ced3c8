#!/usr/bin/env bash
# Prints what Leptos alone costs in the browser: bench/size-floor (a field, a button, a list) built exactly
# like the <swiss-checkout> element (scripts/build-element.sh: same profile and compiler flags,
# scripts/lib/wasm-size.sh; wasm-streams' exports stripped, wasm-opt -Oz, glue minified), in KB brotli. The element's size goals are measured
# against this floor.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The element's target folder: Leptos and std are compiled there already.
. scripts/lib/wasm-size.sh
CARGO_TARGET_DIR=target/element cargo build --quiet --manifest-path bench/size-floor/Cargo.toml --lib \
  "${WASM_SIZE_CARGO[@]}"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name floor \
  target/element/wasm32-unknown-unknown/wasm-release/size_floor.wasm
node scripts/strip-exports.mjs "$out/floor_bg.wasm" intounderlying __wbg_intounderlying >/dev/null
wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  -o "$out/floor_bg.wasm" "$out/floor_bg.wasm"
node_modules/.bin/rolldown "$out/floor.js" -f esm -m -o "$out/floor.min.js" >/dev/null
wasm_br=$(brotli -q 11 -c "$out/floor_bg.wasm" | wc -c)
js_br=$(brotli -q 11 -c "$out/floor.min.js" | wc -c)
awk -v w="$wasm_br" -v j="$js_br" 'BEGIN { printf "Leptos floor (bench/size-floor): wasm %.1f KB + JS %.1f KB = %.1f KB brotli\n", w / 1000, j / 1000, (w + j) / 1000 }'
