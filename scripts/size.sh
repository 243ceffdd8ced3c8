#!/usr/bin/env bash
# Prints what the browser downloads for the <swiss-checkout> element (www/dist/element/ and
# www/dist/element-address/, built by scripts/build-element.sh; the demo page loads the same bundle) and for
# the after-sale elements (www/dist/aftersale/): each
# file raw, gzip -9 and brotli -q 11, and the totals before and with the map, in KB (1 KB = 1000 bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
dist=www/dist
[ -d "$dist/element" ] || { echo "no $dist/element: run npm start or bash scripts/build-element.sh first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "brotli is missing (apt-get install brotli)" >&2; exit 1; }
br() { brotli -q 11 -c "$1" | wc -c; }
# row LABEL FILE: prints the file's three sizes; its brotli size in $size.
row() {
  size=$(br "$2")
  printf '%-56s %10d %10d %10d\n' "$1" "$(stat -c %s "$2")" "$(gzip -9 -c "$2" | wc -c)" "$size"
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
printf '%-56s %10s %10s %10s\n' file raw gzip brotli
element=$dist/element
python3 scripts/size-chunks.py "$element" target/element/split/__wasm_split.js proxy/data/ch_country_naturalearth.geojson
address=0
for f in swiss-checkout-widget_bg.wasm swiss-checkout.js swiss-checkout.css; do
  row "element-address/$f" "$dist/element-address/$f"; address=$((address + size))
done
echo "<swiss-checkout> element, address part only: $(kb "$address") KB brotli (goal 40)"
aftersale=0
for f in swiss-checkout-widget_bg.wasm swiss-checkout-aftersale.js swiss-checkout-aftersale.css; do
  [ -f "$dist/aftersale/$f" ] || continue
  row "aftersale/$f" "$dist/aftersale/$f"; aftersale=$((aftersale + size))
done
echo "<swiss-checkout-tracking> / <swiss-checkout-return>, tracking-only page: $(kb "$aftersale") KB brotli (no checkout code)"
# Where the code comes from, by crate: the names-preserving link of each variant, before wasm-opt; the
# element's split into its main module and chunks as the build splits it (wasm-split keeps the names).
pieces=$(mktemp -d)
trap 'rm -rf "$pieces"' EXIT
split=target/element/variants/split.wasm
if [ -f "$split" ] && command -v wasm-split-cli >/dev/null; then
  wasm-split-cli --target web --out-name main "$split" "$pieces" >/dev/null
  for wasm in "$pieces"/main.wasm "$pieces"/split_*.wasm "$pieces"/chunk_*.wasm; do
    [ -f "$wasm" ] || continue
    name=$(basename "$wasm")
    python3 scripts/size-by-crate.py "$wasm" 6 "element, ${name/main.wasm/main module}"
  done
fi
for variant in address aftersale; do
  wasm=target/element/variants/$variant.wasm
  [ -f "$wasm" ] && python3 scripts/size-by-crate.py "$wasm" 6 "$variant bundle"
done
