//! Address lookups between the routes and the upstream client: cached, coalesced, and cheap to type
//! into key by key.
//!
//! - Identical lookups that arrive together make one upstream call (moka's `try_get_with` runs one
//!   initialiser per key and lets the others wait for it).
//! - The upstream returns at most 20 rows. An answer with fewer rows is the complete list for its prefix,
//!   so a longer query that starts with that prefix is answered by filtering it, with no upstream call:
//!   typing "b", "bi", "bie", "biel" asks Swiss Post once. Filtering uses `swisspost::matching`, the same
//!   rules the sandbox matches with.
//! - Answers are fresh for an hour (postcodes, streets and house numbers change rarely) and kept a day:
//!   while the upstream fails, an older answer is served marked stale ([`Answer::stale`]) rather than
//!   none. Failures are not cached.
//! - Localities are also searched in the shipped index of Swiss places (`swiss-places`): names in four
//!   languages ("Genf"), one typo ("zurch"), the exact place first. The index answers in microseconds and asks
//!   nothing upstream; [`merge_places`] puts its rows and Swiss Post's together (see there how).

use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::{Duration, Instant};

use api::{AddressInput, AddressQuality, LocalitiesResponse, Locality, ValidationResult};
use bytes::Bytes;
use moka::future::Cache;
use places::{Found, Match, Places};
use swisspost::matching::{canonical, fold_query, house_number_key, name_matches, spelled_out};
use swisspost::{GeographicLocation, House, MAX_AUTOCOMPLETE_ROWS, Quality, ValidationRequest, ZipCity, ZipType};

use crate::config::Freshness;
use crate::error::UpstreamError;
use crate::metrics::Metrics;
use crate::upstream::PostClient;

const MAX_ENTRIES: u64 = 20_000;

/// An answer, and whether it is an older one served because the upstream failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<T> {
    pub value: T,
    pub stale: bool,
}

impl<T> Answer<T> {
    fn fresh(value: T) -> Self {
        Self { value, stale: false }
    }
}

/// One upstream answer: its rows, whether they are all there are (fewer than the upstream's cap), and
/// when it was fetched.
struct Rows<T> {
    items: Vec<T>,
    complete: bool,
    fetched: Instant,
}

impl<T> Rows<T> {
    fn new(items: Vec<T>, upstream_rows: usize) -> Arc<Self> {
        Arc::new(Self { items, complete: upstream_rows < MAX_AUTOCOMPLETE_ROWS, fetched: Instant::now() })
    }
}

type RowCache<K, T> = Cache<K, Arc<Rows<T>>>;

fn cache<K: Hash + Eq + Send + Sync + 'static, T: Send + Sync + 'static>(freshness: Freshness) -> RowCache<K, T> {
    Cache::builder().max_capacity(MAX_ENTRIES).time_to_live(freshness.keep.max(freshness.fresh)).build()
}

/// The address lookups of the proxy.
pub struct Lookups {
    metrics: Metrics,
    freshness: Freshness,
    post: Arc<PostClient>,
    places: &'static Places,
    localities: RowCache<String, Locality>,
    /// Finished locality answers as the JSON sent, by the query as typed, with when they stop being fresh.
    locality_answers: moka::sync::Cache<String, (Bytes, Instant)>,
    streets: RowCache<(String, String), String>,
    houses: RowCache<(String, String, String), String>,
}

/// Splits a folded locality query into its postcode digits and its name part ("3011 bern" → "3011", "bern").
fn zip_and_name(folded: &str) -> (&str, &str) {
    let digits_end = folded.find(|c: char| !c.is_ascii_digit()).unwrap_or(folded.len());
    (&folded[..digits_end], folded[digits_end..].trim_start())
}

/// Answers `query` (with when its upstream rows were fetched) from the longest fresh complete answer to one of its prefixes (no shorter than
/// `min_len`), filtered by `keep`; else from the cache or the upstream under `query`'s own key; and if
/// the upstream fails, from the newest stale answer there is.
#[allow(clippy::too_many_arguments)]
async fn by_prefix<K, T, F, Fut>(
    cache: &RowCache<K, T>,
    freshness: Freshness,
    count: impl Fn(&'static str),
    key_of: impl Fn(&str) -> K,
    query: &str,
    min_len: usize,
    keep: impl Fn(&T) -> bool,
    fetch: F,
) -> Result<(Answer<Vec<T>>, Instant), UpstreamError>
where
    K: Hash + Eq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Arc<Rows<T>>, UpstreamError>>,
{
    let is_fresh = |rows: &Rows<T>| rows.fetched.elapsed() < freshness.fresh;
    let mut stand_in: Option<Vec<T>> = None;
    let key = key_of(query);
    if let Some(rows) = cache.get(&key).await {
        if is_fresh(&rows) {
            count("hit");
            return Ok((Answer::fresh(rows.items.clone()), rows.fetched));
        }
        stand_in = Some(rows.items.clone());
        cache.invalidate(&key).await;
    }
    for end in (min_len..query.len()).rev().filter(|&end| query.is_char_boundary(end)) {
        if let Some(rows) = cache.get(&key_of(&query[..end])).await
            && rows.complete
        {
            let filtered: Vec<T> = rows.items.iter().filter(|item| keep(item)).cloned().collect();
            if is_fresh(&rows) {
                count("hit");
                return Ok((Answer::fresh(filtered), rows.fetched));
            }
            stand_in.get_or_insert(filtered);
        }
    }
    count("miss");
    match cache.try_get_with(key, fetch()).await {
        Ok(rows) => Ok((Answer::fresh(rows.items.clone()), rows.fetched)),
        Err(error) => match stand_in {
            Some(value) => {
                count("stale");
                tracing::warn!(%error, "upstream failed; serving a stale answer");
                Ok((Answer { value, stale: true }, Instant::now()))
            }
            None => Err((*error).clone()),
        },
    }
}

impl Lookups {
    pub fn new(post: Arc<PostClient>, freshness: Freshness, metrics: &Metrics) -> Self {
        Self {
            metrics: metrics.clone(),
            freshness,
            post,
            places: Places::shipped(),
            localities: cache(freshness),
            locality_answers: moka::sync::Cache::builder()
                .max_capacity(MAX_ENTRIES)
                .time_to_live(freshness.fresh.max(Duration::from_secs(1)))
                .build(),
            streets: cache(freshness),
            houses: cache(freshness),
        }
    }

    fn counter(&self, lookup: &'static str) -> impl Fn(&'static str) + '_ {
        move |result| self.metrics.cache_result(lookup, result)
    }

    pub fn post(&self) -> &PostClient {
        &self.post
    }

    /// [`Lookups::localities`] as the JSON body of `GET /v1/localities` (a `LocalitiesResponse`). The hot path of
    /// the proxy: a fresh answer to the same text is sent again as it was, without searching, merging or
    /// serializing (every shopper in Bern types "3011").
    pub async fn localities_json(&self, q: &str) -> Result<Answer<Bytes>, UpstreamError> {
        if let Some((body, fresh_until)) = self.locality_answers.get(q)
            && Instant::now() < fresh_until
        {
            return Ok(Answer::fresh(body));
        }
        let (answer, fetched) = self.localities(q).await?;
        let body =
            Bytes::from(serde_json::to_vec(&LocalitiesResponse { localities: answer.value }).unwrap_or_default());
        if !answer.stale {
            self.locality_answers.insert(q.to_owned(), (body.clone(), fetched + self.freshness.fresh));
        }
        Ok(Answer { value: body, stale: answer.stale })
    }

    /// Localities for home delivery that `q` finds: Swiss Post's answer (whose postcode or name starts with `q`)
    /// merged with the shipped index's (other names, typos, ranking), and when Swiss Post's rows were fetched.
    async fn localities(&self, q: &str) -> Result<(Answer<Vec<Locality>>, Instant), UpstreamError> {
        let found = self.places.search(q, MAX_AUTOCOMPLETE_ROWS);
        // Swiss Post's failure stays a failure (the widget lets the shopper type by hand): the index alone would
        // hide a broken upstream configuration behind plausible answers.
        let (answer, fetched) = self.upstream_localities(q).await?;
        Ok((Answer { value: merge_places(&found, answer.value), stale: answer.stale }, fetched))
    }

    /// Swiss Post's localities whose postcode or name starts with `q`.
    async fn upstream_localities(&self, q: &str) -> Result<(Answer<Vec<Locality>>, Instant), UpstreamError> {
        let folded = fold_query(q);
        let (digits, name) = zip_and_name(&folded);
        let keep = |l: &Locality| l.postcode.starts_with(digits) && name_matches(&l.town, name);
        by_prefix(
            &self.localities,
            self.freshness,
            self.counter("localities"),
            str::to_owned,
            &folded,
            1,
            keep,
            || async {
                let answer = self.post.zips(q, ZipType::Domicile).await?;
                let upstream_rows = answer.zips.len();
                let mut localities: Vec<Locality> = Vec::with_capacity(upstream_rows);
                for zip in answer.zips {
                    let locality = Locality::new(zip.zip, zip.city27);
                    if !localities.contains(&locality) {
                        localities.push(locality);
                    }
                }
                Ok(Rows::new(localities, upstream_rows))
            },
        )
        .await
    }

    /// Streets of `postcode` with a word starting with `q`.
    pub async fn streets(&self, postcode: &str, q: &str) -> Result<Answer<Vec<String>>, UpstreamError> {
        let folded = fold_query(q);
        let key_of = |prefix: &str| (postcode.to_owned(), prefix.to_owned());
        by_prefix(
            &self.streets,
            self.freshness,
            self.counter("streets"),
            key_of,
            &folded,
            1,
            |s: &String| name_matches(s, &folded),
            || async {
                // Swiss Post matches names as written: "Av. de la G" is asked as "avenue de la G".
                let answer = self.post.streets(postcode, &spelled_out(q)).await?;
                let upstream_rows = answer.streets.len();
                Ok(Rows::new(answer.streets, upstream_rows))
            },
        )
        .await
        .map(|(answer, _)| answer)
    }

    /// House numbers of a street starting with `q` (may be empty: all of them, up to the cap).
    pub async fn house_numbers(
        &self,
        postcode: &str,
        street: &str,
        q: &str,
    ) -> Result<Answer<Vec<String>>, UpstreamError> {
        let number = house_number_key(q);
        let street_key = canonical(street);
        let key_of = |prefix: &str| (postcode.to_owned(), street_key.clone(), prefix.to_owned());
        let keep = |h: &String| house_number_key(h).starts_with(&number);
        by_prefix(&self.houses, self.freshness, self.counter("house_numbers"), key_of, &number, 0, keep, || async {
            let answer = self.post.houses(postcode, street, q.trim()).await?;
            let upstream_rows = answer.houses.len();
            Ok(Rows::new(answer.houses, upstream_rows))
        })
        .await
        .map(|(answer, _)| answer)
    }

    /// Validates an address; the official spelling comes back when it differs. Not cached: the answer
    /// carries an expiry of its own and the shopper asks once.
    pub async fn validate(&self, input: &AddressInput) -> Result<ValidationResult, UpstreamError> {
        Ok(self.validate_with_key(input).await?.0)
    }

    /// As [`Lookups::validate`], with the building's house key when Swiss Post certified the address (what
    /// pick@home orders a collection at).
    pub async fn validate_with_key(
        &self,
        input: &AddressInput,
    ) -> Result<(ValidationResult, Option<String>), UpstreamError> {
        let request = ValidationRequest {
            geographic_location: GeographicLocation {
                house: House {
                    street: Some(input.street.clone()),
                    house_number: Some(input.house_number.clone()),
                    ..House::default()
                },
                zip: ZipCity { zip: Some(input.postcode.clone()), city: Some(input.town.clone()) },
            },
            full_validation: true,
            ..ValidationRequest::default()
        };
        let answer = self.post.validate(&request).await?;
        let quality = match answer.quality {
            Quality::DomicileCertified | Quality::Certified => AddressQuality::Certified,
            Quality::Usable | Quality::Fixed => AddressQuality::Usable,
            Quality::Unusable | Quality::Unknown => AddressQuality::Unusable,
        };
        let official = &answer.address.geographic_location;
        let pick = |official: &Option<String>, entered: &str| {
            official.as_deref().filter(|o| !o.is_empty()).unwrap_or(entered).to_owned()
        };
        let spelled = AddressInput {
            postcode: pick(&official.zip.zip, &input.postcode),
            town: pick(&official.zip.city, &input.town),
            street: pick(&official.house.street, &input.street),
            house_number: pick(&official.house.house_number, &input.house_number),
        };
        let corrected = (quality != AddressQuality::Unusable && spelled != *input).then_some(spelled);
        let house_key = official.house.house_key.clone().filter(|_| quality == AddressQuality::Certified);
        Ok((ValidationResult { quality, corrected }, house_key))
    }
}

/// Puts the index's places and Swiss Post's localities into one list of at most [`MAX_AUTOCOMPLETE_ROWS`]:
/// the index's exact and prefix matches in its order (the exact place first), then what Swiss Post knows that
/// the shipped data does not (a locality newer than it), then the index's typo matches. A locality both know is
/// written as Swiss Post writes it. Swiss Post's answer is never cut to make room for a typo.
pub fn merge_places(found: &[Found<'_>], upstream: Vec<Locality>) -> Vec<Locality> {
    let same = |locality: &Locality, postcode: &str, town: &str| {
        locality.postcode == postcode && (locality.town == town || canonical(&locality.town) == canonical(town))
    };
    let mut merged: Vec<Locality> = Vec::with_capacity(MAX_AUTOCOMPLETE_ROWS);
    let from_index = |f: &Found<'_>| {
        let spelled = upstream.iter().find(|u| same(u, &f.place.postcode, &f.place.town));
        Locality {
            postcode: f.place.postcode.clone(),
            town: spelled.map_or_else(|| f.place.town.clone(), |u| u.town.clone()),
            other_name: f.other_name.map(str::to_owned),
        }
    };
    let typos_from = found.iter().position(|f| f.matched == Match::Typo).unwrap_or(found.len());
    merged.extend(found[..typos_from].iter().map(from_index));
    for locality in &upstream {
        if !merged.iter().any(|m| same(m, &locality.postcode, &locality.town)) {
            merged.push(locality.clone());
        }
    }
    for f in &found[typos_from..] {
        if !merged.iter().any(|m| same(m, &f.place.postcode, &f.place.town)) {
            merged.push(from_index(f));
        }
    }
    merged.truncate(MAX_AUTOCOMPLETE_ROWS);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(list: &[Locality]) -> Vec<String> {
        list.iter().map(Locality::suggestion).collect()
    }

    #[test]
    fn the_index_ranks_and_swiss_post_spells() {
        let places = Places::shipped();
        // Swiss Post answers "genf" with nothing: the index's Genève rows, with the name typed.
        let merged = merge_places(&places.search("Genf", 20), Vec::new());
        assert_eq!(rows(&merged)[0], "1201 Genève (Genf)");
        // Swiss Post's order for "st. gallen" puts the longer name first: the exact place comes first here.
        let upstream = vec![Locality::new("8735", "St. Gallenkappel"), Locality::new("9000", "St. Gallen")];
        let merged = merge_places(&places.search("St. Gallen", 20), upstream);
        assert_eq!(rows(&merged)[0], "9000 St. Gallen");
        // A locality Swiss Post writes otherwise is written its way; one the index lacks is kept.
        let upstream = vec![Locality::new("3011", "BERN"), Locality::new("3011", "Neuort")];
        let merged = merge_places(&places.search("3011", 20), upstream);
        assert_eq!(rows(&merged), ["3011 BERN", "3011 Neuort"]);
        // Typos come after all Swiss Post knows.
        let upstream = vec![Locality::new("8001", "Zürich")];
        let merged = merge_places(&places.search("zurch", 20), upstream);
        assert_eq!(rows(&merged)[0], "8001 Zürich");
    }

    #[test]
    fn splits_postcode_digits_from_the_name() {
        assert_eq!(zip_and_name("3011 bern"), ("3011", "bern"));
        assert_eq!(zip_and_name("bern"), ("", "bern"));
        assert_eq!(zip_and_name("30"), ("30", ""));
    }
}
