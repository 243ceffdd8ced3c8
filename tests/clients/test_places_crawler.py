"""A third-party client of the live location service, unchanged, against the sandbox (issue 17, item 3):
`places_crawler.py` crawls the City of St. Gallen as it would crawl places.post.ch, and finds what Swiss
Post's open data has there, with addresses, positions, opening hours and collection times.

Run by tests/clients/run.sh, which starts the sandbox and passes its URL in SANDBOX_URL.
"""

import os
import re
import unittest

from places_crawler import BRANCH, LETTER_BOX, MY_POST_24, PICKPOST, Crawler

BASE = os.environ.get("SANDBOX_URL", "http://127.0.0.1:8090")
ST_GALLEN = (9.25, 47.38, 9.45, 47.46)
TIME_RANGE = re.compile(r"^\d\d:\d\d-\d\d:\d\d$")


class StGallenCrawl(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.places = list(Crawler(BASE).crawl(ST_GALLEN))
        cls.pickup = list(Crawler(BASE, tags=(PICKPOST, MY_POST_24)).crawl(ST_GALLEN))

    def of(self, places, category):
        return [p for p in places if p["category"] == category]

    def assert_located(self, place):
        self.assertTrue(place["street_address"], place)
        self.assertRegex(place["postcode"], r"^90\d\d$")
        self.assertEqual((place["city"], place["state"]), ("St. Gallen", "SG"))
        self.assertTrue(ST_GALLEN[0] <= place["lon"] <= ST_GALLEN[2] and ST_GALLEN[1] <= place["lat"] <= ST_GALLEN[3])

    def test_the_post_offices_with_names_and_opening_hours(self):
        offices = self.of(self.places, "post_office")
        self.assertEqual(len(offices), 11)
        for office in offices:
            self.assert_located(office)
            self.assertTrue(office["name"].startswith("Post Filiale 90"), office["name"])
            hours = office["opening_hours"]
            self.assertEqual(list(hours), ["Mo", "Tu", "We", "Th", "Fr", "Sa"], office["name"])
            self.assertEqual(hours["Mo"], ["08:00-12:00", "13:30-18:00"], "a lunch break: two slices")
            self.assertTrue(all(TIME_RANGE.match(span) for spans in hours.values() for span in spans))
        self.assertIn("Post Filiale 9000 St. Gallen 1 Annahme", {o["name"] for o in offices})

    def test_the_letter_boxes_with_collection_times(self):
        boxes = self.of(self.places, "post_box")
        self.assertEqual(len(boxes), 96)
        self.assertEqual(len({b["ref"] for b in boxes}), 96, "each box once, however the cells fall")
        for box in boxes:
            self.assert_located(box)
            self.assertRegex(box["collection_times"], r"^Mo-Fr \d\d:\d\d; Sa 10:00$")

    def test_the_pickpost_points_and_my_post_24_terminals(self):
        points, terminals = self.of(self.pickup, "parcel_pickup"), self.pickup
        self.assertEqual(len([p for p in points if p["type"] == PICKPOST]), 6)
        self.assertEqual(
            sorted(p["name"] for p in terminals if p["type"] == MY_POST_24),
            ["My Post 24 9000 St. Gallen Bahnhof", "My Post 24 9014 St. Gallen Bruggen"],
        )
        for place in self.pickup:
            self.assert_located(place)
            self.assertTrue(place["opening_hours"], place["name"])

    def test_a_small_maxpois_splits_the_box_and_finds_the_same_places(self):
        crawler = Crawler(BASE, max_pois=40)
        split = list(crawler.crawl(ST_GALLEN))
        self.assertGreater(crawler.find_requests, 1)
        self.assertEqual(sorted(p["ref"] for p in split), sorted(p["ref"] for p in self.places))

    def test_only_the_tags_asked_for(self):
        self.assertEqual({p["type"] for p in self.places}, {LETTER_BOX, BRANCH})


if __name__ == "__main__":
    unittest.main(verbosity=2)
