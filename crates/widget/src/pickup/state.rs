//! The pickup part's state, shared by its pieces (filters, list, map): the box on the map, the kinds shown,
//! where distances are measured from, the points found and the active one. And the two lookups that fill
//! it: where the home address is, and the points in the box.

use api::{AddressSelection, DeliveryKind, PickupKind, PickupPoint, PickupPointsResponse};
use leptos::prelude::*;

use super::map::PickupMap;
use crate::a11y::unique_id;
use crate::context::checkout;
use crate::latest::Latest;

/// Switzerland with a margin: minLon, minLat, maxLon, maxLat.
pub const SWITZERLAND: [f64; 4] = [5.9, 45.8, 10.5, 47.85];

/// A box of about 6 by 7 km around a position (minLon, minLat, maxLon, maxLat): where the nearest points are.
fn around(lat: f64, lon: f64) -> [f64; 4] {
    [lon - 0.04, lat - 0.03, lon + 0.04, lat + 0.03]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    Loading,
    Loaded,
    Failed,
}

#[derive(Clone, Copy)]
pub struct PickupState {
    pub kinds: RwSignal<Vec<PickupKind>>,
    pub bbox: RwSignal<[f64; 4]>,
    /// Where the shopper is, when they asked ("Near me").
    pub my_position: RwSignal<Option<(f64, f64)>>,
    /// Where the home address is.
    pub home_position: RwSignal<Option<(f64, f64)>>,
    /// The place the shopper searched.
    pub looked_at: RwSignal<Option<(f64, f64)>>,
    pub answer: RwSignal<PickupPointsResponse>,
    pub load: RwSignal<Load>,
    /// The point the list's active descendant and the map's marked marker show.
    pub active: RwSignal<Option<String>>,
    /// What the status line says (and a screen reader announces).
    pub announcement: RwSignal<String>,
    pub map: StoredValue<Option<PickupMap>, LocalStorage>,
    /// Prefix of the list's option ids.
    list_id: StoredValue<String>,
}

impl PickupState {
    pub fn new() -> Self {
        Self {
            kinds: RwSignal::new(PickupKind::ALL.to_vec()),
            bbox: RwSignal::new(SWITZERLAND),
            my_position: RwSignal::new(None),
            home_position: RwSignal::new(None),
            looked_at: RwSignal::new(None),
            answer: RwSignal::new(PickupPointsResponse::default()),
            load: RwSignal::new(Load::Loading),
            active: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            map: StoredValue::new_local(None),
            list_id: StoredValue::new(unique_id("pickup-list")),
        }
    }

    pub fn list_id(self) -> String {
        self.list_id.get_value()
    }

    /// The element id of a point's list entry.
    pub fn option_id(self, point_id: &str) -> String {
        format!(
            "{}-{}",
            self.list_id.with_value(Clone::clone),
            point_id.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        )
    }

    /// Shows `bbox`: its points are asked for, and the map moves there. (Also called when an answer arrives:
    /// if the part was closed meanwhile, it does nothing.)
    pub fn show_box(self, bbox: [f64; 4]) {
        self.bbox.set(bbox);
        self.map.try_with_value(|m| {
            if let Some(m) = m {
                m.fit(bbox)
            }
        });
    }

    /// Shows the points around a position, nearest first.
    pub fn show_around(self, lat: f64, lon: f64) {
        self.show_box(around(lat, lon));
    }

    /// Makes `point` the active one: its entry scrolled into view, the map centred on it.
    pub fn activate(self, point: &PickupPoint) {
        self.mark(&point.id);
        self.map.with_value(|m| {
            if let Some(m) = m {
                m.centre_on(point)
            }
        });
    }

    /// Makes the point with `id` the active one (chosen on the map): its entry scrolled into view.
    pub fn mark(self, id: &str) {
        self.active.set(Some(id.to_owned()));
        let entry = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&self.option_id(id)));
        if let Some(entry) = entry {
            entry.scroll_into_view_with_bool(false);
        }
    }

    /// The active point, when it is in the list.
    pub fn active_point(self) -> Option<PickupPoint> {
        let id = self.active.get()?;
        self.answer.with(|a| a.points.iter().find(|p| p.id == id).cloned())
    }

    /// Finds where the home address is: the part opens on the points around it, unless the shopper has
    /// already searched a place or asked for "Near me".
    pub fn follow_home(self, home: Signal<AddressSelection>) {
        let client = checkout().client;
        Effect::new(move |_| {
            let home = home.get();
            if home.postcode.len() != 4 || home.town.is_empty() {
                return;
            }
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let Ok(found) = client.pickup_places(&format!("{} {}", home.postcode, home.town)).await else {
                    return;
                };
                let Some(place) = found.places.first() else { return };
                self.home_position.set(Some((place.lat, place.lon)));
                // `try_`: the shopper may have closed the part while the answer came.
                let elsewhere =
                    self.looked_at.try_get_untracked().flatten().or(self.my_position.try_get_untracked().flatten());
                if elsewhere.is_none() && self.looked_at.try_get_untracked().is_some() {
                    self.show_around(place.lat, place.lon);
                }
            });
        });
    }

    /// Asks for the points in the box, of the kinds shown, with their distance and the day a parcel of
    /// `product` arrives; an older answer never replaces a newer one.
    pub fn load_points(self, product: Signal<DeliveryKind>) {
        let checkout = checkout();
        let (client, lang) = (checkout.client, checkout.lang);
        let latest = Latest::new();
        // Distances are measured from where the shopper is, else from home, else from the searched place.
        let near = Memo::new(move |_| self.my_position.get().or(self.home_position.get()).or(self.looked_at.get()));
        Effect::new(move |_| {
            let (bbox, kinds, near, product) = (self.bbox.get(), self.kinds.get(), near.get(), product.get());
            self.load.set(Load::Loading);
            let client = client.clone();
            let lookup = async move { client.pickup_points(bbox, &kinds, near, product).await };
            latest.spawn(lookup, move |result| {
                let strings = lang.get_untracked().pickup();
                let Ok(found) = result else {
                    self.announcement.set(strings.failed.to_owned());
                    self.load.set(Load::Failed);
                    return;
                };
                let text = if !found.clusters.is_empty() {
                    strings.zoom_in.replace("{n}", &found.total.to_string())
                } else if found.points.is_empty() {
                    strings.none_here.to_owned()
                } else if found.points.len() == 1 {
                    strings.count_one.to_owned()
                } else {
                    strings.count_many.replace("{n}", &found.points.len().to_string())
                };
                self.announcement.set(text);
                self.answer.set(found);
                self.load.set(Load::Loaded);
            });
        });
    }
}
