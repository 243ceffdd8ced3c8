//! The real Swiss data the sandbox answers from, loaded once and indexed for prefix search.
//!
//! The CSV files in `crates/sandbox/data/` (see PROVENANCE.md there) are compiled into the binary, so the
//! sandbox, and the proxy that embeds it, need no files at run time. A folder given at start
//! ([`DataFiles`], `--data DIR`) replaces them file by file: a file there with a built-in file's name and
//! columns is read instead (a newer open-data export, the access points of another town).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde::Deserialize;
use swisspost::ZipType;

use swisspost::matching::{canonical, name_keys};

pub const POSTCODES_CSV: &str = "ch_postcodes.csv";
pub const GEONAMES_CSV: &str = "ch_postcodes_geonames.csv";
pub const STREETS_CSV: &str = "streets_bern_city.csv";
pub const ADDRESSES_CSV: &str = "addresses_bern_city.csv";
pub const ACCESS_POINTS_CSV: &str = "swisspost_access_points_stgallen.csv";

/// The built-in data files by name.
const BUILT_IN: [(&str, &str); 5] = [
    (POSTCODES_CSV, include_str!("../data/ch_postcodes.csv")),
    (GEONAMES_CSV, include_str!("../data/ch_postcodes_geonames.csv")),
    (STREETS_CSV, include_str!("../data/streets_bern_city.csv")),
    (ADDRESSES_CSV, include_str!("../data/addresses_bern_city.csv")),
    (ACCESS_POINTS_CSV, include_str!("../data/swisspost_access_points_stgallen.csv")),
];

/// Where the data files come from: built in, or file by file from a folder (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct DataFiles {
    pub dir: Option<PathBuf>,
}

impl DataFiles {
    /// The names a data folder may hold.
    pub fn names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(name, _)| *name)
    }

    /// The text of the data file `name`: the folder's, when it has one, else the built-in one.
    pub fn text(&self, name: &str) -> std::io::Result<Cow<'static, str>> {
        if let Some(path) = self.dir.as_ref().map(|dir| dir.join(name)).filter(|path| path.is_file()) {
            return std::fs::read_to_string(&path)
                .map(Cow::Owned)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())));
        }
        BUILT_IN
            .iter()
            .find(|(built_in, _)| *built_in == name)
            .map(|(_, text)| Cow::Borrowed(*text))
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, format!("no data file {name}")))
    }
}

/// A postcode with its locality name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locality {
    pub zip: String,
    pub city: String,
    pub kind: ZipType,
}

/// A street of the City of Bern in one postcode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Street {
    pub zip: String,
    pub city: String,
    pub name: String,
}

/// A building address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct House {
    /// As the upstream writes it: "1", "1 A".
    pub number: String,
    /// Federal building id (GWR EGID), used as the sandbox's `houseKey`.
    pub egid: String,
}

/// Sorted (key, id) pairs: every id whose key starts with a prefix is one binary search away.
#[derive(Default)]
struct PrefixIndex {
    entries: Vec<(String, u32)>,
}

impl PrefixIndex {
    fn build(mut entries: Vec<(String, u32)>) -> Self {
        entries.sort_unstable();
        entries.dedup();
        Self { entries }
    }

    /// Ids whose key starts with `prefix`, each once, in ascending order.
    fn ids_with_prefix(&self, prefix: &str) -> BTreeSet<u32> {
        let start = self.entries.partition_point(|(key, _)| key.as_str() < prefix);
        self.entries[start..].iter().take_while(|(key, _)| key.starts_with(prefix)).map(|&(_, id)| id).collect()
    }
}

/// Adds the keys under which a name is found (see `swisspost::matching`).
fn index_name(name: &str, id: u32, into: &mut Vec<(String, u32)>) {
    into.extend(name_keys(name).into_iter().map(|key| (key, id)));
}

/// Everything the address module answers from.
pub struct AddressData {
    localities: Vec<Locality>,
    locality_names: PrefixIndex,
    streets: Vec<Street>,
    street_names: PrefixIndex,
    /// (zip, folded street name) → houses in natural order.
    houses: HashMap<(String, String), Vec<House>>,
    /// House key (EGID) → the (zip, folded street name) of its house list, for pick@home's lookups.
    house_keys: HashMap<String, (String, String)>,
}

#[derive(Deserialize)]
struct PostcodeRow {
    plz: String,
    locality: String,
}

#[derive(Deserialize)]
struct GeonamesRow {
    postal_code: String,
    place_name: String,
}

#[derive(Deserialize)]
struct StreetRow {
    plz: String,
    locality: String,
    street: String,
}

#[derive(Deserialize)]
struct AddressRow {
    street: String,
    house_number: String,
    plz: String,
    egid: String,
}

pub(crate) fn rows<'a, T: for<'de> Deserialize<'de> + 'a>(csv_text: &'a str) -> impl Iterator<Item = T> + 'a {
    csv::Reader::from_reader(csv_text.as_bytes())
        .into_deserialize()
        // The files are part of the build and checked by tests; a bad row is skipped, not fatal.
        .filter_map(Result::ok)
}

/// "12a" → "12 A", the upstream's spelling of house numbers (§3.3).
pub fn upstream_house_number(raw: &str) -> String {
    let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (digits, rest) = raw.split_at(digits_end);
    let rest = rest.trim();
    if digits.is_empty() || rest.is_empty() {
        raw.trim().to_uppercase()
    } else {
        format!("{digits} {}", rest.to_uppercase())
    }
}

pub use swisspost::matching::house_number_key;

fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |s: &str| {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        (s[..end].parse::<u32>().unwrap_or(u32::MAX), s[end..].to_owned())
    };
    split(a).cmp(&split(b))
}

impl AddressData {
    /// Parses and indexes the data (about 30,000 rows; tens of milliseconds).
    pub fn load(files: &DataFiles) -> std::io::Result<Self> {
        let (postcodes, geonames) = (files.text(POSTCODES_CSV)?, files.text(GEONAMES_CSV)?);
        let (streets_csv, addresses) = (files.text(STREETS_CSV)?, files.text(ADDRESSES_CSV)?);
        let mut localities: Vec<Locality> = Vec::new();
        let mut seen = BTreeSet::new();
        for row in rows::<PostcodeRow>(&postcodes) {
            if seen.insert((row.plz.clone(), row.locality.clone())) {
                localities.push(Locality { zip: row.plz, city: row.locality, kind: ZipType::Domicile });
            }
        }
        // GeoNames adds the PO box and company postcodes that the official directory of localities lacks.
        let domicile_zips: BTreeSet<String> = localities.iter().map(|l| l.zip.clone()).collect();
        for row in rows::<GeonamesRow>(&geonames) {
            if !domicile_zips.contains(&row.postal_code)
                && seen.insert((row.postal_code.clone(), row.place_name.clone()))
            {
                localities.push(Locality { zip: row.postal_code, city: row.place_name, kind: ZipType::Postbox });
            }
        }
        localities.sort_by(|a, b| (&a.zip, &a.city).cmp(&(&b.zip, &b.city)));

        let mut keys = Vec::new();
        for (id, locality) in localities.iter().enumerate() {
            index_name(&locality.city, id as u32, &mut keys);
        }
        let locality_names = PrefixIndex::build(keys);

        let mut streets: Vec<Street> =
            rows::<StreetRow>(&streets_csv).map(|r| Street { zip: r.plz, city: r.locality, name: r.street }).collect();
        streets.sort_by(|a, b| (&a.name, &a.zip).cmp(&(&b.name, &b.zip)));
        let mut keys = Vec::new();
        for (id, street) in streets.iter().enumerate() {
            index_name(&street.name, id as u32, &mut keys);
        }
        let street_names = PrefixIndex::build(keys);

        let mut houses: HashMap<(String, String), Vec<(String, House)>> = HashMap::new();
        for row in rows::<AddressRow>(&addresses) {
            let house = House { number: upstream_house_number(&row.house_number), egid: row.egid };
            houses.entry((row.plz, canonical(&row.street))).or_default().push((row.house_number, house));
        }
        let houses = houses
            .into_iter()
            .map(|(key, mut list)| {
                list.sort_by(|a, b| natural_order(&a.0, &b.0));
                list.dedup_by(|a, b| a.1.number == b.1.number);
                (key, list.into_iter().map(|(_, h)| h).collect())
            })
            .collect::<HashMap<(String, String), Vec<House>>>();
        let house_keys = houses
            .iter()
            .flat_map(|(at, list)| list.iter().map(move |house| (house.egid.clone(), at.clone())))
            .collect();

        Ok(Self { localities, locality_names, streets, street_names, houses, house_keys })
    }

    /// Localities whose postcode starts with `zip_prefix` (may be empty) and whose name has a word
    /// starting with `name_prefix` (folded; may be empty), of the wanted kind, in postcode order.
    pub fn find_localities<'a>(
        &'a self,
        zip_prefix: &'a str,
        name_prefix: &str,
        kind: Option<ZipType>,
    ) -> impl Iterator<Item = &'a Locality> + 'a {
        let by_name: Option<BTreeSet<u32>> =
            (!name_prefix.is_empty()).then(|| self.locality_names.ids_with_prefix(name_prefix));
        // Postcodes sort as strings of equal length, so a postcode prefix is a contiguous range.
        let start = self.localities.partition_point(|l| l.zip.as_str() < zip_prefix);
        self.localities[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, l)| l.zip.starts_with(zip_prefix))
            .filter(move |(i, _)| by_name.as_ref().is_none_or(|ids| ids.contains(&((start + i) as u32))))
            .map(|(_, l)| l)
            .filter(move |l| kind.is_none_or(|k| k == l.kind))
    }

    /// Localities with exactly this postcode.
    pub fn localities_with_zip<'a>(&'a self, zip: &'a str) -> impl Iterator<Item = &'a Locality> + 'a {
        let start = self.localities.partition_point(|l| l.zip.as_str() < zip);
        self.localities[start..].iter().take_while(move |l| l.zip == zip)
    }

    /// Streets with a word starting with `name_prefix` (folded), optionally in one postcode, by name.
    pub fn find_streets<'a>(
        &'a self,
        name_prefix: &str,
        zip: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Street> + 'a {
        self.street_names
            .ids_with_prefix(name_prefix)
            .into_iter()
            .map(|id| &self.streets[id as usize])
            .filter(move |s| zip.is_none_or(|z| s.zip == z))
    }

    /// The street named exactly `name` (after folding) in `zip`.
    pub fn street<'a>(&'a self, zip: &'a str, name: &str) -> Option<&'a Street> {
        let wanted = canonical(name);
        self.find_streets(&wanted, Some(zip)).find(|s| canonical(&s.name) == wanted)
    }

    /// The building with house key (EGID) `key`: its postcode, town, street and number.
    pub fn house_by_key(&self, key: &str) -> Option<(String, String, String, String)> {
        let at @ (zip, folded) = self.house_keys.get(key)?;
        let house = self.houses.get(at)?.iter().find(|h| h.egid == key)?;
        let street = self.street(zip, folded)?;
        Some((zip.clone(), street.city.clone(), street.name.clone(), house.number.clone()))
    }

    /// Houses of a street, in natural order ("2" before "10", "1" before "1 A").
    pub fn houses(&self, zip: &str, street: &str) -> &[House] {
        self.houses.get(&(zip.to_owned(), canonical(street))).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn data() -> &'static AddressData {
        static DATA: OnceLock<AddressData> = OnceLock::new();
        DATA.get_or_init(|| AddressData::load(&DataFiles::default()).expect("built-in data"))
    }

    fn labels<'a>(it: impl Iterator<Item = &'a Locality>) -> Vec<String> {
        it.map(|l| format!("{} {}", l.zip, l.city)).collect()
    }

    #[test]
    fn every_swiss_postcode_row_is_loaded() {
        // 4,073 rows in the directory of localities, each (zip, name) once, plus PO box postcodes.
        let domicile = data().find_localities("", "", Some(ZipType::Domicile)).count();
        let postbox = data().find_localities("", "", Some(ZipType::Postbox)).count();
        assert!(domicile > 4000, "{domicile}");
        assert!(postbox > 100, "{postbox}");
    }

    #[test]
    fn finds_by_postcode_prefix_and_by_name_ignoring_diacritics() {
        assert!(labels(data().find_localities("301", "", None)).contains(&"3011 Bern".to_owned()));
        assert!(labels(data().find_localities("", "zuri", None)).contains(&"8001 Zürich".to_owned()));
        assert!(labels(data().find_localities("", "zuerich", None)).contains(&"8001 Zürich".to_owned()));
        assert!(labels(data().find_localities("", "bienne", None)).contains(&"2502 Biel/Bienne".to_owned()));
        assert!(labels(data().find_localities("", "geneve", None)).iter().any(|l| l.ends_with("Genève")));
        assert_eq!(data().find_localities("", "xqxq", None).count(), 0);
    }

    #[test]
    fn postcode_and_name_together_narrow_the_match() {
        let found = labels(data().find_localities("30", "bern", Some(ZipType::Domicile)));
        assert!(found.contains(&"3011 Bern".to_owned()));
        assert!(found.iter().all(|l| l.starts_with("30")));
    }

    #[test]
    fn bern_streets_and_houses() {
        let streets: Vec<_> = data().find_streets("aarberger", None).map(|s| s.name.clone()).collect();
        assert!(streets.contains(&"Aarbergergasse".to_owned()));
        let houses = data().houses("3011", "aarbergergasse");
        assert_eq!(houses.first().map(|h| h.number.as_str()), Some("1"));
        assert!(data().street("3011", "AARBERGERGASSE").is_some());
        assert!(data().street("8001", "Aarbergergasse").is_none());
    }

    #[test]
    fn house_numbers_in_upstream_spelling() {
        assert_eq!(upstream_house_number("12a"), "12 A");
        assert_eq!(upstream_house_number("7"), "7");
        assert_eq!(house_number_key("12 A"), "12a");
    }
}
