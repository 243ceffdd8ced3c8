//! The map beside the list: built once its element exists (Leaflet loaded, the outline fetched); its moves
//! ask for the points in view, its markers follow the answer and the active point, and choosing a marker
//! activates its entry. Without Leaflet the list alone still works.

use leptos::html::Div;
use leptos::prelude::*;

use super::MapSetup;
use super::map::{PickupMap, load_leaflet};
use super::state::PickupState;
use crate::context::checkout;

#[component]
pub fn MapPane(state: PickupState, setup: MapSetup) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let (client, setup) = (client.clone(), setup.clone());
        leptos::task::spawn_local(async move {
            if load_leaflet(&setup.leaflet_script, &setup.leaflet_style).await.is_err() {
                return;
            }
            let outline = client.switzerland_outline().await.ok();
            // The shopper may have closed the part meanwhile: its state is gone, and nothing is built.
            let Some(bbox) = state.bbox.try_get_untracked() else { return };
            let on_move = move |moved| state.bbox.set(moved);
            let built = PickupMap::new(&element, bbox, outline.as_ref(), setup.tiles.as_deref(), on_move);
            if let Ok(built) = built {
                state.map.try_set_value(Some(built));
                state.answer.try_update(|_| {});
            }
        });
    });
    Effect::new(move |_| {
        let (answer, active, lang) = (state.answer.get(), state.active.get(), lang.get());
        let title = |n: u32| lang.pickup().zoom_in.replace("{n}", &n.to_string());
        state.map.with_value(|m| {
            if let Some(m) = m {
                m.show(&answer, active.as_deref(), &title, move |id: String| state.mark(&id));
            }
        });
    });
    view! {
        <div class="sc-pickup__map" node_ref=node role="region" aria-label=move || lang.get().pickup().map_label></div>
    }
}
