#!/usr/bin/env bash
# Builds what the proxy serves from www/dist/: the script-tag bundle of the <swiss-checkout> element into
# www/dist/element/ (the widget's wasm, profile wasm-release, every part, with the pickup part split off into
# a chunk of its own, split_pickup.wasm, fetched when the shopper first opens it; one minified ES module, the
# element js/swiss-checkout.js with the widget's wasm-bindgen glue and the chunk loader; the parts' CSS in one
# minified file; Leaflet's files; the example pages), the address-only variant into www/dist/element-address/,
# the after-sale elements (tracking, returns; no checkout code) into www/dist/aftersale/, and the demo page
# (www/demo/) at www/dist/, which loads the same element bundle shops get.
#
# Size first: the standard library is rebuilt with `-C panic=immediate-abort` (no panic messages or
# formatting machinery in the wasm), without `#[track_caller]` source paths or `Debug` formatting (the flags in
# scripts/lib/wasm-size.sh; the rust-src component and RUSTC_BOOTSTRAP for them on the pinned stable
# toolchain), in a target folder of its own (target/element) so the tests' builds
# keep theirs. Both variants share that folder and every compiled dependency: they differ only in the
# widget crate's features and in its own link arguments (`cargo rustc -- …`).
#
# Quick when nothing changed: a variant whose wasm and bundle inputs hash as last time is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
target=target/element
built="$target/wasm32-unknown-unknown/wasm-release/widget.wasm"
parts=crates/widget/src

optimise() {
  # wasm-streams' classes, exported by every Leptos browser build and never used here (see the script); the
  # main module has them, not the chunks.
  case "$(basename "$1")" in
    split_* | chunk_*) ;;
    *) node scripts/strip-exports.mjs "$1" intounderlying __wbg_intounderlying ;;
  esac
  wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$1" "$1"
}

# compile WASM_COPY [cargo args…] [-- rustc args for the widget crate]: the widget's wasm, copied to WASM_COPY.
# Skipped while WASM_COPY is newer than every source it is built from: both variants link to the same
# file name (a cdylib's has no hash), so cargo would otherwise relink the widget each time it alternates.
compile() {
  local copy=$1
  shift
  if [ -f "$copy" ] && [ -z "$(find crates/widget crates/api Cargo.toml Cargo.lock rust-toolchain.toml \
    scripts/build-element.sh scripts/lib/wasm-size.sh -newer "$copy" -print -quit)" ]; then
    return
  fi
  (
    . scripts/lib/wasm-size.sh
    CARGO_TARGET_DIR="$target" cargo rustc --quiet --lib -p swiss-checkout-widget "${WASM_SIZE_CARGO[@]}" "$@"
  )
  cp "$built" "$copy"
}

# The inputs of a variant's bundle besides its wasm: when none changed, neither does the bundle.
bundle_inputs() {
  sha256sum "$@" js/swiss-checkout.js js/swiss-checkout-aftersale.js js/texts.js js/fallback.js scripts/build-element.sh \
    scripts/bundle-element.mjs scripts/strip-exports.mjs node_modules/leaflet/package.json crates/widget/src/i18n.json \
    crates/widget/src/*/texts.json crates/widget/src/address/fields.json
}

# package FOLDER MODE WASM CSS…: the bundle of one variant; MODE "whole" (one wasm) or "split".
package() {
  local into=$1 mode=$2 wasm=$3
  shift 3
  local stamp
  stamp=$(bundle_inputs "$wasm" "$@" | sha256sum | cut -c1-64)
  if [ -f "$into/.inputs" ] && [ "$(cat "$into/.inputs")" = "$stamp" ]; then
    echo "$into: unchanged"
    return
  fi
  rm -rf "$into" && mkdir -p "$into"
  if [ "$mode" = split ]; then
    # The main module, a split_*.wasm chunk per split point, chunk_*.wasm for code two split points share, and
    # __wasm_split.js, their loader.
    local pieces="$target/split"
    rm -rf "$pieces" && mkdir -p "$pieces"
    wasm-split-cli --target web --out-name swiss-checkout-widget "$wasm" "$pieces"
    # The chunks reach the main module's function table through its export, which LLD made.
    wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$into" \
      --out-name swiss-checkout-widget "$pieces/swiss-checkout-widget.wasm"
    cp "$pieces"/split_*.wasm "$pieces/__wasm_split.js" "$into/"
    if compgen -G "$pieces/chunk_*.wasm" > /dev/null; then cp "$pieces"/chunk_*.wasm "$into/"; fi
  else
    wasm-bindgen --target web --no-typescript --out-dir "$into" --out-name swiss-checkout-widget "$wasm"
  fi
  for module in "$into"/*.wasm; do optimise "$module"; done
  local bundle=()
  if [ "$mode" = split ]; then
    # Every part: Leaflet beside the bundle, and the texts one file per language (the wasm is built with
    # fetched-texts; in the smaller bundles the files and their loader would cost more than they save).
    bundle=(--with-leaflet --fetched-texts)
    mkdir -p "$into/leaflet"
    cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$into/leaflet/"
    cp -r node_modules/leaflet/dist/images "$into/leaflet/"
  fi
  node scripts/bundle-element.mjs "${bundle[@]}" --entry "${ENTRY:-js/swiss-checkout.js}" "$into" "$@"
  echo "$stamp" >"$into/.inputs"
  echo "$into: built"
}

mkdir -p "$target/variants"
# Every part, the pickup part split off: it links with relocations (`--emit-relocs`) for wasm-split-cli,
# which consumes them. The address-only build links without (they cost about 4 KB brotli).
compile "$target/variants/split.wasm" --features split,fetched-texts -- -Clink-args=--emit-relocs
compile "$target/variants/address.wasm" --no-default-features --features address
compile "$target/variants/aftersale.wasm" --no-default-features --features tracking,returns

package www/dist/element split "$target/variants/split.wasm" "$parts/a11y/theme.css" "$parts/a11y/combobox.css" \
  "$parts/address/address.css" \
  "$parts/delivery/delivery.css" "$parts/pickup/pickup.css" "$parts/connector/connector.css"
# For a shop that needs only the address part: the same element, one Cargo feature.
package www/dist/element-address whole "$target/variants/address.wasm" "$parts/a11y/theme.css" "$parts/a11y/combobox.css" \
  "$parts/address/address.css"

# After the sale: tracking and returns, their own bundle, so a page that tracks downloads no checkout.
ENTRY=js/swiss-checkout-aftersale.js package www/dist/aftersale whole "$target/variants/aftersale.wasm" \
  "$parts/a11y/theme.css" "$parts/tracking/tracking.css" "$parts/returns/returns.css"

# The pages around the bundles: the examples, and the demo at the root.
cp www/element/* www/favicon.svg www/dist/element/
cp www/element-address/* www/favicon.svg www/dist/element-address/
cp www/aftersale/* www/favicon.svg www/dist/aftersale/
cp www/demo/* www/favicon.svg www/dist/
echo "built www/dist/element, www/dist/element-address, www/dist/aftersale and the demo page www/dist/index.html"
