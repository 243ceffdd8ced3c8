//! The pickup part: PickPost points, My Post 24 terminals and post offices on a Leaflet map and in a
//! listbox, kept in step both ways (choosing in the list centres the map; choosing a marker makes its entry
//! the active one). The listbox alone is a complete way to choose: arrow keys move, Enter chooses, and the
//! Select button below it is always in view. It opens on the points around the entered address, nearest
//! first with their distance; without an address, on the whole country until the shopper searches a place
//! or asks for "Near me".
//!
//! Choosing a point asks the proxy for the shopper's PickPost / My Post 24 user id; the selection then
//! carries the point, its address and the label's `name2` line. Home delivery clears it at once (the
//! parent does that).

mod map;

use api::{
    AddressSelection, IdentityCheck, OpeningDay, PickupKind, PickupPoint, PickupPointsResponse, PickupSelection,
    PickupUserRequest,
};
use leptos::html::Div;
use leptos::prelude::*;

use crate::Shopper;
use crate::a11y::{Move, step_active, unique_id};
use crate::client::ProxyClient;
use crate::format;
use crate::i18n::{Lang, PickupStrings};
use crate::latest::Latest;

pub use map::load_leaflet;

/// Switzerland with a margin: minLon, minLat, maxLon, maxLat.
pub const SWITZERLAND: [f64; 4] = [5.9, 45.8, 10.5, 47.85];

/// A box of about 6 by 7 km around a position (minLon, minLat, maxLon, maxLat): where the nearest points are.
fn around(lat: f64, lon: f64) -> [f64; 4] {
    [lon - 0.04, lat - 0.03, lon + 0.04, lat + 0.03]
}

/// Where the map's files and tiles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSetup {
    /// URLs of Leaflet's `leaflet.js` and `leaflet.css` (the npm package's `dist`).
    pub leaflet_script: String,
    pub leaflet_style: String,
    /// Tile URL template; `None` draws Switzerland's outline only (offline).
    pub tiles: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Load {
    Loading,
    Loaded,
    Failed,
}

fn kind_name(strings: &PickupStrings, kind: PickupKind) -> &'static str {
    match kind {
        PickupKind::PickPost => strings.kind_pickpost,
        PickupKind::MyPost24 => strings.kind_mypost24,
        PickupKind::PostOffice => strings.kind_post_office,
    }
}

/// "Zürcher Strasse 257" → ("Zürcher Strasse", "257").
fn split_street(street: &str) -> (String, String) {
    match street.trim().rsplit_once(' ') {
        Some((name, number)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
            (name.to_owned(), number.to_owned())
        }
        _ => (street.trim().to_owned(), String::new()),
    }
}

/// "Mon–Fri 08:00–12:00, 13:30–18:00 · Sat 08:00–12:00 · Sun closed": consecutive days with the same hours
/// grouped; "Open 24 hours, every day" for terminals.
fn hours_summary(lang: Lang, days: &[OpeningDay]) -> String {
    let strings = &lang.strings().pickup;
    if days.len() == 7 && days.iter().all(|d| d.spans == [["00:00".to_owned(), "24:00".to_owned()]]) {
        return strings.open_24h.to_owned();
    }
    let mut groups: Vec<(u8, u8, &Vec<[String; 2]>)> = Vec::new();
    for day in days {
        match groups.last_mut() {
            Some((_, last, spans)) if **spans == day.spans && *last + 1 == day.weekday => *last = day.weekday,
            _ => groups.push((day.weekday, day.weekday, &day.spans)),
        }
    }
    groups
        .into_iter()
        .map(|(first, last, spans)| {
            let days = if first == last {
                format::weekday_short(lang, first)
            } else {
                format!("{}–{}", format::weekday_short(lang, first), format::weekday_short(lang, last))
            };
            let hours = if spans.is_empty() {
                strings.closed.to_owned()
            } else {
                spans.iter().map(|[from, until]| format!("{from}–{until}")).collect::<Vec<_>>().join(", ")
            };
            format!("{days} {hours}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Open on Friday 27 November" / "Closed on …" for the expected delivery date, when known.
fn open_on(lang: Lang, point: &PickupPoint, date: Option<&str>) -> Option<(bool, String)> {
    let date = date.filter(|d| !d.is_empty())?;
    let weekday = format::weekday_of(date)?;
    let day = point.opening_hours.iter().find(|d| d.weekday == weekday)?;
    let strings = &lang.strings().pickup;
    let open = !day.spans.is_empty();
    let text = if open { strings.open_on } else { strings.closed_on };
    Some((open, text.replace("{date}", &format::long_date(lang, date))))
}

#[component]
pub fn PickupChoice(
    client: ProxyClient,
    #[prop(into)] lang: Signal<Lang>,
    /// The home address from the address part: the list is sorted by distance from it.
    #[prop(into)]
    home: Signal<AddressSelection>,
    /// The expected delivery date ("2026-11-27") from the delivery part, when chosen.
    #[prop(into)]
    expected_date: Signal<Option<String>>,
    /// The chosen point.
    chosen: RwSignal<Option<PickupSelection>>,
    shopper: Shopper,
    map_setup: MapSetup,
    /// Prefix of the hidden form fields' names.
    #[prop(optional, into)]
    name_prefix: String,
) -> impl IntoView {
    let kinds = RwSignal::new(PickupKind::ALL.to_vec());
    let bbox = RwSignal::new(SWITZERLAND);
    // Distances are measured from where the shopper is, when they asked ("Near me"), else from the home
    // address, else from the searched place.
    let my_position = RwSignal::new(None::<(f64, f64)>);
    let home_position = RwSignal::new(None::<(f64, f64)>);
    let looked_at = RwSignal::new(None::<(f64, f64)>);
    let near = Memo::new(move |_| my_position.get().or(home_position.get()).or(looked_at.get()));
    let answer = RwSignal::new(PickupPointsResponse::default());
    let load = RwSignal::new(Load::Loading);
    let active = RwSignal::new(None::<String>);
    let announcement = RwSignal::new(String::new());
    let user_status = RwSignal::new(String::new());
    // What the shopper types here, for what the page does not know; what the page knows wins.
    let (typed_first, typed_last, typed_email) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let known = |from_page: RwSignal<String>, typed: RwSignal<String>| {
        Memo::new(move |_| from_page.with(|v| if v.is_empty() { typed.get() } else { v.clone() }))
    };
    let first_name = known(shopper.first_name, typed_first);
    let last_name = known(shopper.last_name, typed_last);
    let email = known(shopper.email, typed_email);
    let asked = |from_page: RwSignal<String>| move || from_page.with(String::is_empty);
    let search = RwSignal::new(String::new());
    let map_node = NodeRef::<Div>::new();
    let the_map = StoredValue::new_local(None::<map::PickupMap>);
    let latest = Latest::new();
    let ids = StoredValue::new((unique_id("pickup-heading"), unique_id("pickup-list"), unique_id("pickup-status")));
    let (heading_id, list_id, status_id) = ids.get_value();
    let option_id = move |point_id: &str| {
        format!("{}-{}", ids.with_value(|i| i.1.clone()), point_id.replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
    };

    // Distance from home: where the home postcode and town are.
    {
        let client = client.clone();
        Effect::new(move |_| {
            let home = home.get();
            if home.postcode.len() != 4 || home.town.is_empty() {
                return;
            }
            let client = client.clone();
            leptos::task::spawn_local(async move {
                if let Ok(found) = client.pickup_places(&format!("{} {}", home.postcode, home.town)).await
                    && let Some(place) = found.places.first()
                {
                    home_position.set(Some((place.lat, place.lon)));
                    // The part opens on the points around home, nearest first, unless the shopper has
                    // already searched a place or asked for "Near me".
                    if looked_at.get_untracked().is_none() && my_position.get_untracked().is_none() {
                        let around = around(place.lat, place.lon);
                        bbox.set(around);
                        the_map.with_value(|m| {
                            if let Some(m) = m {
                                m.fit(around)
                            }
                        });
                    }
                }
            });
        });
    }

    // Points for the box, kinds and distance origin; an older answer never replaces a newer one.
    {
        let client = client.clone();
        Effect::new(move |_| {
            let (bbox, kinds, near) = (bbox.get(), kinds.get(), near.get());
            load.set(Load::Loading);
            let client = client.clone();
            latest.spawn(async move { client.pickup_points(bbox, &kinds, near).await }, move |result| {
                let strings = &lang.get_untracked().strings().pickup;
                match result {
                    Ok(found) => {
                        let text = if !found.clusters.is_empty() {
                            strings.zoom_in.replace("{n}", &found.total.to_string())
                        } else if found.points.is_empty() {
                            strings.none_here.to_owned()
                        } else if found.points.len() == 1 {
                            strings.count_one.to_owned()
                        } else {
                            strings.count_many.replace("{n}", &found.points.len().to_string())
                        };
                        announcement.set(text);
                        answer.set(found);
                        load.set(Load::Loaded);
                    }
                    Err(_) => {
                        announcement.set(strings.failed.to_owned());
                        load.set(Load::Failed);
                    }
                }
            });
        });
    }

    // The map, once its element exists: Leaflet loaded, outline fetched, moves reported.
    {
        let client = client.clone();
        let setup = map_setup.clone();
        Effect::new(move |_| {
            let Some(element) = map_node.get() else { return };
            let client = client.clone();
            let setup = setup.clone();
            leptos::task::spawn_local(async move {
                if load_leaflet(&setup.leaflet_script, &setup.leaflet_style).await.is_err() {
                    return; // The list still works without the map.
                }
                let outline = client.switzerland_outline().await.ok();
                let element: &web_sys::HtmlElement = &element;
                let built = map::PickupMap::new(
                    element,
                    bbox.get_untracked(),
                    outline.as_ref(),
                    setup.tiles.as_deref(),
                    move |moved| bbox.set(moved),
                );
                if let Ok(built) = built {
                    the_map.set_value(Some(built));
                    answer.notify();
                }
            });
        });
    }

    // Markers follow the answer and the active point; choosing a marker activates its entry.
    Effect::new(move |_| {
        let current = answer.get();
        let active_id = active.get();
        let lang = lang.get();
        the_map.with_value(|m| {
            if let Some(m) = m {
                let strings = &lang.strings().pickup;
                let title = |n: u32| strings.zoom_in.replace("{n}", &n.to_string());
                m.show(&current, active_id.as_deref(), &title, move |id: String| {
                    active.set(Some(id.clone()));
                    let option = option_id(&id);
                    if let Some(element) =
                        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&option))
                    {
                        element.scroll_into_view_with_bool(false);
                    }
                });
            }
        });
    });

    let activate = move |point: &PickupPoint| {
        active.set(Some(point.id.clone()));
        the_map.with_value(|m| {
            if let Some(m) = m {
                m.centre_on(point)
            }
        });
        if let Some(element) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&option_id(&point.id)))
        {
            element.scroll_into_view_with_bool(false);
        }
    };

    let request_user = {
        let client = client.clone();
        move || {
            let Some(selection) = chosen.get_untracked() else { return };
            let strings = &lang.get_untracked().strings().pickup;
            let request = PickupUserRequest {
                first_name: first_name.get_untracked(),
                last_name: last_name.get_untracked(),
                email: email.get_untracked(),
                language: lang.get_untracked().tag().split('-').next().unwrap_or("de").to_owned(),
                kind: Some(selection.kind),
            };
            if request.first_name.trim().is_empty()
                || request.last_name.trim().is_empty()
                || request.email.trim().is_empty()
            {
                user_status.set(strings.user_needs_details.to_owned());
                return;
            }
            user_status.set(strings.user_loading.to_owned());
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let result = client.pickup_user(&request).await;
                let strings = &lang.get_untracked().strings().pickup;
                // The shopper may have chosen another point, or home delivery, meanwhile.
                if chosen.with_untracked(|c| c.as_ref().map(|c| c.point_id.clone())) != Some(selection.point_id.clone())
                {
                    return;
                }
                match result {
                    Ok(user) => {
                        let mut text = strings.label_line.replace("{name2}", &user.name2);
                        if user.verified == IdentityCheck::Checked {
                            text = format!("{text}. {}", strings.user_checked);
                        } else if selection.kind == PickupKind::MyPost24 {
                            text = format!("{text}. {}", strings.mypost24_identity);
                        }
                        user_status.set(text);
                        chosen.update(|c| {
                            if let Some(c) = c {
                                c.user = Some(user);
                            }
                        });
                    }
                    Err(_) => user_status.set(strings.user_failed.to_owned()),
                }
            });
        }
    };

    // The page's name or e-mail fields changed while a point is chosen: Swiss Post is asked again.
    Effect::new({
        let request_user = request_user.clone();
        move |previous: Option<(String, String, String)>| {
            let now = (first_name.get(), last_name.get(), email.get());
            if previous.is_some_and(|before| before != now) {
                request_user();
            }
            now
        }
    });

    let choose = {
        let request_user = request_user.clone();
        move |point: PickupPoint| {
            let (street, house_number) = split_street(&point.street);
            let strings = &lang.get_untracked().strings().pickup;
            announcement.set(strings.selected.replace("{name}", &point.name));
            chosen.set(Some(PickupSelection {
                point_id: point.id.clone(),
                kind: point.kind,
                name: point.name.clone(),
                address: AddressSelection {
                    postcode: point.postcode.clone(),
                    town: point.town.clone(),
                    street,
                    house_number,
                    verified: true,
                    quality: None,
                },
                user: None,
            }));
            request_user();
        }
    };

    let active_point = move || {
        let id = active.get()?;
        answer.with(|a| a.points.iter().find(|p| p.id == id).cloned())
    };

    let on_list_key = {
        let choose = choose.clone();
        move |event: web_sys::KeyboardEvent| {
            let points = answer.get_untracked().points;
            let index = active.get_untracked().and_then(|id| points.iter().position(|p| p.id == id));
            let step = match event.key().as_str() {
                "ArrowDown" => Move::Next,
                "ArrowUp" => Move::Previous,
                "Home" => Move::First,
                "End" => Move::Last,
                "Enter" | " " => {
                    event.prevent_default();
                    if let Some(point) = index.and_then(|i| points.get(i)) {
                        choose(point.clone());
                    }
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            if let Some(point) = step_active(index, points.len(), step).and_then(|i| points.get(i)) {
                activate(point);
            }
        }
    };

    let run_search = {
        let client = client.clone();
        move || {
            let q = search.get_untracked();
            if q.trim().is_empty() {
                return;
            }
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let strings = &lang.get_untracked().strings().pickup;
                match client.pickup_places(q.trim()).await {
                    Ok(found) => match found.places.first() {
                        Some(place) => {
                            looked_at.set(Some((place.lat, place.lon)));
                            bbox.set(place.bbox);
                            the_map.with_value(|m| {
                                if let Some(m) = m {
                                    m.fit(place.bbox)
                                }
                            });
                        }
                        None => announcement.set(strings.none_here.to_owned()),
                    },
                    Err(_) => announcement.set(strings.failed.to_owned()),
                }
            });
        }
    };

    // The browser's answers to "Near me", made once and kept with the part (a pair made per click and
    // forgotten would leak on every click).
    let found = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Position)>::new(move |position: web_sys::Position| {
        let coords = position.coords();
        let (lat, lon) = (coords.latitude(), coords.longitude());
        my_position.set(Some((lat, lon)));
        let around = around(lat, lon);
        bbox.set(around);
        the_map.with_value(|m| {
            if let Some(m) = m {
                m.fit(around)
            }
        });
    });
    let failed = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |_| {
        announcement.set(lang.get_untracked().strings().pickup.near_me_failed.to_owned());
    });
    let position_answers = StoredValue::new_local((found, failed));
    let near_me = move |_| {
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            announcement.set(lang.get_untracked().strings().pickup.near_me_failed.to_owned());
            return;
        };
        use wasm_bindgen::JsCast;
        position_answers.with_value(|(found, failed)| {
            let _ = geolocation.get_current_position_with_error_callback(
                found.as_ref().unchecked_ref(),
                Some(failed.as_ref().unchecked_ref()),
            );
        });
    };
    use wasm_bindgen::JsValue;

    let prefix = name_prefix;
    let field = move |name: &str| format!("{prefix}pickup_{name}");
    let (f_id, f_kind, f_name2, f_user) = (field("point_id"), field("kind"), field("name2"), field("user_id"));
    let ids_for_inputs =
        (unique_id("pickup-first"), unique_id("pickup-last"), unique_id("pickup-email"), unique_id("pickup-search"));
    let (first_id, last_id, email_id, search_id) = ids_for_inputs;

    view! {
        <section class="sc-pickup" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone() class="sc-pickup__heading">{move || lang.get().strings().pickup.heading}</h2>
            // Only what the page does not know is asked for; the rest is hidden, not removed, so nothing
            // typed here is lost when the page's own field is emptied again.
            <fieldset class="sc-pickup__shopper"
                hidden=move || !(asked(shopper.first_name)() || asked(shopper.last_name)() || asked(shopper.email)())>
                <legend>{move || lang.get().strings().pickup.shopper_hint}</legend>
                <div class="sc-pickup__field" hidden=move || !asked(shopper.first_name)()>
                    <label for=first_id.clone()>{move || lang.get().strings().pickup.first_name}</label>
                    <input id=first_id type="text" autocomplete="given-name" prop:value=move || typed_first.get()
                        on:change=move |e| typed_first.set(event_target_value(&e)) />
                </div>
                <div class="sc-pickup__field" hidden=move || !asked(shopper.last_name)()>
                    <label for=last_id.clone()>{move || lang.get().strings().pickup.last_name}</label>
                    <input id=last_id type="text" autocomplete="family-name" prop:value=move || typed_last.get()
                        on:change=move |e| typed_last.set(event_target_value(&e)) />
                </div>
                <div class="sc-pickup__field" hidden=move || !asked(shopper.email)()>
                    <label for=email_id.clone()>{move || lang.get().strings().pickup.email}</label>
                    <input id=email_id type="email" autocomplete="email" prop:value=move || typed_email.get()
                        on:change=move |e| typed_email.set(event_target_value(&e)) />
                </div>
            </fieldset>
            <div class="sc-pickup__tools">
                <fieldset class="sc-pickup__kinds">
                    <legend>{move || lang.get().strings().pickup.show}</legend>
                    {PickupKind::ALL.into_iter().map(|kind| view! {
                        <label class="sc-pickup__kind">
                            <input type="checkbox"
                                prop:checked=move || kinds.with(|k| k.contains(&kind))
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    kinds.update(|k| {
                                        k.retain(|x| *x != kind);
                                        if on { k.push(kind); k.sort(); }
                                    });
                                } />
                            <span class=format!("sc-pickup__swatch sc-pickup__swatch--{}", kind.name())></span>
                            {move || kind_name(&lang.get().strings().pickup, kind)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="sc-pickup__search">
                    <label for=search_id.clone()>{move || lang.get().strings().pickup.search}</label>
                    <input id=search_id type="search" autocomplete="postal-code" prop:value=move || search.get()
                        on:input=move |e| search.set(event_target_value(&e))
                        on:keydown={
                            let run_search = run_search.clone();
                            move |e: web_sys::KeyboardEvent| if e.key() == "Enter" { e.prevent_default(); run_search(); }
                        } />
                    <button type="button" on:click={ let run_search = run_search.clone(); move |_| run_search() }>
                        {move || lang.get().strings().pickup.search_button}
                    </button>
                    <button type="button" on:click=near_me>{move || lang.get().strings().pickup.near_me}</button>
                </div>
            </div>
            <p id=status_id.clone() class="sc-pickup__status" role="status" aria-live="polite">{move || announcement.get()}</p>
            <div class="sc-pickup__panes">
                <div class="sc-pickup__listpane">
                    <ul id=list_id.clone() class="sc-pickup__list" role="listbox" tabindex="0"
                        aria-label=move || lang.get().strings().pickup.list_label
                        aria-describedby=status_id.clone()
                        aria-busy=move || (load.get() == Load::Loading).to_string()
                        aria-activedescendant=move || active.get().map(|id| option_id(&id)).unwrap_or_default()
                        on:keydown=on_list_key>
                        <For each=move || answer.get().points key=|p| p.id.clone() let:point>
                            {
                                let id = point.id.clone();
                                let id_for_selected = id.clone();
                                let id_for_class = id.clone();
                                let chosen_id = id.clone();
                                let element_id = option_id(&id);
                                let clicked = point.clone();
                                let p = point.clone();
                                view! {
                                    <li id=element_id role="option" class="sc-pickup__option"
                                        class:sc-pickup__option--active=move || active.get().as_deref() == Some(id_for_class.as_str())
                                        aria-selected=move || (active.get().as_deref() == Some(id_for_selected.as_str())).to_string()
                                        on:click=move |_| activate(&clicked)>
                                        <span class="sc-pickup__name">
                                            {p.name.clone()}
                                            {move || chosen.with(|c| c.as_ref().is_some_and(|c| c.point_id == chosen_id)).then_some(" ✓")}
                                        </span>
                                        <span class="sc-pickup__address">{format!("{}, {} {}", p.street, p.postcode, p.town)}</span>
                                        <span class="sc-pickup__meta">
                                            {let p = p.clone(); move || {
                                                let lang = lang.get();
                                                let strings = &lang.strings().pickup;
                                                let mut parts = vec![kind_name(strings, p.kind).to_owned()];
                                                if let Some(d) = p.distance_m {
                                                    parts.push(strings.away.replace("{distance}", &format::distance(lang, d)));
                                                }
                                                if p.synthetic { parts.push(strings.synthetic.to_owned()); }
                                                parts.join(" · ")
                                            }}
                                        </span>
                                        <span class="sc-pickup__hours">
                                            {let p = p.clone(); move || {
                                                let lang = lang.get();
                                                let mut text = hours_summary(lang, &p.opening_hours);
                                                if p.hours_synthetic { text = format!("{text} {}", lang.strings().pickup.hours_generated); }
                                                text
                                            }}
                                        </span>
                                        {let p = p.clone(); move || open_on(lang.get(), &p, expected_date.get().as_deref()).map(|(open, text)| view! {
                                            <span class="sc-pickup__day" class:sc-pickup__day--closed=!open>{text}</span>
                                        })}
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                    <div class="sc-pickup__action">
                        {
                            let choose = choose.clone();
                            move || {
                                let choose = choose.clone();
                                active_point().map(|point| {
                                    let label = lang.get().strings().pickup.select.replace("{name}", &point.name);
                                    view! {
                                        <button type="button" class="sc-pickup__select" on:click=move |_| choose(point.clone())>{label}</button>
                                    }
                                })
                            }
                        }
                        <p class="sc-pickup__user" role="status">{move || user_status.get()}</p>
                    </div>
                </div>
                <div class="sc-pickup__map" node_ref=map_node role="region"
                    aria-label=move || lang.get().strings().pickup.map_label></div>
            </div>
            <input type="hidden" name=f_id prop:value=move || chosen.with(|c| c.as_ref().map(|c| c.point_id.clone()).unwrap_or_default()) />
            <input type="hidden" name=f_kind prop:value=move || chosen.with(|c| c.as_ref().map(|c| c.kind.name().to_owned()).unwrap_or_default()) />
            <input type="hidden" name=f_user prop:value=move || chosen.with(|c| c.as_ref().and_then(|c| c.user.as_ref()).map(|u| u.id.clone()).unwrap_or_default()) />
            <input type="hidden" name=f_name2 prop:value=move || chosen.with(|c| c.as_ref().and_then(|c| c.user.as_ref()).map(|u| u.name2.clone()).unwrap_or_default()) />
        </section>
    }
}
