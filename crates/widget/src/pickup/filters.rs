//! Which points are shown and where: the kinds (checkboxes), a postcode or place to look at, and "Near me".

use api::PickupKind;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::hours::kind_name;
use super::state::PickupState;
use crate::a11y::unique_id;
use crate::context::checkout;

#[component]
pub fn Filters(state: PickupState) -> impl IntoView {
    let lang = checkout().lang;
    let kinds = PickupKind::ALL
        .into_iter()
        .map(|kind| {
            let shown = move || state.kinds.with(|k| k.contains(&kind));
            let toggle = move |e| {
                let on = event_target_checked(&e);
                state.kinds.update(|k| {
                    k.retain(|x| *x != kind);
                    if on {
                        k.push(kind);
                        k.sort();
                    }
                });
            };
            view! {
                <label class="sc-pickup__kind">
                    <input type="checkbox" prop:checked=shown on:change=toggle />
                    <span class=format!("sc-pickup__swatch sc-pickup__swatch--{}", kind.name())></span>
                    {move || kind_name(lang.get().pickup(), kind)}
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="sc-pickup__tools">
            <fieldset class="sc-pickup__kinds">
                <legend>{move || lang.get().pickup().show}</legend>
                {kinds}
            </fieldset>
            <PlaceSearch state=state />
        </div>
    }
}

/// A postcode or place to look at, and "Near me".
#[component]
fn PlaceSearch(state: PickupState) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let search = RwSignal::new(String::new());
    let search_id = unique_id("pickup-search");
    let run_search = move || {
        let q = search.get_untracked().trim().to_owned();
        if q.is_empty() {
            return;
        }
        let client = client.clone();
        leptos::task::spawn_local(async move {
            let strings = lang.get_untracked().pickup();
            match client.pickup_places(&q).await {
                Ok(found) => match found.places.first() {
                    Some(place) => {
                        state.looked_at.set(Some((place.lat, place.lon)));
                        state.show_box(place.bbox);
                    }
                    None => state.announcement.set(strings.none_here.to_owned()),
                },
                Err(_) => state.announcement.set(strings.failed.to_owned()),
            }
        });
    };
    let on_enter = {
        let run_search = run_search.clone();
        move |e: web_sys::KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                run_search();
            }
        }
    };
    view! {
        <div class="sc-pickup__search">
            <label for=search_id.clone()>{move || lang.get().pickup().search}</label>
            <input id=search_id type="search" autocomplete="postal-code" prop:value=move || search.get()
                on:input=move |e| search.set(event_target_value(&e)) on:keydown=on_enter />
            <button type="button" on:click=move |_| run_search()>{move || lang.get().pickup().search_button}</button>
            <button type="button" on:click=near_me(state)>{move || lang.get().pickup().near_me}</button>
        </div>
    }
}

/// "Near me": asks the browser where the shopper is. Its two answers are made once and kept with the part
/// (a pair made per click and forgotten would leak on every click).
fn near_me(state: PickupState) -> impl Fn(web_sys::MouseEvent) + 'static {
    let lang = checkout().lang;
    let found = Closure::<dyn Fn(web_sys::Position)>::new(move |position: web_sys::Position| {
        let coords = position.coords();
        state.my_position.set(Some((coords.latitude(), coords.longitude())));
        state.show_around(coords.latitude(), coords.longitude());
    });
    let failed = Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(move |_| {
        state.announcement.set(lang.get_untracked().pickup().near_me_failed.to_owned());
    });
    let answers = StoredValue::new_local((found, failed));
    move |_| {
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            state.announcement.set(lang.get_untracked().pickup().near_me_failed.to_owned());
            return;
        };
        answers.with_value(|(found, failed)| {
            let _ = geolocation.get_current_position_with_error_callback(
                found.as_ref().unchecked_ref(),
                Some(failed.as_ref().unchecked_ref()),
            );
        });
    }
}
