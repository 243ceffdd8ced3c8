#!/usr/bin/env bash
# Builds the script-tag bundle of the <swiss-checkout> element into www/dist/element/ (served by the proxy
# at /element/): the widget's wasm (profile wasm-release, every part) with the pickup part split off into a
# chunk of its own (split_pickup.wasm, fetched when the shopper first opens it), one minified ES module (the
# element, js/swiss-checkout.js, with the widget's wasm-bindgen glue and the chunk loader), the parts' CSS in
# one minified file, Leaflet's files, and the example pages; and the address-only variant, with its example
# page, into www/dist/element-address/. Run after `trunk build --release`, which empties www/dist.
#
# Size first: the standard library is rebuilt with `-C panic=immediate-abort` (no panic messages or
# formatting machinery in the wasm; needs the rust-src component and RUSTC_BOOTSTRAP for these two unstable
# flags on the pinned stable toolchain), in target folders of their own so the demo's and the tests' builds
# keep theirs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=www/dist/element
optimise() {
  wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$1" "$1"
}
# $1: output folder; $2: "whole" (one wasm) or "split" (the pickup part a chunk of its own); $3…: the CSS
# files of its parts; after "--": cargo feature arguments.
build_variant() {
  local into=$1 mode=$2; shift 2
  local stylesheets=()
  while [ "$1" != "--" ]; do stylesheets+=("$1"); shift; done
  shift
  # The split build links with relocations (`--emit-relocs`) for wasm-split-cli, which consumes them; they
  # cost about 4 KB brotli, so the whole build links without, in a target folder of its own.
  local target=target/element flags="-Zunstable-options -Cpanic=immediate-abort"
  if [ "$mode" = split ]; then target=target/element-split flags="$flags -Clink-args=--emit-relocs"; fi
  local wasm="$target/wasm32-unknown-unknown/wasm-release/widget.wasm"
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="$flags" CARGO_TARGET_DIR="$target" cargo build --lib -p swiss-checkout-widget \
    --target wasm32-unknown-unknown --profile wasm-release -Zbuild-std=std,panic_abort "$@"
  rm -rf "$into" && mkdir -p "$into"
  if [ "$mode" = split ]; then
    # The main module, a split_*.wasm chunk per split point, and __wasm_split.js, their loader.
    local pieces="$target/split"
    rm -rf "$pieces" && mkdir -p "$pieces"
    wasm-split-cli --target web --out-name swiss-checkout-widget "$wasm" "$pieces"
    # The chunks reach the main module's function table through its export, which LLD made.
    wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$into" \
      --out-name swiss-checkout-widget "$pieces/swiss-checkout-widget.wasm"
    cp "$pieces"/split_*.wasm "$pieces/__wasm_split.js" "$into/"
  else
    wasm-bindgen --target web --no-typescript --out-dir "$into" --out-name swiss-checkout-widget "$wasm"
  fi
  for module in "$into"/*.wasm; do optimise "$module"; done
  local leaflet=()
  if [ "$mode" = split ]; then leaflet=(--with-leaflet); fi
  node scripts/bundle-element.mjs "${leaflet[@]}" "$into" "${stylesheets[@]}"
}
parts=crates/widget/src
# For a shop that needs only the address part: the same element, one Cargo feature.
build_variant www/dist/element-address whole "$parts/a11y/combobox.css" "$parts/address/address.css" \
  -- --no-default-features --features address
build_variant "$out" split "$parts/a11y/combobox.css" "$parts/address/address.css" "$parts/delivery/delivery.css" \
  "$parts/pickup/pickup.css" -- --features split
mkdir -p "$out/leaflet"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp www/element/* www/favicon.svg "$out/"
cp www/element-address/* www/favicon.svg www/dist/element-address/
echo "built $out"
