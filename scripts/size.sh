#!/usr/bin/env bash
# Prints what the browser downloads for the <swiss-checkout> element (www/dist/element/ and
# www/dist/element-address/, built by scripts/build-element.sh; the demo page loads the same bundle) and for
# the after-sale elements (www/dist/aftersale/): each
# file raw, gzip -9 and brotli -q 11, and the totals before and with the map, in KB (1 KB = 1000 bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
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
before=0
for f in swiss-checkout-widget_bg.wasm swiss-checkout.js swiss-checkout.css; do
  row "element/$f" "$element/$f"; before=$((before + size))
done
# Code the split points share (a chunk_*.wasm), fetched with the first of them.
shared=0
for f in "$element"/chunk_*.wasm; do
  [ -f "$f" ] || continue
  row "element/${f#"$element"/} (shared by the chunks)" "$f"; shared=$((shared + size))
done
# What opening the pickup part adds: its wasm chunk, Leaflet's script and stylesheet, the outline GeoJSON.
map=$shared
for f in "$element"/split_pickup.wasm "$element"/leaflet/leaflet.js "$element"/leaflet/leaflet.css; do
  [ -f "$f" ] || continue
  row "element/${f#"$element"/} (with the map)" "$f"; map=$((map + size))
done
row "outline GeoJSON, from the proxy (with the map)" proxy/data/ch_country_naturalearth.geojson; map=$((map + size))
# What a page with the swiss-post-addresses attribute adds: the connector's chunk, fetched at first paint.
connector=0
if [ -f "$element/split_connector.wasm" ]; then
  row "element/split_connector.wasm (swiss-post-addresses)" "$element/split_connector.wasm"
  connector=$((shared + size))
fi
address=0
for f in swiss-checkout-widget_bg.wasm swiss-checkout.js swiss-checkout.css; do
  row "element-address/$f" "$dist/element-address/$f"; address=$((address + size))
done
echo "<swiss-checkout> element, every part, before the map opens: $(kb "$before") KB brotli (goal 60)"
echo "<swiss-checkout> element with the map open: $(kb $((before + map))) KB brotli"
[ "$connector" -gt 0 ] && echo "<swiss-checkout swiss-post-addresses>, before the map opens: $(kb $((before + connector))) KB brotli"
echo "<swiss-checkout> element, address part only: $(kb "$address") KB brotli (goal 40)"
aftersale=0
for f in swiss-checkout-widget_bg.wasm swiss-checkout-aftersale.js swiss-checkout-aftersale.css; do
  [ -f "$dist/aftersale/$f" ] || continue
  row "aftersale/$f" "$dist/aftersale/$f"; aftersale=$((aftersale + size))
done
echo "<swiss-checkout-tracking> / <swiss-checkout-return>, tracking-only page: $(kb "$aftersale") KB brotli (no checkout code)"
# Where the code comes from, by crate (the names-preserving link of each variant, before wasm-opt).
for variant in split address aftersale; do
  wasm=target/element/variants/$variant.wasm
  [ -f "$wasm" ] && python3 scripts/size-by-crate.py "$wasm" 8
done
