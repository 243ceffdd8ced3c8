//! Swiss place names as shoppers type them.
//!
//! An in-memory index of every Swiss and Liechtenstein postal locality (`data/ch_places.csv`, swisstopo and
//! GeoNames; see `data/PROVENANCE.md`), built once and then searched in microseconds:
//!
//! - **every name of a place**: the official one and what German, French, Italian and English speakers call it
//!   ("Genf", "Ginevra", "Geneva" find Genève; "Bienne" finds Biel/Bienne); a match on another name says which
//!   ([`Found::other_name`]) so it can be shown beside the official one;
//! - **typos forgiven**: from five letters on, one wrong, missing, extra or swapped letter still finds an
//!   official name ("zurch", "Lausane", "Winterhtur"), ranked after every exact match;
//! - case, accents, umlauts ("zuerich") and "St."/"Sankt"/"Saint"/"San" do not matter (`swisspost::matching`,
//!   the rules the sandbox and the proxy already share);
//! - **the exact place first**: a whole postcode, then a whole name, then a name's beginning, then a typo; within
//!   each, the larger place first, then by postcode.

use std::collections::HashSet;
use std::sync::LazyLock;

use swisspost::matching::{fold, fold_query, name_keys};

/// The shipped data: one row per postal locality.
const PLACES_CSV: &str = include_str!("../data/ch_places.csv");

/// Queries shorter than this do not match other names: at two letters they would only add noise.
const MIN_OTHER_NAME_QUERY: usize = 3;
/// Queries (their name part) of this many letters or more also find names one typo away.
pub const MIN_FUZZY_QUERY: usize = 5;

/// One postal locality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Four-digit postcode, e.g. "1201".
    pub postcode: String,
    /// The official name, e.g. "Genève".
    pub town: String,
    /// Inhabitants of the place (GeoNames); 0 where it has fewer than 500 or none is known.
    pub population: u32,
}

/// How well a place matched; the better first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The whole postcode was typed ("3011").
    Postcode,
    /// A whole name of the place was typed ("Genf", "St. Gallen", "Bienne").
    WholeName,
    /// The beginning of a postcode or of a word of a name ("30", "Gen", "gallen").
    Prefix,
    /// A name one typo away ("zurch").
    Typo,
}

/// A place a query found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    pub place: &'a Place,
    pub matched: Match,
    /// The other name the query matched ("Genf" for Genève), when it was not the official one.
    pub other_name: Option<&'a str>,
}

/// One distinct town name with its places (Genève has ten postcodes) and other names.
#[derive(Debug)]
struct Town {
    names: Vec<String>,
    places: Vec<u32>,
}

/// A folded search key of a town: `name` is `None` for the official name, else the index of the other name.
#[derive(Debug)]
struct Key {
    text: String,
    town: u32,
    name: Option<u16>,
    whole: bool,
}

/// The index. [`Places::shipped`] is the one built from the shipped data.
#[derive(Debug)]
pub struct Places {
    places: Vec<Place>,
    towns: Vec<Town>,
    /// Every key of every town, sorted by text: a prefix is a range.
    keys: Vec<Key>,
    /// Keys of official names (indexes into `keys`) by their first and by their second letter: the only keys a
    /// query one typo away can match (see [`typo_candidates`](Places::typo_candidates)).
    by_first: Vec<Vec<u32>>,
    by_second: Vec<Vec<u32>>,
}

/// The index built from the shipped data, once.
static SHIPPED: LazyLock<Places> = LazyLock::new(|| Places::from_csv(PLACES_CSV));

/// Slots of the letter buckets: a–z and 0–9.
const BUCKETS: usize = 36;

fn bucket(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(byte - b'0')),
        _ => None,
    }
}

/// The keys of a name that are the whole name (in any of its spellings), and, with `later_words`, those that
/// start at a later word ("gallen" for "St. Gallen"; other names do not get these: "Bussigny-près-Lausanne"
/// must not answer "Lausanne").
fn keys_of(name: &str, later_words: bool) -> Vec<(String, bool)> {
    // "Biel/Bienne": each half is a whole name of its own.
    let halves: Vec<&str> = name.split('/').map(str::trim).filter(|half| !half.is_empty()).collect();
    let mut whole: HashSet<String> = HashSet::new();
    for form in std::iter::once(name).chain(halves.iter().copied().filter(|_| halves.len() > 1)) {
        let words = fold(form).split(' ').count();
        whole.extend(name_keys(form).into_iter().filter(|key| key.split(' ').count() == words));
    }
    name_keys(name)
        .into_iter()
        .chain(whole.iter().cloned())
        .collect::<HashSet<_>>()
        .into_iter()
        .map(|key| {
            let is_whole = whole.contains(&key);
            (key, is_whole)
        })
        .filter(|&(_, is_whole)| later_words || is_whole)
        .collect()
}

/// True when `query` is one edit (a wrong, missing, extra or swapped letter) from a beginning of `key`.
pub fn one_typo_from_a_prefix(query: &[u8], key: &[u8]) -> bool {
    let starts = |q: &[u8], k: &[u8]| k.starts_with(q);
    let Some(at) = query.iter().zip(key).position(|(q, k)| q != k) else {
        // No differing letter: the query is a beginning of the key, or runs one letter past its end.
        return query.len() <= key.len() + 1;
    };
    starts(&query[at + 1..], key.get(at + 1..).unwrap_or_default()) // wrong letter
        || starts(&query[at + 1..], &key[at..]) // extra letter
        || starts(&query[at..], key.get(at + 1..).unwrap_or_default()) // missing letter
        || (query.get(at + 1) == key.get(at)
            && key.get(at + 1) == Some(&query[at])
            && starts(query.get(at + 2..).unwrap_or_default(), key.get(at + 2..).unwrap_or_default())) // swapped
}

/// Splits a folded query into its postcode digits and its name ("3011 bern" → "3011", "bern").
fn digits_and_name(folded: &str) -> (&str, &str) {
    let end = folded.find(|c: char| !c.is_ascii_digit()).unwrap_or(folded.len());
    (&folded[..end], folded[end..].trim_start())
}

impl Places {
    /// The index of the shipped data (built on first use; call at start to build it then).
    pub fn shipped() -> &'static Places {
        &SHIPPED
    }

    /// Builds the index from `ch_places.csv` text: `postcode,town,canton,population,geonameid,names`. Rows that
    /// do not parse are skipped (the shipped file is checked by a test).
    pub fn from_csv(csv: &str) -> Places {
        let mut places = Vec::new();
        let mut towns: Vec<Town> = Vec::new();
        let mut town_of: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for line in csv.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let [postcode, town, _canton, population, _geonameid, names] = fields[..] else { continue };
            let Ok(population) = population.parse::<u32>() else { continue };
            let place = u32::try_from(places.len()).unwrap_or(u32::MAX);
            places.push(Place { postcode: postcode.to_owned(), town: town.to_owned(), population });
            let next = u32::try_from(towns.len()).unwrap_or(u32::MAX);
            let id = *town_of.entry(town.to_owned()).or_insert(next);
            if id == next {
                let names = names.split('|').filter(|name| !name.is_empty()).map(str::to_owned).collect();
                towns.push(Town { names, places: Vec::new() });
            }
            towns[id as usize].places.push(place);
        }
        let mut keys = Vec::new();
        for (id, town) in towns.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            let official = &places[town.places[0] as usize].town;
            for (text, whole) in keys_of(official, true) {
                keys.push(Key { text, town: id, name: None, whole });
            }
            for (n, name) in town.names.iter().enumerate() {
                let n = u16::try_from(n).unwrap_or(u16::MAX);
                for (text, whole) in keys_of(name, false) {
                    keys.push(Key { text, town: id, name: Some(n), whole });
                }
            }
        }
        keys.sort_by(|a, b| a.text.cmp(&b.text));
        let mut by_first = vec![Vec::new(); BUCKETS];
        let mut by_second = vec![Vec::new(); BUCKETS];
        for (i, key) in keys.iter().enumerate().filter(|(_, key)| key.name.is_none()) {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let bytes = key.text.as_bytes();
            if let Some(b) = bytes.first().copied().and_then(bucket) {
                by_first[b].push(i);
            }
            if let Some(b) = bytes.get(1).copied().and_then(bucket) {
                by_second[b].push(i);
            }
        }
        Places { places, towns, keys, by_first, by_second }
    }

    /// Every locality, by postcode.
    pub fn all(&self) -> &[Place] {
        &self.places
    }

    /// The places `typed` finds, best first, at most `limit`.
    pub fn search(&self, typed: &str, limit: usize) -> Vec<Found<'_>> {
        let folded = fold_query(typed);
        let (digits, name) = digits_and_name(&folded);
        if digits.is_empty() && name.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<Found<'_>> = Vec::new();
        if name.is_empty() {
            // Postcode only: the whole postcode's towns, then the postcodes that begin so, in order.
            let start = self.places.partition_point(|p| p.postcode.as_str() < digits);
            for place in self.places[start..].iter().take_while(|p| p.postcode.starts_with(digits)) {
                let matched = if place.postcode == digits { Match::Postcode } else { Match::Prefix };
                found.push(Found { place, matched, other_name: None });
            }
            found.sort_by_key(|f| f.matched);
            found.truncate(limit);
            return found;
        }
        let postcode_ok = |place: &Place| place.postcode.starts_with(digits);
        // The best match of each town by name.
        let mut best: std::collections::HashMap<u32, (Match, Option<u16>)> = std::collections::HashMap::new();
        let start = self.keys.partition_point(|k| k.text.as_str() < name);
        for key in self.keys[start..].iter().take_while(|k| k.text.starts_with(name)) {
            if key.name.is_some() && name.len() < MIN_OTHER_NAME_QUERY {
                continue;
            }
            let matched = if key.whole && key.text == name { Match::WholeName } else { Match::Prefix };
            let candidate = (matched, key.name);
            // Better match first; at the same, the official name (None sorts before Some).
            best.entry(key.town).and_modify(|b| *b = (*b).min(candidate)).or_insert(candidate);
        }
        let towns_found = |best: &std::collections::HashMap<u32, (Match, Option<u16>)>| {
            best.keys()
                .map(|&t| {
                    self.towns[t as usize].places.iter().filter(|&&p| postcode_ok(&self.places[p as usize])).count()
                })
                .sum::<usize>()
        };
        // A whole name typed is no typo: one letter off it would only add look-alikes.
        let whole_name_typed = best.values().any(|&(matched, _)| matched == Match::WholeName);
        if name.len() >= MIN_FUZZY_QUERY && !whole_name_typed && towns_found(&best) < limit {
            for town in self.typo_candidates(name) {
                best.entry(town).or_insert((Match::Typo, None));
            }
        }
        let typed_lower = typed.trim().to_lowercase();
        for (&town_id, &(matched, name_id)) in &best {
            let town = &self.towns[town_id as usize];
            // Of spellings that differ in accents only ("Bale", "Bâle"), the one typed.
            let other_name = name_id.and_then(|n| {
                let as_typed = town.names.iter().find(|name| name.to_lowercase() == typed_lower);
                as_typed.or_else(|| town.names.get(usize::from(n))).map(String::as_str)
            });
            for &p in &town.places {
                let place = &self.places[p as usize];
                if postcode_ok(place) {
                    found.push(Found { place, matched, other_name });
                }
            }
        }
        // Better match, larger place, the plain name before its numbered ones ("Lausanne" before "Lausanne 25").
        let rank = |f: &Found<'_>| (f.matched, std::cmp::Reverse(f.place.population), f.place.town.len());
        found.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| (&a.place.postcode, &a.place.town).cmp(&(&b.place.postcode, &b.place.town)))
        });
        found.truncate(limit);
        found
    }

    /// Towns whose official name (any word of it) begins one typo away from `name`.
    fn typo_candidates(&self, name: &str) -> Vec<u32> {
        let query = name.as_bytes();
        let mut towns: Vec<u32> = Vec::new();
        // A key one edit from the query begins with the query's first or second letter, or has one of them second.
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(4);
        for &byte in query.iter().take(2) {
            if let Some(b) = bucket(byte) {
                lists.push(&self.by_first[b]);
                lists.push(&self.by_second[b]);
            }
        }
        for list in lists {
            for &k in list {
                let key = &self.keys[k as usize];
                if one_typo_from_a_prefix(query, key.text.as_bytes()) && !towns.contains(&key.town) {
                    towns.push(key.town);
                }
            }
        }
        towns
    }
}

#[cfg(test)]
mod tests;
