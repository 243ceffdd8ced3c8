//! The query table of the place search: what a shopper types, and the first answer they should see.

use super::*;

/// The query table (`data/queries.json`, shared with the browser test and `npm run bench:places`).
fn table() -> Vec<(String, String, Option<String>)> {
    let table: serde_json::Value = serde_json::from_str(include_str!("../data/queries.json")).expect("queries.json");
    let text = |row: &serde_json::Value, field: &str| row[field].as_str().map(str::to_owned);
    table["queries"]
        .as_array()
        .expect("a list of queries")
        .iter()
        .map(|row| {
            (text(row, "typed").unwrap_or_default(), text(row, "first").unwrap_or_default(), text(row, "other_name"))
        })
        .collect()
}

fn first(typed: &str) -> Option<(String, Option<String>)> {
    let found = Places::shipped().search(typed, 20);
    found.first().map(|f| (format!("{} {}", f.place.postcode, f.place.town), f.other_name.map(str::to_owned)))
}

#[test]
fn every_query_of_the_table_finds_its_place_first() {
    let table = table();
    let mut wrong = Vec::new();
    for (typed, expected, other) in &table {
        let got = first(typed);
        let want = Some((expected.clone(), other.clone()));
        if got != want {
            wrong.push(format!("{typed:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(table.len() >= 60, "the table has {} queries", table.len());
    assert!(wrong.is_empty(), "{} of {} queries:\n{}", wrong.len(), table.len(), wrong.join("\n"));
}

#[test]
fn typos_rank_after_every_exact_match() {
    let found = Places::shipped().search("Lausane", 20);
    let first_typo = found.iter().position(|f| f.matched == Match::Typo).unwrap_or(found.len());
    assert!(found[first_typo..].iter().all(|f| f.matched == Match::Typo));
    assert!(found.iter().any(|f| f.place.town == "Lausanne"));
}

#[test]
fn short_queries_forgive_no_typo_and_show_no_other_name() {
    // Four letters: no typo matching ("Bern" does not find "Bera…" towns as typos).
    assert!(Places::shipped().search("Bern", 20).iter().all(|f| f.matched != Match::Typo));
    // Two letters: other names stay out ("Gi" is not yet "Ginevra").
    assert!(Places::shipped().search("Gi", 20).iter().all(|f| f.other_name.is_none()));
}

#[test]
fn st_gallen_comes_before_st_gallenkappel() {
    let found = Places::shipped().search("St. Gallen", 20);
    let kappel = found.iter().position(|f| f.place.town == "St. Gallenkappel");
    let last_gallen = found.iter().rposition(|f| f.place.town == "St. Gallen");
    assert!(matches!((last_gallen, kappel), (Some(g), Some(k)) if g < k), "{found:?}");
}

#[test]
fn one_typo_means_one_edit_of_a_beginning() {
    let typo = |q: &str, k: &str| one_typo_from_a_prefix(q.as_bytes(), k.as_bytes());
    assert!(typo("zurch", "zurich"));
    assert!(typo("lausane", "lausanne"));
    assert!(typo("winterhtur", "winterthur"));
    assert!(typo("xurich", "zurich"));
    assert!(typo("urich", "zurich"));
    assert!(typo("zzurich", "zurich"));
    assert!(typo("berns", "bern"));
    assert!(!typo("zrch", "zurich"));
    assert!(!typo("lasuane", "lausanne"));
    assert!(!typo("bernxx", "bern"));
}

#[test]
fn the_shipped_file_parses_whole() {
    let rows = PLACES_CSV.lines().count() - 1;
    assert_eq!(Places::shipped().all().len(), rows, "every row of ch_places.csv is a place");
    assert!(rows > 4000);
}

#[test]
fn every_other_name_finds_one_town() {
    // A name that is also another town's official name would send the shopper elsewhere.
    let places = Places::shipped();
    for town in &places.towns {
        let own = &places.places[town.places[0] as usize].town;
        for name in &town.names {
            let key = fold(name);
            let officials: HashSet<&str> = places
                .search(name, 50)
                .iter()
                .filter(|f| f.matched == Match::WholeName && f.other_name.is_none() && &f.place.town != own)
                .map(|f| f.place.town.as_str())
                .collect();
            assert!(officials.is_empty(), "{name} ({key}) is also the official name of {officials:?}");
        }
    }
}
