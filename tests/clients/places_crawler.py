"""A crawler of Swiss Post's location service (places.post.ch, StaoCacheServiceV2), written the way the
open-source crawlers of the live service read it, as a third-party client of the sandbox.

It asks and reads exactly what the alltheplaces spider `locations/spiders/swiss_post_ch.py` asks and reads
(github.com/alltheplaces/alltheplaces, read at commit 20e8cf9b; its code is not copied here, this module is
written from the request and the element paths it uses): one `Find` over a bounding box with hard-coded
type tags (`T12` letter boxes, `T9` post offices; the crawler for pickup points below hard-codes `T1`
PickPost and `T6` My Post 24 as other clients do), cells split in four while a reply holds `maxpois` points,
points on a cell's edge kept by one cell only, branches kept by `DistributionType`, then one `Poi` per point
read as XML: `GeoLocation/CoordinateLat|Lng`, `Address/Street|Zip|City|KantonCode`, `Description[@lang]`
by canton, `AdditionalDescription[@lang="de"]`, the normal counter (`Counter[@CounterTypeId="0011"]`) and
its opening period that holds today, one time slice per `OpeningHours` element, and a letter box's
`Product[@ProductTypeId="003BE_LZ"]/Deadline/Day|LatestTime`.

Standard library only: `python3 places_crawler.py http://127.0.0.1:8090 [lon_min,lat_min,lon_max,lat_max]`
prints one JSON object per place.
"""

import datetime
import json
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

PATH = "/StandortSuche/StaoCacheServiceV2/api/v1"
LETTER_BOX, BRANCH, PICKPOST, MY_POST_24 = "T12", "T9", "T1", "T6"
OWN_BRANCH_TYPES = {"001F1", "001F2", "001F3", "001F4"}
PARTNER_BRANCH_TYPE = "001QA"
NORMAL_COUNTER = "0011"
NAME_LANGUAGE = {"GE": "fr", "VD": "fr", "NE": "fr", "JU": "fr", "TI": "it"}
DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAY_ELEMENTS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SWITZERLAND = (5.9, 45.8, 10.5, 47.9)


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def subdivide(bounds):
    lon_min, lat_min, lon_max, lat_max = bounds
    lon_mid, lat_mid = (lon_min + lon_max) / 2, (lat_min + lat_max) / 2
    return [
        (lon_min, lat_min, lon_mid, lat_mid),
        (lon_mid, lat_min, lon_max, lat_mid),
        (lon_min, lat_mid, lon_mid, lat_max),
        (lon_mid, lat_mid, lon_max, lat_max),
    ]


def contains(bounds, lon, lat):
    """Half-open on the far edges, so a point on a shared edge belongs to one cell."""
    return (bounds[0] <= lon < bounds[2] and bounds[1] <= lat < bounds[3]) or (lon, lat) == (bounds[2], bounds[3])


def text(node, path):
    found = node.find(path)
    return found.text if found is not None and found.text else None


def opening_hours(counter, today):
    """{"Mo": ["08:00-12:00", "13:30-18:00"], …} from the period holding today (else the first)."""
    periods = counter.findall("OpeningPeriods")
    if not periods:
        return None
    current = [p for p in periods if (text(p, "DateFrom") or "") <= today <= (text(p, "DateTo") or "9999")]
    period = (current or periods)[0]
    week = {}
    for rule in period.findall("OpeningHours"):
        days = [DAYS[i] for i, name in enumerate(DAY_ELEMENTS) if text(rule, name) == "true"]
        for timeslice in rule.findall("Timeslice"):
            start, end = (text(timeslice, "TimeFrom") or "")[:5], (text(timeslice, "TimeUntil") or "")[:5]
            if start and end:
                for day in days:
                    week.setdefault(day, []).append(f"{start}-{end}")
    return {day: sorted(week[day]) for day in DAYS if day in week}


def collection_times(products):
    """"Mo-Fr 17:30; Sa 10:00" from the deadlines of a letter box, consecutive equal days joined."""
    times = {}
    for product in products:
        for deadline in product.findall("Deadline"):
            day, latest = int(text(deadline, "Day") or 0), text(deadline, "LatestTime")
            if 1 <= day <= 7 and latest:
                times.setdefault(DAYS[day - 1], set()).add(latest[:5])
    parts, run = [], []
    for day in DAYS + [None]:
        key = ",".join(sorted(times[day])) if day in times else None
        if run and (day is None or key != run[-1][1]):
            first, last = run[0][0], run[-1][0]
            parts.append(f"{first}-{last} {run[0][1]}" if first != last else f"{first} {run[0][1]}")
            run = []
        if key:
            run.append((day, key))
    return "; ".join(parts) or None


class Crawler:
    def __init__(self, base, tags=(LETTER_BOX, BRANCH), max_pois=20000, min_cell=0.005):
        self.api = base.rstrip("/") + PATH
        self.tags, self.max_pois, self.min_cell = tags, max_pois, min_cell
        self.find_requests = 0

    def find(self, bounds):
        self.find_requests += 1
        extent = ",".join(str(round(c, 6)) for c in bounds)
        query = ",".join(self.tags)
        url = (
            f"{self.api}/Find?extent={extent}&query={query}&clusterdist=0&agglevel=0&lod=2&lang=de"
            f"&maxpois={self.max_pois}&encoding=UTF-8&autoexpand=false"
        )
        return json.loads(get(url))["pois"]

    def crawl(self, bounds=SWITZERLAND):
        cells = [bounds]
        while cells:
            cell = cells.pop()
            pois = self.find(cell)
            if len(pois) >= self.max_pois and cell[2] - cell[0] > self.min_cell:
                cells.extend(subdivide(cell))
                continue
            for poi in pois:
                if not contains(cell, poi["x"], poi["y"]):
                    continue
                if poi["type"] == BRANCH:
                    kind = poi["info"].get("DistributionType")
                    if kind not in OWN_BRANCH_TYPES and kind != PARTNER_BRANCH_TYPE:
                        continue
                yield self.place(poi)

    def place(self, poi):
        root = ET.fromstring(get(f"{self.api}/Poi?id={urllib.parse.quote(poi['id'])}"))
        item = {
            "ref": poi["id"],
            "type": poi["type"],
            "lat": float(text(root, "GeoLocation/CoordinateLat") or poi["y"]),
            "lon": float(text(root, "GeoLocation/CoordinateLng") or poi["x"]),
            "street_address": text(root, "Address/Street"),
            "postcode": text(root, "Address/Zip"),
            "city": text(root, "Address/City"),
            "state": text(root, "Address/KantonCode"),
        }
        if poi["type"] == LETTER_BOX:
            item["category"] = "post_box"
            item["collection_times"] = collection_times(root.findall(f'Product[@ProductTypeId="003BE_LZ"]'))
            return item
        lang = NAME_LANGUAGE.get(item["state"], "de")
        name = text(root, f'Description[@lang="{lang}"]') or poi["name"]
        partner = text(root, 'AdditionalDescription[@lang="de"]')
        counters = root.findall(f'Counter[@CounterTypeId="{NORMAL_COUNTER}"]') or root.findall("Counter")
        today = datetime.date.today().isoformat()
        item["opening_hours"] = opening_hours(counters[0], today) if counters else None
        if poi["info"].get("DistributionType") == PARTNER_BRANCH_TYPE:
            item.update(category="post_partner", name=partner or name, branch=name)
        else:
            item.update(category="post_office" if poi["type"] == BRANCH else "parcel_pickup", name=name)
        return item


if __name__ == "__main__":
    bounds = tuple(map(float, sys.argv[2].split(","))) if len(sys.argv) > 2 else SWITZERLAND
    for place in Crawler(sys.argv[1]).crawl(bounds):
        print(json.dumps(place, ensure_ascii=False))
