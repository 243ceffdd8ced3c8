//! The pickup part: PickPost points, My Post 24 terminals and post offices on a Leaflet map and in a
//! listbox, kept in step both ways (choosing in the list centres the map; choosing a marker makes its entry
//! the active one). The listbox alone is a complete way to choose. It opens on the points around the entered
//! address, nearest first with their distance and the day a parcel can be collected there; without an
//! address, on the whole country until the shopper searches a place or asks for "Near me".
//!
//! Choosing a point asks the proxy for the shopper's PickPost / My Post 24 user id; the selection then
//! carries the point, its address and the label's `name2` line. Home delivery clears it at once (the
//! parent does that).
//!
//! The pieces, one file each: `state` (what the pieces share and the lookups that fill it), `shopper` (name
//! and e-mail, the user id), `filters` (kinds, place search, "Near me"), `list` (the listbox and its
//! entries), `hours` (opening hours and the collection day), `map` (Leaflet), `map_pane` (the map beside the list),
//! `texts`.

mod filters;
mod hours;
mod list;
mod map;
mod map_pane;
mod shopper;
mod state;
mod texts;

use api::{AddressSelection, DeliveryKind, PickupPoint, PickupSelection};
use leptos::prelude::*;

pub use map::load_leaflet;
pub use state::SWITZERLAND;
pub use texts::PickupStrings;

use crate::Shopper;
use crate::a11y::unique_id;
use crate::context::{HiddenField, checkout};
use filters::Filters;
use list::PointList;
use map_pane::MapPane;
use shopper::{ShopperDetails, ShopperFields, UserIdRequest};
use state::PickupState;

/// Where the map's files and tiles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSetup {
    /// URLs of Leaflet's `leaflet.js` and `leaflet.css` (the npm package's `dist`).
    pub leaflet_script: String,
    pub leaflet_style: String,
    /// Tile URL template; `None` draws Switzerland's outline only (offline).
    pub tiles: Option<String>,
}

#[component]
pub fn PickupChoice(
    /// The home address from the address part: the part opens around it.
    #[prop(into)]
    home: Signal<AddressSelection>,
    /// The product the parcel travels with (standard or economy): each point says when it arrives there.
    #[prop(into)]
    product: Signal<DeliveryKind>,
    /// The chosen point.
    chosen: RwSignal<Option<PickupSelection>>,
    shopper: Shopper,
    map_setup: MapSetup,
) -> impl IntoView {
    let lang = checkout().lang;
    let state = PickupState::new();
    state.follow_home(home);
    state.load_points(product);
    let user = UserIdRequest::new(ShopperDetails::new(shopper), chosen);
    let ask_user = user.asker();
    let choose = Callback::new(move |point: PickupPoint| {
        state.announcement.set(lang.get_untracked().pickup().selected.replace("{name}", &point.name));
        chosen.set(Some(PickupSelection::at(&point)));
        ask_user();
    });
    let (heading_id, status_id) = (unique_id("pickup-heading"), unique_id("pickup-status"));
    let value_of = move |field: fn(&PickupSelection) -> String| {
        Signal::derive(move || chosen.with(|c| c.as_ref().map(field).unwrap_or_default()))
    };
    view! {
        <section class="sc-pickup" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone() class="sc-pickup__heading">{move || lang.get().pickup().heading}</h2>
            <ShopperFields details=user.details />
            <p id=status_id.clone() class="sc-pickup__status" role="status" aria-live="polite">
                {move || state.announcement.get()}
            </p>
            <div class="sc-pickup__panes">
                <PointList state=state chosen=chosen on_choose=choose user_status=user.status status_id=status_id />
                <Filters state=state />
                <MapPane state=state setup=map_setup />
            </div>
            <HiddenField name=api::form::PICKUP_POINT_ID value=value_of(|c| c.point_id.clone()) />
            <HiddenField name=api::form::PICKUP_KIND value=value_of(|c| c.kind.name().to_owned()) />
            <HiddenField name=api::form::PICKUP_USER_ID value=value_of(|c| c.user.as_ref().map(|u| u.id.clone()).unwrap_or_default()) />
            <HiddenField name=api::form::PICKUP_NAME2 value=value_of(|c| c.user.as_ref().map(|u| u.name2.clone()).unwrap_or_default()) />
            <HiddenField name=api::form::PICKUP_PRODUCT value=Signal::derive(move || api::delivery_kind_name(product.get()).to_owned()) />
            <HiddenField name=api::form::PICKUP_PRICE_CENTIMES value=value_of(|c| c.price_centimes.map(|p| p.to_string()).unwrap_or_default()) />
            <HiddenField name=api::form::PICKUP_READY_ON value=value_of(|c| c.ready_on.clone().unwrap_or_default()) />
        </section>
    }
}
