#!/usr/bin/env python3
"""What each moment of the <swiss-checkout> element downloads, from its wasm chunks (`npm run size`).

The element's wasm is split (wasm-split): the main module, one `split_<part>.wasm` per part loaded later
(delivery, pickup, connector), and `chunk_<n>.wasm` for code several parts share, fetched with the first of
them. The loader `__wasm_split.js` names each part's shared chunks; this script reads it and prints every file
(raw, gzip -9, brotli -q 11) and the totals: first paint; before the map (address and delivery usable, the
goal); with the map open; and before the map on a page with `swiss-post-addresses`. A page fetches the texts
of the languages it shows (`texts-<lang>.json`): each total counts one, the largest.

Usage: size-chunks.py ELEMENT_DIR LOADER_JS OUTLINE_GEOJSON
"""

import gzip
import re
import subprocess
import sys
from pathlib import Path


def sizes(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    brotli = subprocess.run(["brotli", "-q", "11", "-c", str(path)], capture_output=True, check=True).stdout
    return len(data), len(gzip.compress(data, 9)), len(brotli)


def main() -> None:
    element, loader, outline = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    text = loader.read_text() if loader.exists() else ""
    # `export const __wasm_split_load_<part> = …("./split_<part>.wasm"…, [__chunk_4, __chunk_5]));`
    parts = {}
    for match in re.finditer(r"__wasm_split_load_(\w+) = .*?\[([^\]]*)\]\)\)", text, re.S):
        parts[match.group(1)] = [f"chunk_{n}.wasm" for n in re.findall(r"__chunk_(\d+)", match.group(2))]
    brotli = {}

    def row(label: str, path: Path) -> int:
        raw, gz, br = sizes(path)
        print(f"{label:<56} {raw:>10} {gz:>10} {br:>10}")
        brotli[path.name] = br
        return br

    first = sum(row(f"element/{name}", element / name)
                for name in ["swiss-checkout-widget_bg.wasm", "swiss-checkout.js", "swiss-checkout.css"])
    # The texts, one file per language: a page fetches those it shows; one counts, the largest.
    texts = [row(f"element/{path.name} (one per language shown)", path)
             for path in sorted(element.glob("texts-*.json"))]
    first += max(texts, default=0)
    for shared in sorted({c for chunks in parts.values() for c in chunks}):
        users = ", ".join(p for p, chunks in parts.items() if shared in chunks)
        row(f"element/{shared} (shared: {users})", element / shared)
    for part in parts:
        row(f"element/split_{part}.wasm", element / f"split_{part}.wasm")
    leaflet = [element / "leaflet/leaflet.js", element / "leaflet/leaflet.css"]
    extra = sum(row(f"element/leaflet/{p.name} (with the map)", p) for p in leaflet if p.exists())
    extra += row("outline GeoJSON, from the proxy (with the map)", outline)

    def with_parts(names: list[str]) -> int:
        files = {f"split_{n}.wasm" for n in names if n in parts} | {c for n in names for c in parts.get(n, [])}
        return first + sum(brotli[f] for f in files)

    kb = lambda b: f"{b / 1000:.1f} KB brotli"
    if "delivery" in parts:
        print(f"<swiss-checkout> element, first paint (address part): {kb(first)}")
    print(f"<swiss-checkout> element, every part, before the map opens: {kb(with_parts(['delivery']))} (goal 60)")
    print(f"<swiss-checkout> element with the map open: {kb(with_parts(['delivery', 'pickup']) + extra)}")
    if "connector" in parts:
        print(f"<swiss-checkout swiss-post-addresses>, before the map opens: {kb(with_parts(['delivery', 'connector']))}")


if __name__ == "__main__":
    main()
