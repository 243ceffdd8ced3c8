//! The points as a listbox (the complete way to choose without the map): arrow keys move the active entry,
//! Enter or Space chooses it, and the Select button below the list is always in view.

use api::{PickupPoint, PickupSelection};
use leptos::prelude::*;

use super::hours::{hours_summary, kind_name, ready_from};
use super::state::{Load, PickupState};
use crate::a11y::{Move, step_active};
use crate::context::checkout;
use crate::format;

#[component]
pub fn PointList(
    state: PickupState,
    /// The chosen point (marked ✓ in the list).
    chosen: RwSignal<Option<PickupSelection>>,
    /// Called with the point the shopper chose.
    on_choose: Callback<PickupPoint>,
    /// How fetching the chosen point's user id went.
    user_status: RwSignal<String>,
    /// The id of the status line that describes the list.
    status_id: String,
) -> impl IntoView {
    let lang = checkout().lang;
    let on_key = move |event: web_sys::KeyboardEvent| {
        let points = state.answer.get_untracked().points;
        let index = state.active.get_untracked().and_then(|id| points.iter().position(|p| p.id == id));
        let key = event.key();
        if key == "Enter" || key == " " {
            event.prevent_default();
            if let Some(point) = index.and_then(|i| points.get(i)) {
                on_choose.run(point.clone());
            }
        } else if let Some(step) = Move::from_key(&key) {
            event.prevent_default();
            if let Some(point) = step_active(index, points.len(), step).and_then(|i| points.get(i)) {
                state.activate(point);
            }
        }
    };
    let select = move || {
        state.active_point().map(|point| {
            let label = lang.get().pickup().select.replace("{name}", &point.name);
            view! { <button type="button" class="sc-pickup__select" on:click=move |_| on_choose.run(point.clone())>{label}</button> }
        })
    };
    view! {
        <div class="sc-pickup__listpane">
            <ul id=state.list_id() class="sc-pickup__list" role="listbox" tabindex="0"
                aria-label=move || lang.get().pickup().list_label
                aria-describedby=status_id
                aria-busy=move || (state.load.get() == Load::Loading).to_string()
                aria-activedescendant=move || state.active.get().map(|id| state.option_id(&id)).unwrap_or_default()
                on:keydown=on_key>
                <For each=move || state.answer.get().points key=|p| p.id.clone() let:point>
                    <PointEntry state=state point=point chosen=chosen />
                </For>
            </ul>
            <div class="sc-pickup__action">
                {select}
                <p class="sc-pickup__user" role="status">{move || user_status.get()}</p>
            </div>
        </div>
    }
}

/// One point in the list: name (✓ when chosen), address, kind and distance, hours, and when a parcel
/// ordered now can be collected there.
#[component]
fn PointEntry(state: PickupState, point: PickupPoint, chosen: RwSignal<Option<PickupSelection>>) -> impl IntoView {
    let lang = checkout().lang;
    let id = point.id.clone();
    let is_active = Memo::new(move |_| state.active.with(|a| a.as_deref() == Some(id.as_str())));
    let id = point.id.clone();
    let is_chosen = move || chosen.with(|c| c.as_ref().is_some_and(|c| c.point_id == id));
    let meta = {
        let point = point.clone();
        move || {
            let lang = lang.get();
            let strings = lang.pickup();
            let mut parts = vec![kind_name(strings, point.kind).to_owned()];
            if let Some(d) = point.distance_m {
                parts.push(strings.away.replace("{distance}", &format::distance(lang, d)));
            }
            if point.synthetic {
                parts.push(strings.synthetic.to_owned());
            }
            parts.join(" · ")
        }
    };
    let hours = {
        let point = point.clone();
        move || {
            let lang = lang.get();
            let text = hours_summary(lang, &point.opening_hours);
            if point.hours_synthetic { format!("{text} {}", lang.pickup().hours_generated) } else { text }
        }
    };
    let ready = {
        let point = point.clone();
        Memo::new(move |_| ready_from(lang.get(), &point))
    };
    let clicked = point.clone();
    view! {
        <li id=state.option_id(&point.id) role="option" class="sc-pickup__option"
            class:sc-pickup__option--active=is_active
            aria-selected=move || is_active.get().to_string()
            on:click=move |_| state.activate(&clicked)>
            <span class="sc-pickup__name">{point.name.clone()}{move || is_chosen().then_some(" ✓")}</span>
            <span class="sc-pickup__address">{format!("{}, {} {}", point.street, point.postcode, point.town)}</span>
            <span class="sc-pickup__meta">{meta}</span>
            <span class="sc-pickup__hours">{hours}</span>
            <span class="sc-pickup__day" hidden=move || ready.with(Option::is_none)>{ready}</span>
        </li>
    }
}
