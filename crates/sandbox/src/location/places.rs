//! The points, localities and streets the location service answers from, loaded once.
//!
//! Real: every access point of the City of St. Gallen in Swiss Post's open data whose type `Types` lists (post
//! offices, PickPost points, My Post 24 terminals, letter boxes, Postomats, PO box facilities, the PostFinance
//! branch; the one parcel logistics centre has no type there and is left out), the localities and
//! municipalities of swisstopo's postcode list, the streets of the City of Bern with their buildings' extent.
//! Synthetic, for scale: about 2,700 PickPost points and 150 My Post 24 terminals, one per locality at its
//! centroid, chosen deterministically, named "Sandbox PickPost Olten" and flagged `Synthetic`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use swisspost::location::type_id;
use swisspost::matching::fold;

use crate::data::{ACCESS_POINTS_CSV, ADDRESSES_CSV, DataFiles, POSTCODES_CSV, rows};

/// Synthetic points for scale: counts of the real network (POST-API.md §4.1, S17).
pub const SYNTHETIC_PICKPOST: usize = 2_700;
pub const SYNTHETIC_MY_POST_24: usize = 150;

/// The kinds of point the sandbox serves, by their stable type id.
pub const SERVED_TYPES: [&str; 7] = [
    type_id::POST_OFFICE,
    type_id::MY_POST_24,
    type_id::PICKPOST,
    type_id::LETTER_BOX,
    type_id::POSTOMAT,
    type_id::PO_BOX_FACILITY,
    type_id::POSTFINANCE,
];

/// One point as the sandbox keeps it.
#[derive(Clone, Debug)]
pub struct Point {
    pub id: String,
    pub type_id: &'static str,
    /// German name; `name_en` the English one of the open data (the same for the synthetic points).
    pub name: String,
    pub name_en: String,
    pub street: String,
    pub zip: String,
    pub city: String,
    pub canton: String,
    /// The Federal Statistical Office's municipality number (`GemeindeID`), from the postcode list.
    pub municipality_id: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    /// The services the open data lists (English), empty for synthetic points.
    pub services: Vec<String>,
    pub synthetic: bool,
    /// Folded words of the name, postcode and locality, for `Geocode`.
    pub words: Vec<String>,
}

/// A place `Geocode` finds: a locality name ("city"), a postcode with its locality ("region") or a street in
/// a locality ("locality"), with its centre and extent.
pub struct Place {
    pub name: String,
    /// Folded words of the name, for prefix search.
    pub words: Vec<String>,
    pub pt: [f64; 2],
    pub bbox: [f64; 4],
}

/// Everything the location service answers from.
pub struct Places {
    pub points: Vec<Point>,
    pub cities: Vec<Place>,
    pub regions: Vec<Place>,
    pub streets: Vec<Place>,
}

#[derive(Deserialize)]
struct AccessPointRow {
    id: String,
    name_de: String,
    name_en: String,
    street: String,
    plz: String,
    locality: String,
    canton: String,
    lat: f64,
    lon: f64,
    services_en: String,
}

#[derive(Deserialize)]
struct PostcodeRow {
    plz: String,
    locality: String,
    canton: String,
    country: String,
    bfs_nr: u32,
    lat: f64,
    lon: f64,
    zip_id: u32,
}

#[derive(Deserialize)]
struct AddressRow {
    street: String,
    plz: String,
    locality: String,
    lat: f64,
    lon: f64,
}

/// FNV-1a: a stable hash (the standard library's is seeded per process).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Folded words: "St. Gallen-Kappel" → ["st", "gallen", "kappel"].
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// A growing extent of coordinates.
#[derive(Clone, Copy)]
struct Extent {
    min: [f64; 2],
    max: [f64; 2],
    sum: [f64; 2],
    n: u32,
}

impl Extent {
    fn of(lon: f64, lat: f64) -> Self {
        Self { min: [lon, lat], max: [lon, lat], sum: [lon, lat], n: 1 }
    }

    fn add(&mut self, lon: f64, lat: f64) {
        self.min = [self.min[0].min(lon), self.min[1].min(lat)];
        self.max = [self.max[0].max(lon), self.max[1].max(lat)];
        self.sum = [self.sum[0] + lon, self.sum[1] + lat];
        self.n += 1;
    }

    /// The centre and the extent with a margin (a single point gets about 1 km each way).
    fn place(&self, name: String, margin: f64) -> Place {
        let n = f64::from(self.n);
        Place {
            words: words(&name),
            name,
            pt: [self.sum[0] / n, self.sum[1] / n],
            bbox: [self.min[0] - margin, self.min[1] - margin, self.max[0] + margin, self.max[1] + margin],
        }
    }
}

fn places_of(extents: BTreeMap<String, Extent>, margin: f64) -> Vec<Place> {
    extents.into_iter().map(|(name, extent)| extent.place(name, margin)).collect()
}

impl Places {
    pub fn load(files: &DataFiles) -> std::io::Result<Self> {
        let postcodes_csv = files.text(POSTCODES_CSV)?;
        let postcodes: Vec<PostcodeRow> = rows::<PostcodeRow>(&postcodes_csv).filter(|r| r.country == "CH").collect();
        let municipality_of: HashMap<&str, u32> = postcodes.iter().rev().map(|r| (r.plz.as_str(), r.bfs_nr)).collect();
        let mut points: Vec<Point> = rows::<AccessPointRow>(&files.text(ACCESS_POINTS_CSV)?)
            .filter_map(|row| {
                let type_id = SERVED_TYPES.into_iter().find(|t| row.id.split('_').next() == Some(*t))?;
                Some(Point {
                    type_id,
                    name: row.name_de,
                    name_en: row.name_en,
                    municipality_id: municipality_of.get(row.plz.as_str()).copied(),
                    street: row.street,
                    zip: row.plz,
                    city: row.locality,
                    canton: row.canton,
                    lat: row.lat,
                    lon: row.lon,
                    services: row.services_en.split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                    synthetic: false,
                    words: Vec::new(),
                    id: row.id,
                })
            })
            .collect();
        points.extend(synthetic_points(&postcodes));
        for point in &mut points {
            point.words = words(&format!("{} {} {}", point.name, point.zip, point.city));
        }

        let mut cities: BTreeMap<String, Extent> = BTreeMap::new();
        let mut regions: BTreeMap<String, Extent> = BTreeMap::new();
        for row in &postcodes {
            for (map, name) in
                [(&mut cities, row.locality.clone()), (&mut regions, format!("{} {}", row.plz, row.locality))]
            {
                map.entry(name).and_modify(|e| e.add(row.lon, row.lat)).or_insert(Extent::of(row.lon, row.lat));
            }
        }
        let mut streets: BTreeMap<String, Extent> = BTreeMap::new();
        for row in rows::<AddressRow>(&files.text(ADDRESSES_CSV)?) {
            let name = format!("{}, {} {}", row.street, row.plz, row.locality);
            streets.entry(name).and_modify(|e| e.add(row.lon, row.lat)).or_insert(Extent::of(row.lon, row.lat));
        }
        Ok(Self {
            points,
            cities: places_of(cities, 0.01),
            regions: places_of(regions, 0.01),
            streets: places_of(streets, 0.0005),
        })
    }
}

/// The synthetic national set: one PickPost point per locality outside St. Gallen, in an order fixed by a
/// hash of the locality's id (so the set is spread over the country), and a My Post 24 terminal at every 18th.
fn synthetic_points(postcodes: &[PostcodeRow]) -> Vec<Point> {
    let mut order: Vec<&PostcodeRow> = postcodes.iter().filter(|r| !r.plz.starts_with("90")).collect();
    order.sort_by_key(|r| fnv(&r.zip_id.to_le_bytes()));
    let mut points = Vec::new();
    for (index, row) in order.iter().take(SYNTHETIC_PICKPOST).enumerate() {
        let jitter = |salt: u8| (fnv(&[&row.zip_id.to_le_bytes()[..], &[salt]].concat()) % 2_000) as f64 / 1e6;
        let point = |type_id: &'static str, name: String, street: &str, lat: f64, lon: f64| Point {
            id: format!("{type_id}_SBX{:06}", row.zip_id),
            type_id,
            name_en: name.clone(),
            name,
            street: street.into(),
            zip: row.plz.clone(),
            city: row.locality.clone(),
            canton: row.canton.clone(),
            municipality_id: Some(row.bfs_nr),
            lat,
            lon,
            services: Vec::new(),
            synthetic: true,
            words: Vec::new(),
        };
        let town = &row.locality;
        points.push(point(
            type_id::PICKPOST,
            format!("Sandbox PickPost {town}"),
            "Sandbox point 1",
            row.lat + jitter(1),
            row.lon + jitter(2),
        ));
        if index % (SYNTHETIC_PICKPOST / SYNTHETIC_MY_POST_24) == 0 {
            points.push(point(
                type_id::MY_POST_24,
                format!("Sandbox My Post 24 {town}"),
                "Sandbox point 2",
                row.lat - jitter(3),
                row.lon - jitter(4),
            ));
        }
    }
    points
}
