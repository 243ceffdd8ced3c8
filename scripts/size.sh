#!/usr/bin/env bash
# Prints the size of what the demo page makes the browser download (www/dist after `trunk build
# --release`): each file raw, gzip -9 and brotli -q 11, and the totals in KB (1 KB = 1000 bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=www/dist
[ -d "$dist" ] || { echo "no $dist: run trunk build --release first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "brotli is missing (apt-get install brotli)" >&2; exit 1; }
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0; code_br=0
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/index.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-48s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  case "$f" in *.wasm|*.js) code_br=$((code_br + br));; esac
done
printf '%-48s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
awk -v b="$code_br" -v t="$total_br" 'BEGIN { printf "before the map opens: wasm + JS %.1f KB brotli; everything %.1f KB brotli\n", b / 1000, t / 1000 }'
# What opening the pickup part adds: Leaflet's script and stylesheet (the outline GeoJSON comes from the proxy).
map_br=0
for f in "$dist"/vendor/leaflet/leaflet.js "$dist"/vendor/leaflet/leaflet.css; do
  [ -f "$f" ] || continue
  br=$(brotli -q 11 -c "$f" | wc -c); map_br=$((map_br + br))
  printf '%-48s %10d %10d %10d
' "vendor/leaflet/$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$br"
done
outline_br=$(brotli -q 11 -c proxy/data/ch_country_naturalearth.geojson | wc -c)
awk -v t="$total_br" -v m="$map_br" -v o="$outline_br" 'BEGIN { printf "with the map: everything %.1f KB brotli (Leaflet %.1f KB, outline %.1f KB)\n", (t + m + o) / 1000, m / 1000, o / 1000 }'

# The <swiss-checkout> element bundle (scripts/build-element.sh): what a shop page downloads with one script tag.
# The pickup part's wasm chunk (split_*.wasm) comes with the map, when the shopper first opens it.
element="$dist/element"
if [ -d "$element" ]; then
  element_br=0
  for f in "$element"/swiss-checkout-widget_bg.wasm "$element"/swiss-checkout.js "$element"/swiss-checkout.css; do
    br=$(brotli -q 11 -c "$f" | wc -c); element_br=$((element_br + br))
    printf '%-48s %10d %10d %10d\n' "element/$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$br"
  done
  chunks_br=0
  for f in "$element"/split_*.wasm; do
    [ -f "$f" ] || continue
    br=$(brotli -q 11 -c "$f" | wc -c); chunks_br=$((chunks_br + br))
    printf '%-48s %10d %10d %10d\n' "element/$(basename "$f") (with the map)" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$br"
  done
  awk -v e="$element_br" 'BEGIN { printf "<swiss-checkout> element, every part, before the map opens: %.1f KB brotli (goal 60)\n", e / 1000 }'
  awk -v e="$element_br" -v c="$chunks_br" -v m="$map_br" -v o="$outline_br" 'BEGIN { printf "<swiss-checkout> element with the map open: %.1f KB brotli (pickup chunk %.1f KB, Leaflet %.1f KB, outline %.1f KB)\n", (e + c + m + o) / 1000, c / 1000, m / 1000, o / 1000 }'
fi
if [ -d "$dist/element-address" ]; then
  address_br=0
  for f in "$dist"/element-address/swiss-checkout-widget_bg.wasm "$dist"/element-address/swiss-checkout.js "$dist"/element-address/swiss-checkout.css; do
    address_br=$((address_br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  awk -v e="$address_br" 'BEGIN { printf "<swiss-checkout> element, address part only: %.1f KB brotli (goal 40)\n", e / 1000 }'
fi
