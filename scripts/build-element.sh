#!/usr/bin/env bash
# Builds the script-tag bundle of the <swiss-checkout> element into www/dist/element/ (served by the proxy
# at /element/): the widget's wasm (profile wasm-release, every part), one minified ES module (the element,
# js/swiss-checkout.js, with the widget's wasm-bindgen glue), the parts' CSS in one minified file, Leaflet's
# files, and the example pages; and the address-only variant, with its example page, into
# www/dist/element-address/. Run after `trunk build --release`, which empties www/dist.
#
# Size first: the standard library is rebuilt with `-C panic=immediate-abort` (no panic messages or
# formatting machinery in the wasm; needs the rust-src component and RUSTC_BOOTSTRAP for these two unstable
# flags on the pinned stable toolchain), in a target folder of its own so the demo's and the tests' builds
# keep theirs. Both variants share its compiled dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
target=target/element
out=www/dist/element
# $1: output folder; $2…: the CSS files of its parts; after "--": cargo feature arguments.
build_variant() {
  local into=$1; shift
  local stylesheets=()
  while [ "$1" != "--" ]; do stylesheets+=("$1"); shift; done
  shift
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" CARGO_TARGET_DIR="$target" \
    cargo build --lib -p swiss-checkout-widget --target wasm32-unknown-unknown --profile wasm-release \
    -Zbuild-std=std,panic_abort "$@"
  rm -rf "$into" && mkdir -p "$into"
  wasm-bindgen --target web --no-typescript --out-dir "$into" --out-name swiss-checkout-widget \
    "$target/wasm32-unknown-unknown/wasm-release/widget.wasm"
  wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$into/swiss-checkout-widget_bg.wasm" "$into/swiss-checkout-widget_bg.wasm"
  node scripts/bundle-element.mjs "$into" "${stylesheets[@]}"
}
parts=crates/widget/src
# For a shop that needs only the address part: the same element, one Cargo feature.
build_variant www/dist/element-address "$parts/a11y/combobox.css" "$parts/address/address.css" \
  -- --no-default-features --features address
build_variant "$out" "$parts/a11y/combobox.css" "$parts/address/address.css" "$parts/delivery/delivery.css" \
  "$parts/pickup/pickup.css" --
mkdir -p "$out/leaflet"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp www/element/* www/favicon.svg "$out/"
cp www/element-address/* www/favicon.svg www/dist/element-address/
echo "built $out"
