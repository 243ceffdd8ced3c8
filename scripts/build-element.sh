#!/usr/bin/env bash
# Builds the script-tag bundle of the <swiss-checkout> element into www/dist/element/ (served by the proxy
# at /element/): the widget's wasm (profile wasm-release, every part), its wasm-bindgen ES module, the element
# (js/swiss-checkout.js), the parts' CSS in one file, Leaflet's files, and the example page. Run after
# `trunk build --release`, which empties www/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=www/dist/element
# $1: output folder; the rest: cargo feature arguments. The dependencies are the demo's (same profile and
# features), so only the widget crate itself is compiled again for each variant.
build_variant() {
  local into=$1; shift
  local target=target
  cargo build --lib -p swiss-checkout-widget --target wasm32-unknown-unknown --profile wasm-release "$@"
  rm -rf "$into" && mkdir -p "$into"
  wasm-bindgen --target web --no-typescript --out-dir "$into" --out-name swiss-checkout-widget \
    "$target/wasm32-unknown-unknown/wasm-release/widget.wasm"
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$into/swiss-checkout-widget_bg.wasm" "$into/swiss-checkout-widget_bg.wasm"
  cp js/swiss-checkout.js "$into/"
}
# For a shop that needs only the address part: the same element, one Cargo feature.
build_variant www/dist/element-address --no-default-features --features address
cp crates/widget/src/a11y/combobox.css www/dist/element-address/swiss-checkout.css
cat crates/widget/src/address/address.css >> www/dist/element-address/swiss-checkout.css
build_variant "$out"
mkdir -p "$out/leaflet"
cat crates/widget/src/a11y/combobox.css crates/widget/src/address/address.css \
  crates/widget/src/delivery/delivery.css crates/widget/src/pickup/pickup.css > "$out/swiss-checkout.css"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp www/element/* www/favicon.svg "$out/"
echo "built $out"
