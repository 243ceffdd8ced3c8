//! Pickup points: the location service's PickPost points, My Post 24 terminals and post offices, kept as
//! one national index (refreshed hourly, served stale while the upstream fails), answered per bounding box
//! as points (nearest first, with opening hours) or, above [`api::PICKUP_MAX_POINTS`], as clusters; places
//! by postcode or name; and the shopper's PickPost / My Post 24 user id.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::{
    IdentityCheck, OpeningDay, PickupCluster, PickupKind, PickupPlace, PickupPoint, PickupPointsResponse, PickupUser,
    PickupUserRequest,
};
use moka::future::Cache;
use swisspost::location::{
    FindResponse, GeocodeResponse, SWITZERLAND_EXTENT, TypesResponse, UserDetails, UserNotification, UserRequest,
    geocode_kind, path, service, type_id, verified,
};

use crate::error::UpstreamError;
use crate::lookup::Answer;
use crate::upstream::PostClient;

/// How long the national index and opening hours are fresh.
const INDEX_FRESH: Duration = Duration::from_secs(3_600);
const HOURS_FRESH: Duration = Duration::from_secs(24 * 3_600);
/// Cells per side of the clustering grid.
const GRID: usize = 8;

fn kind_of(type_id: &str) -> Option<PickupKind> {
    match type_id {
        type_id::PICKPOST => Some(PickupKind::PickPost),
        type_id::MY_POST_24 => Some(PickupKind::MyPost24),
        type_id::POST_OFFICE => Some(PickupKind::PostOffice),
        _ => None,
    }
}

/// Every point of the three kinds in Switzerland, without opening hours.
struct Index {
    points: Vec<PickupPoint>,
}

pub struct Pickup {
    post: Arc<PostClient>,
    index: Cache<(), Arc<Index>>,
    last_index: Mutex<Option<Arc<Index>>>,
    hours: Cache<String, Arc<(Vec<OpeningDay>, bool)>>,
}

/// Metres between two positions (haversine, mean Earth radius).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> u32 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    (2.0 * 6_371_000.0 * h.sqrt().asin()).round() as u32
}

/// Clusters of the points on a grid over `bbox`: one per non-empty cell.
pub fn cluster(points: &[&PickupPoint], bbox: [f64; 4]) -> Vec<PickupCluster> {
    let [min_lon, min_lat, max_lon, max_lat] = bbox;
    let cell = |value: f64, min: f64, max: f64| (((value - min) / (max - min) * GRID as f64) as usize).min(GRID - 1);
    let mut cells: Vec<Vec<&PickupPoint>> = vec![Vec::new(); GRID * GRID];
    for point in points {
        cells[cell(point.lat, min_lat, max_lat) * GRID + cell(point.lon, min_lon, max_lon)].push(point);
    }
    cells
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let n = c.len() as f64;
            let fold = |init: f64, f: fn(f64, f64) -> f64, get: fn(&PickupPoint) -> f64| {
                c.iter().map(|p| get(p)).fold(init, f)
            };
            PickupCluster {
                lat: c.iter().map(|p| p.lat).sum::<f64>() / n,
                lon: c.iter().map(|p| p.lon).sum::<f64>() / n,
                count: c.len() as u32,
                bbox: [
                    fold(f64::MAX, f64::min, |p| p.lon),
                    fold(f64::MAX, f64::min, |p| p.lat),
                    fold(f64::MIN, f64::max, |p| p.lon),
                    fold(f64::MIN, f64::max, |p| p.lat),
                ],
            }
        })
        .collect()
}

/// Reads the `Poi` XML's weekly opening hours, Monday..Sunday, and whether they are generated: the normal
/// counter's (`CounterTypeId` 0011, else the first counter), in the opening period that holds `today` (else
/// the first), one time slice per `OpeningHours` element, times cut to `HH:MM` (the live XML writes seconds).
pub fn opening_hours_from_poi(xml: &str, today: &str) -> Option<(Vec<OpeningDay>, bool)> {
    const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let document = roxmltree::Document::parse(xml).ok()?;
    let text_of = |node: roxmltree::Node, name: &str| {
        node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).map(str::trim).map(str::to_owned)
    };
    let counters: Vec<roxmltree::Node> =
        document.root_element().children().filter(|c| c.has_tag_name("Counter")).collect();
    let counter = counters
        .iter()
        .find(|c| c.attribute("CounterTypeId") == Some(swisspost::location::NORMAL_COUNTER))
        .or(counters.first());
    let mut week: Vec<OpeningDay> = (1..=7).map(|weekday| OpeningDay { weekday, spans: Vec::new() }).collect();
    let Some(counter) = counter else { return Some((week, false)) };
    let periods: Vec<roxmltree::Node> = counter.children().filter(|c| c.has_tag_name("OpeningPeriods")).collect();
    let holds_today = |period: &&roxmltree::Node| {
        text_of(**period, "DateFrom").unwrap_or_default().as_str() <= today
            && today <= text_of(**period, "DateTo").unwrap_or_else(|| "9999".into()).as_str()
    };
    let Some(period) = periods.iter().find(holds_today).or(periods.first()) else { return Some((week, false)) };
    let generated = period.attribute("GeneratedHours") == Some("true");
    let hh_mm = |time: String| time.get(..5).map(str::to_owned).unwrap_or(time);
    for hours in period.children().filter(|n| n.has_tag_name("OpeningHours")) {
        let spans: Vec<[String; 2]> = hours
            .children()
            .filter(|c| c.has_tag_name("Timeslice"))
            .filter_map(|slice| Some([hh_mm(text_of(slice, "TimeFrom")?), hh_mm(text_of(slice, "TimeUntil")?)]))
            .collect();
        for (index, day) in DAYS.iter().enumerate() {
            if text_of(hours, day).as_deref() == Some("true") {
                week[index].spans.extend(spans.iter().cloned());
            }
        }
    }
    for day in &mut week {
        day.spans.sort();
    }
    Some((week, generated))
}

impl Pickup {
    pub fn new(post: Arc<PostClient>) -> Self {
        Self {
            post,
            index: Cache::builder().max_capacity(1).time_to_live(INDEX_FRESH).build(),
            last_index: Mutex::new(None),
            hours: Cache::builder().max_capacity(20_000).time_to_live(HOURS_FRESH).build(),
        }
    }

    async fn fetch_index(&self) -> Result<Arc<Index>, UpstreamError> {
        let types: TypesResponse =
            self.post.location_json(path::TYPES, &[("lang", "de")]).await?.ok_or(UpstreamError::Status(404))?;
        // Tags differ between replies: map them through `Types` every time.
        let tags: Vec<(&str, PickupKind)> =
            types.types.iter().filter_map(|t| kind_of(&t.id).map(|k| (t.tag.as_str(), k))).collect();
        let query = tags.iter().map(|(tag, _)| *tag).collect::<Vec<_>>().join(",");
        let extent = SWITZERLAND_EXTENT.map(|v| v.to_string()).join(",");
        let params = [
            ("extent", extent.as_str()),
            ("query", query.as_str()),
            ("clusterdist", "0"),
            ("agglevel", "0"),
            ("lang", "de"),
            ("maxpois", "10000"),
            ("encoding", "UTF-8"),
            ("autoexpand", "false"),
        ];
        let found: FindResponse =
            self.post.location_json(path::FIND, &params).await?.ok_or(UpstreamError::Status(404))?;
        let points = found
            .pois
            .into_iter()
            .filter_map(|poi| {
                let kind = tags.iter().find(|(tag, _)| *tag == poi.tag)?.1;
                Some(PickupPoint {
                    id: poi.id,
                    kind,
                    name: poi.name,
                    street: poi.info.street,
                    postcode: poi.info.zip,
                    town: poi.info.city,
                    lat: poi.y,
                    lon: poi.x,
                    distance_m: None,
                    opening_hours: Vec::new(),
                    synthetic: poi.info.synthetic,
                    hours_synthetic: false,
                    arrives_on: None,
                    price_centimes: None,
                })
            })
            .collect();
        Ok(Arc::new(Index { points }))
    }

    /// The national index: cached, fetched once for concurrent callers, the last one while the upstream fails.
    async fn index(&self) -> Result<Answer<Arc<Index>>, UpstreamError> {
        match self.index.try_get_with((), self.fetch_index()).await {
            Ok(index) => {
                if let Ok(mut last) = self.last_index.lock() {
                    *last = Some(index.clone());
                }
                Ok(Answer { value: index, stale: false })
            }
            Err(error) => {
                let last = self.last_index.lock().ok().and_then(|last| last.clone());
                match last {
                    Some(index) => {
                        tracing::warn!(%error, "location service failed; serving the last pickup points");
                        Ok(Answer { value: index, stale: true })
                    }
                    None => Err((*error).clone()),
                }
            }
        }
    }

    async fn hours_of(&self, id: &str) -> Arc<(Vec<OpeningDay>, bool)> {
        let fetch = async {
            let xml = self.post.location_text(path::POI, &[("id", id), ("lang", "de")]).await?;
            let today = swisspost::clock::iso_date(swisspost::clock::zurich_now().date());
            let hours = xml.as_deref().and_then(|xml| opening_hours_from_poi(xml, &today));
            Ok::<_, UpstreamError>(Arc::new(hours.unwrap_or_default()))
        };
        // Opening hours are extra: without them the point is still listed.
        self.hours.try_get_with(id.to_owned(), fetch).await.unwrap_or_default()
    }

    /// The points of `kinds` in `bbox`: nearest to `near` (else the box's centre) first, with opening hours,
    /// or clusters when there are more than [`api::PICKUP_MAX_POINTS`].
    pub async fn points(
        &self,
        bbox: [f64; 4],
        kinds: &[PickupKind],
        near: Option<(f64, f64)>,
    ) -> Result<Answer<PickupPointsResponse>, UpstreamError> {
        let index = self.index().await?;
        let [min_lon, min_lat, max_lon, max_lat] = bbox;
        let inside: Vec<&PickupPoint> = index
            .value
            .points
            .iter()
            .filter(|p| kinds.contains(&p.kind))
            .filter(|p| p.lon >= min_lon && p.lon <= max_lon && p.lat >= min_lat && p.lat <= max_lat)
            .collect();
        let total = inside.len() as u32;
        if inside.len() > api::PICKUP_MAX_POINTS {
            let clusters = cluster(&inside, bbox);
            return Ok(Answer { value: PickupPointsResponse { points: vec![], clusters, total }, stale: index.stale });
        }
        let centre = near.unwrap_or(((min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0));
        let mut points: Vec<PickupPoint> = inside
            .into_iter()
            .map(|p| PickupPoint { distance_m: Some(distance_m(centre, (p.lat, p.lon))), ..p.clone() })
            .collect();
        points.sort_by_key(|p| (p.distance_m, p.id.clone()));
        if near.is_none() {
            for point in &mut points {
                point.distance_m = None;
            }
        }
        let hours = futures_util::future::join_all(points.iter().map(|p| self.hours_of(&p.id))).await;
        for (point, hours) in points.iter_mut().zip(hours) {
            point.opening_hours = hours.0.clone();
            point.hours_synthetic = hours.1;
        }
        Ok(Answer { value: PickupPointsResponse { points, clusters: vec![], total }, stale: index.stale })
    }

    /// The point with Swiss Post's id `id`, when the location service lists it.
    pub async fn point(&self, id: &str) -> Result<Option<PickupPoint>, UpstreamError> {
        let index = self.index().await?;
        Ok(index.value.points.iter().find(|p| p.id == id).cloned())
    }

    /// The point called `name` (as tracking names where a parcel waits), with its opening hours.
    pub async fn point_named(&self, name: &str) -> Result<Option<PickupPoint>, UpstreamError> {
        let index = self.index().await?;
        let Some(point) = index.value.points.iter().find(|p| p.name == name).cloned() else { return Ok(None) };
        let hours = self.hours_of(&point.id).await;
        Ok(Some(PickupPoint { opening_hours: hours.0.clone(), hours_synthetic: hours.1, ..point }))
    }

    /// The point of `kind` at an address (a postcode and the street with its number, as a shopper's saved
    /// address names it), however the two spell "strasse".
    pub async fn point_at(
        &self,
        kind: PickupKind,
        postcode: &str,
        street: &str,
    ) -> Result<Option<PickupPoint>, UpstreamError> {
        let index = self.index().await?;
        let wanted = swisspost::matching::canonical(street);
        let found =
            index.value.points.iter().find(|p| {
                p.kind == kind && p.postcode == postcode && swisspost::matching::canonical(&p.street) == wanted
            });
        Ok(found.cloned())
    }

    /// Places for a postcode or name, to centre the map on. A name Swiss Post does not know but the shipped
    /// index of places does ("Genf", "Lausane") is asked as the official name it found ("Genève").
    pub async fn places(&self, query: &str) -> Result<Vec<PickupPlace>, UpstreamError> {
        let best = places::Places::shipped().search(query, 1);
        let query = match best.first() {
            Some(found) if found.other_name.is_some() || found.matched == places::Match::Typo => &found.place.town,
            _ => query,
        };
        let found: Option<GeocodeResponse> = self
            .post
            .location_json(path::GEOCODE, &[("query", query), ("lang", "de"), ("pois", ""), ("limit", "20")])
            .await?;
        Ok(found
            .map(|f| f.locations)
            .unwrap_or_default()
            .into_iter()
            // Places, not points (`pois=` empty asks for none; INFERRED that the live service honours it).
            .filter(|l| l.kind != geocode_kind::POI)
            .take(5)
            .map(|l| PickupPlace { name: l.name, lat: l.pt[1], lon: l.pt[0], bbox: l.bbox })
            .collect())
    }

    /// The shopper's user id for a point of `kind`, and the label's `name2` line.
    pub async fn user(&self, shopper: &PickupUserRequest, kind: PickupKind) -> Result<PickupUser, UpstreamError> {
        let request = UserRequest {
            user_details: UserDetails {
                gender: None,
                first_name: shopper.first_name.clone(),
                last_name: shopper.last_name.clone(),
                language: shopper.language.to_uppercase(),
            },
            address: None,
            notification: UserNotification { notify_mode: "EMAIL".into(), email: shopper.email.clone() },
            service: if kind == PickupKind::MyPost24 { service::MY_POST_24 } else { service::PICKPOST }.into(),
        };
        let answer = self.post.pickpost_user(&request).await?.ok_or(UpstreamError::Status(404))?;
        let verified = if answer.verified == verified::NONE { IdentityCheck::None } else { IdentityCheck::Checked };
        Ok(PickupUser { name2: format!("{} {}", kind.name2_prefix(), answer.id), id: answer.id, verified })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_opening_hours_from_poi_xml() {
        // The business counter and last year's period are passed over; seconds are cut.
        let xml = r#"<POI><Counter CounterTypeId="0013"><OpeningPeriods><DateFrom>2026-01-01</DateFrom><DateTo>2026-12-31</DateTo><OpeningHours><Sunday>true</Sunday><Timeslice><TimeFrom>01:00:00</TimeFrom><TimeUntil>02:00:00</TimeUntil></Timeslice></OpeningHours></OpeningPeriods></Counter><Counter CounterTypeId="0011"><OpeningPeriods><DateFrom>2025-01-01</DateFrom><DateTo>2025-12-31</DateTo><OpeningHours><Sunday>true</Sunday><Timeslice><TimeFrom>03:00:00</TimeFrom><TimeUntil>04:00:00</TimeUntil></Timeslice></OpeningHours></OpeningPeriods><OpeningPeriods GeneratedHours="true"><DateFrom>2026-01-01</DateFrom><DateTo>2027-12-31</DateTo><OpeningHours><Monday>true</Monday><Tuesday>false</Tuesday><Saturday>false</Saturday><Timeslice><TimeFrom>08:00:00</TimeFrom><TimeUntil>12:00:00</TimeUntil></Timeslice></OpeningHours><OpeningHours><Monday>true</Monday><Timeslice><TimeFrom>13:30:00</TimeFrom><TimeUntil>18:00:00</TimeUntil></Timeslice></OpeningHours><OpeningHours><Saturday>true</Saturday><Timeslice><TimeFrom>09:00</TimeFrom><TimeUntil>16:00</TimeUntil></Timeslice></OpeningHours></OpeningPeriods></Counter></POI>"#;
        let (week, generated) = opening_hours_from_poi(xml, "2026-12-01").unwrap();
        assert!(generated);
        let span = |from: &str, until: &str| [from.to_owned(), until.to_owned()];
        assert_eq!(week[0].spans, vec![span("08:00", "12:00"), span("13:30", "18:00")]);
        assert!(week[1].spans.is_empty());
        assert_eq!(week[5].spans, vec![span("09:00", "16:00")]);
        assert!(week[6].spans.is_empty(), "neither the business counter nor last year's hours");
        assert!(opening_hours_from_poi("<not xml", "2026-12-01").is_none());
    }

    #[test]
    fn distances_and_clusters() {
        // Bern to Zurich main stations: about 95 km.
        let d = distance_m((46.9490, 7.4391), (47.3779, 8.5403));
        assert!((94_000..97_000).contains(&d), "{d}");
        let point = |lat: f64, lon: f64| PickupPoint {
            id: format!("{lat}{lon}"),
            kind: PickupKind::PickPost,
            name: String::new(),
            street: String::new(),
            postcode: String::new(),
            town: String::new(),
            lat,
            lon,
            distance_m: None,
            opening_hours: vec![],
            synthetic: true,
            hours_synthetic: true,
            arrives_on: None,
            price_centimes: None,
        };
        let points = [point(46.0, 6.0), point(46.01, 6.01), point(47.5, 10.0)];
        let refs: Vec<&PickupPoint> = points.iter().collect();
        let clusters = cluster(&refs, SWITZERLAND_EXTENT);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters.iter().map(|c| c.count).sum::<u32>(), 3);
    }
}
