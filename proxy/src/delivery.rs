//! Delivery options for an address: Swiss Post's deliverabilities turned into the typed, priced list the
//! widget offers, filtered by what the shop sells and by what can still be ordered in time.
//!
//! Product codes map to kinds: `SKB` or `DIR` same day; `ZFZ…` a daytime window; `ZF…` (ten
//! characters) an evening window; `…,SA` Saturday; `PRI` standard; `ECO` economy. Other products
//! (Swiss-Express, combinations) are not offered. Answers are cached per address and day for ten minutes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use api::{AddressInput, DeliveryKind, DeliveryOption, PickupPoint};
use moka::future::Cache;
use swisspost::clock;
use swisspost::matching::canonical;
use time::PrimitiveDateTime;

use crate::config::DeliveryConfig;
use crate::error::UpstreamError;
use crate::lookup::Answer;
use crate::upstream::PostClient;

/// Days asked from the upstream: two weeks hold the configured number of delivery dates even around
/// holidays.
const UPSTREAM_DAY_COUNT: u8 = 21;

/// "0912" → "09:12"... for window codes: "ZFZ0912" → ("09:00", "12:00"), "ZF17301900" → ("17:30", "19:00").
fn window(code: &str) -> Option<(String, String)> {
    let hhmm = |s: &str| format!("{}:{}", &s[..2], &s[2..]);
    if let Some(hours) = code.strip_prefix("ZFZ").filter(|h| h.len() == 4 && h.bytes().all(|b| b.is_ascii_digit())) {
        return Some((format!("{}:00", &hours[..2]), format!("{}:00", &hours[2..])));
    }
    code.strip_prefix("ZF")
        .filter(|t| t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()))
        .map(|times| (hhmm(&times[..4]), hhmm(&times[4..])))
}

/// The kind of a comma-joined product code, and its window.
pub fn classify(product_code: &str) -> Option<(DeliveryKind, Option<(String, String)>)> {
    let codes: Vec<&str> = product_code.split(',').map(str::trim).collect();
    if codes.iter().any(|c| matches!(*c, "SKB" | "DIR")) {
        return Some((DeliveryKind::SameDay, None));
    }
    if let Some(span) = codes.iter().find_map(|c| window(c)) {
        let kind =
            if codes.iter().any(|c| c.starts_with("ZFZ")) { DeliveryKind::TimeWindow } else { DeliveryKind::Evening };
        return Some((kind, Some(span)));
    }
    match codes.as_slice() {
        ["PRI"] => Some((DeliveryKind::Standard, None)),
        ["ECO"] => Some((DeliveryKind::Economy, None)),
        [a, b] if (*a == "SA" && *b == "PRI") || (*a == "PRI" && *b == "SA") => Some((DeliveryKind::Saturday, None)),
        _ => None,
    }
}

fn at(date: &str, time: &str) -> Option<PrimitiveDateTime> {
    let (h, m) = time.split_once(':')?;
    let time = time::Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()?;
    Some(PrimitiveDateTime::new(clock::parse_iso_date(date)?, time))
}

/// The options of `days`, as the shop sells them, that can still be ordered at `now` (Swiss time).
pub fn options_from(
    answer: &swisspost::DeliverabilitiesResponse,
    config: &DeliveryConfig,
    days: usize,
    now: PrimitiveDateTime,
) -> Vec<DeliveryOption> {
    let mut options: Vec<DeliveryOption> = Vec::new();
    let mut dates: Vec<&str> = Vec::new();
    for day in &answer.days {
        let mut today: Vec<DeliveryOption> = day
            .deliverabilities
            .iter()
            .filter_map(|item| {
                let (kind, span) = classify(&item.product_code)?;
                let price = config.prices.get(&kind)?;
                let drop_off = item.drop_off_info.as_ref().map(|i| i.last_drop_off_time.clone());
                // The earlier of the shop's own cut-off and the upstream's latest drop-off.
                let order_by_time = match drop_off {
                    Some(drop_off) if drop_off < config.order_cutoff => drop_off,
                    _ => config.order_cutoff.clone(),
                };
                if at(&item.incoming_date, &order_by_time).is_none_or(|deadline| deadline <= now) {
                    return None;
                }
                let (window_start, window_end) = span.map_or((None, None), |(s, e)| (Some(s), Some(e)));
                Some(DeliveryOption {
                    id: format!("{}/{}", day.delivery_date, item.product_code),
                    kind,
                    date: day.delivery_date.clone(),
                    window_start,
                    window_end,
                    order_by_date: item.incoming_date.clone(),
                    order_by_time,
                    product_codes: item.product_code.split(',').map(|c| c.trim().to_owned()).collect(),
                    price_centimes: price.0,
                })
            })
            .collect();
        if today.is_empty() {
            continue;
        }
        if dates.len() == days {
            break;
        }
        dates.push(&day.delivery_date);
        today.sort_by(|a, b| (a.kind, &a.window_start).cmp(&(b.kind, &b.window_start)));
        // One option per kind and window and day: of two same-day products (SKB, DIR) the first stays.
        today.dedup_by(|later, first| later.kind == first.kind && later.window_start == first.window_start);
        options.append(&mut today);
    }
    options
}

/// Postcode, folded town, folded street, house number, and the Swiss date the answer was asked on.
type AddressDay = (String, String, String, String, String);

/// Delivery options with a cache per address and day.
pub struct DeliveryOptions {
    post: Arc<PostClient>,
    config: DeliveryConfig,
    /// Answers with the time they were fetched; fresh for ten minutes, kept for the day (the key holds
    /// the date) to stand in while the upstream fails.
    cache: Cache<AddressDay, Arc<(Instant, Option<swisspost::DeliverabilitiesResponse>)>>,
    fresh: Duration,
}

impl DeliveryOptions {
    pub fn new(post: Arc<PostClient>, config: DeliveryConfig) -> Self {
        let cache = Cache::builder().max_capacity(10_000).time_to_live(Duration::from_secs(24 * 3600)).build();
        Self { post, config, cache, fresh: Duration::from_secs(600) }
    }

    pub fn config(&self) -> &DeliveryConfig {
        &self.config
    }

    /// The options for `address` over the next `days` delivery dates (the shop's setting when `None`).
    pub async fn options(
        &self,
        address: &AddressInput,
        days: Option<u8>,
    ) -> Result<Answer<Vec<DeliveryOption>>, UpstreamError> {
        let now = clock::zurich_now();
        let key = (
            address.postcode.clone(),
            canonical(&address.town),
            canonical(&address.street),
            address.house_number.to_lowercase(),
            clock::iso_date(now.date()),
        );
        let mut stand_in = None;
        if let Some(cached) = self.cache.get(&key).await
            && cached.0.elapsed() >= self.fresh
        {
            stand_in = Some(cached);
            self.cache.invalidate(&key).await;
        }
        let fetched = self
            .cache
            .try_get_with(key, async {
                let answer = self.post.deliverabilities(address, UPSTREAM_DAY_COUNT).await?;
                Ok::<_, UpstreamError>(Arc::new((Instant::now(), answer)))
            })
            .await;
        let (entry, stale) = match (fetched, stand_in) {
            (Ok(entry), _) => (entry, false),
            (Err(error), Some(older)) => {
                tracing::warn!(%error, "upstream failed; serving stale delivery options");
                (older, true)
            }
            (Err(error), None) => return Err((*error).clone()),
        };
        let days = usize::from(days.unwrap_or(self.config.days).min(self.config.days));
        let now = PrimitiveDateTime::new(now.date(), now.time());
        let value = entry.1.as_ref().map(|a| options_from(a, &self.config, days, now)).unwrap_or_default();
        Ok(Answer { value, stale })
    }
}

impl DeliveryOptions {
    /// The first option of `kind` for a parcel ordered now to `address`; `None` when the upstream cannot place
    /// the address or the shop does not sell `kind`.
    pub async fn first_option(&self, address: &AddressInput, kind: DeliveryKind) -> Option<DeliveryOption> {
        let options = self.options(address, None).await.ok()?;
        options.value.into_iter().find(|o| o.kind == kind)
    }

    /// Sets each point's `arrives_on` and `price_centimes`: when a parcel of `kind` ordered now reaches it and
    /// what the shop charges for it (one cached lookup per point's address, all at once).
    pub async fn set_arrivals(&self, points: &mut [PickupPoint], kind: DeliveryKind) {
        let addresses: Vec<AddressInput> = points
            .iter()
            .map(|p| {
                let (street, house_number) = api::split_street(&p.street);
                AddressInput { postcode: p.postcode.clone(), town: p.town.clone(), street, house_number }
            })
            .collect();
        let firsts = futures_util::future::join_all(addresses.iter().map(|a| self.first_option(a, kind))).await;
        for (point, first) in points.iter_mut().zip(firsts) {
            point.arrives_on = first.as_ref().map(|o| o.date.clone());
            point.price_centimes = first.map(|o| o.price_centimes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use swisspost::{Activity, DeliverabilitiesResponse, Deliverability, DeliveryDay, DropOffInfo};
    use time::macros::datetime;

    #[test]
    fn product_codes_to_kinds_and_windows() {
        assert_eq!(classify("PRI"), Some((DeliveryKind::Standard, None)));
        assert_eq!(classify("ECO"), Some((DeliveryKind::Economy, None)));
        assert_eq!(classify("PRI,SA"), Some((DeliveryKind::Saturday, None)));
        assert_eq!(classify("ZFZ0912,PRI"), Some((DeliveryKind::TimeWindow, Some(("09:00".into(), "12:00".into())))));
        assert_eq!(classify("ZF17301900,PRI"), Some((DeliveryKind::Evening, Some(("17:30".into(), "19:00".into())))));
        assert_eq!(classify("SKB"), Some((DeliveryKind::SameDay, None)));
        assert_eq!(classify("AZS,DIR"), Some((DeliveryKind::SameDay, None)));
        assert_eq!(classify("SEM"), None);
        assert_eq!(classify("AZS,PRI"), None);
    }

    fn item(incoming: &str, code: &str, drop_off: Option<&str>) -> Deliverability {
        Deliverability {
            incoming_date: incoming.into(),
            product_code: code.into(),
            drop_off_info: drop_off.map(|t| DropOffInfo { drop_off_point: None, last_drop_off_time: t.into() }),
        }
    }

    fn answer() -> DeliverabilitiesResponse {
        let day =
            |date: &str, activity, items| DeliveryDay { delivery_date: date.into(), deliverabilities: items, activity };
        DeliverabilitiesResponse {
            days: vec![
                day(
                    "2026-12-08",
                    Activity::Work,
                    vec![item("2026-12-08", "SKB", Some("12:00")), item("2026-12-07", "PRI", None)],
                ),
                day(
                    "2026-12-09",
                    Activity::Work,
                    vec![
                        item("2026-12-08", "ZF18302000,PRI", None),
                        item("2026-12-08", "PRI", None),
                        item("2026-12-08", "ZF17301900,PRI", None),
                        item("2026-12-08", "SEM", None),
                    ],
                ),
                day("2026-12-13", Activity::Sunday, vec![]),
                day("2026-12-12", Activity::Work, vec![item("2026-12-11", "PRI,SA", None)]),
            ],
            quality: None,
            delivery_to_the_door: None,
        }
    }

    #[test]
    fn only_what_can_still_be_ordered_sorted_and_priced() {
        let config = DeliveryConfig::default();
        // Tuesday 8 December 2026, 10:00: today's same-day (by 12:00) still works, yesterday's PRI does not.
        let options = options_from(&answer(), &config, 7, datetime!(2026-12-08 10:00));
        let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2026-12-08/SKB",
                "2026-12-09/PRI",
                "2026-12-09/ZF17301900,PRI",
                "2026-12-09/ZF18302000,PRI",
                "2026-12-12/PRI,SA"
            ]
        );
        let same_day = &options[0];
        assert_eq!((same_day.order_by_date.as_str(), same_day.order_by_time.as_str()), ("2026-12-08", "12:00"));
        let evening = &options[2];
        assert_eq!((evening.window_start.as_deref(), evening.window_end.as_deref()), (Some("17:30"), Some("19:00")));
        assert_eq!(evening.price_centimes, 900);
        assert_eq!(evening.product_codes, ["ZF17301900", "PRI"]);

        // At 13:00 the same-day hand-in has passed; at 14:00 the shop's cut-off for tomorrow's too.
        let later = options_from(&answer(), &config, 7, datetime!(2026-12-08 13:00));
        assert!(later.iter().all(|o| o.kind != DeliveryKind::SameDay));
        let after_cutoff = options_from(&answer(), &config, 7, datetime!(2026-12-08 14:00));
        assert_eq!(after_cutoff.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["2026-12-12/PRI,SA"]);
    }

    #[test]
    fn only_kinds_the_shop_sells_and_only_so_many_days() {
        let mut config = DeliveryConfig::default();
        config.prices.remove(&DeliveryKind::Evening);
        let options = options_from(&answer(), &config, 2, datetime!(2026-12-07 08:00));
        assert!(options.iter().all(|o| o.kind != DeliveryKind::Evening));
        let dates: std::collections::BTreeSet<&str> = options.iter().map(|o| o.date.as_str()).collect();
        assert_eq!(dates.len(), 2);
    }
}
