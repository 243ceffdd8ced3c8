//! What a place search costs (not a test): builds the index from the shipped data, then runs every query of
//! the test table (`data/queries.json`) many times and prints the time to build and the time per search.
//! Run: `cargo run --release -p swiss-places --example search_cost`

use std::time::Instant;

use swiss_places::Places;

fn main() {
    let started = Instant::now();
    let places = Places::shipped();
    let built = started.elapsed();
    let table = include_str!("../data/queries.json");
    let queries: Vec<&str> =
        table.lines().filter_map(|line| line.split("\"typed\": \"").nth(1)?.split('"').next()).collect();
    let rounds = 2_000;
    let mut found = 0;
    let started = Instant::now();
    for _ in 0..rounds {
        for q in &queries {
            found += places.search(q, 20).len();
        }
    }
    let per_search = started.elapsed() / (rounds * queries.len() as u32);
    println!("{} localities indexed in {built:.1?}", places.all().len());
    println!("{} queries x {rounds}: {per_search:.2?} per search ({found} places found)", queries.len());
    let mut slowest: Vec<(std::time::Duration, &str)> = queries
        .iter()
        .map(|q| {
            let started = Instant::now();
            for _ in 0..200 {
                std::hint::black_box(places.search(q, 20));
            }
            (started.elapsed() / 200, *q)
        })
        .collect();
    slowest.sort_by_key(|&(took, _)| std::cmp::Reverse(took));
    for (took, q) in slowest.iter().take(3) {
        println!("slowest: {q:?} {took:.2?}");
    }
}
