//! The delivery part: the next days with what Swiss Post can deliver to the entered address, as one
//! radio group of native radio buttons (arrow keys move and choose, Space chooses).
//!
//! Options reload when the address changes; a choice still offered stays, one that is not is cleared
//! and that is said in a live region. If the options cannot be loaded, standard delivery stays
//! selectable and the failure is shown: never a dead end.

use api::{AddressSelection, DeliveryKind, DeliveryOption};
use leptos::prelude::*;

use crate::a11y::unique_id;
use crate::client::ProxyClient;
use crate::format;
use crate::i18n::{DeliveryStrings, Lang};

/// The id of the standard delivery offered when no dates could be loaded.
pub const STANDARD_FALLBACK_ID: &str = "standard";

/// Where loading the options stands. The list shown is kept apart, so a reload that brings the same
/// options does not redraw them (and take the keyboard focus away from a radio button).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Load {
    /// No address to ask for yet.
    NeedAddress,
    Loading,
    Loaded,
    /// Nothing known for this address: standard delivery only.
    NoneFound,
    Failed,
}

/// What the options are asked for: the address, with street and number only once validation has
/// looked at them (so typing a street does not reload the dates at every key).
fn request_key(address: &AddressSelection) -> Option<AddressSelection> {
    let placeable = address.postcode.len() == 4 && !address.town.is_empty();
    placeable.then(|| {
        let settled = address.quality.is_some();
        AddressSelection {
            street: if settled { address.street.clone() } else { String::new() },
            house_number: if settled { address.house_number.clone() } else { String::new() },
            verified: false,
            quality: None,
            ..address.clone()
        }
    })
}

fn fallback_option() -> DeliveryOption {
    DeliveryOption {
        id: STANDARD_FALLBACK_ID.into(),
        kind: DeliveryKind::Standard,
        date: String::new(),
        window_start: None,
        window_end: None,
        order_by_date: String::new(),
        order_by_time: String::new(),
        product_codes: vec!["PRI".into()],
        price_centimes: 0,
    }
}

fn kind_name(strings: &DeliveryStrings, kind: DeliveryKind) -> &'static str {
    match kind {
        DeliveryKind::Standard => strings.standard,
        DeliveryKind::Economy => strings.economy,
        DeliveryKind::TimeWindow => strings.time_window,
        DeliveryKind::Evening => strings.evening,
        DeliveryKind::Saturday => strings.saturday,
        DeliveryKind::SameDay => strings.same_day,
    }
}

/// "Evening 17:30–19:00".
fn option_title(lang: Lang, option: &DeliveryOption) -> String {
    let strings = &lang.strings().delivery;
    if option.id == STANDARD_FALLBACK_ID {
        return strings.standard_fallback.to_owned();
    }
    let name = kind_name(strings, option.kind);
    match (&option.window_start, &option.window_end) {
        (Some(start), Some(end)) => format!("{name} {start}–{end}"),
        _ => name.to_owned(),
    }
}

/// "Evening 17:30–19:00, Saturday 12 December": what is announced and cleared.
fn option_label(lang: Lang, option: &DeliveryOption) -> String {
    if option.date.is_empty() {
        option_title(lang, option)
    } else {
        format!("{}, {}", option_title(lang, option), format::long_date(lang, &option.date))
    }
}

#[component]
pub fn DeliveryChoice(
    client: ProxyClient,
    #[prop(into)] lang: Signal<Lang>,
    /// The address the options are for.
    #[prop(into)]
    address: Signal<AddressSelection>,
    /// The chosen option.
    chosen: RwSignal<Option<DeliveryOption>>,
    /// Prefix of the hidden form fields' names.
    #[prop(optional, into)]
    name_prefix: String,
) -> impl IntoView {
    let load = RwSignal::new(Load::NeedAddress);
    let list = RwSignal::new(Vec::<DeliveryOption>::new());
    let show = move |options: Vec<DeliveryOption>| {
        if list.with_untracked(|current| *current != options) {
            list.set(options);
        }
    };
    let announcement = RwSignal::new(String::new());
    let latest = StoredValue::new(0_u32);
    let key = Memo::new(move |_| request_key(&address.get()));
    let heading_id = unique_id("delivery-heading");
    let group_name = unique_id("delivery");

    // Keeps the choice if the new list still has it, else clears it and says so.
    let reconcile = move |list: &[DeliveryOption]| {
        let Some(current) = chosen.get_untracked() else { return };
        match list.iter().find(|o| o.id == current.id) {
            Some(still) => chosen.set(Some(still.clone())),
            None => {
                let strings = &lang.get_untracked().strings().delivery;
                announcement
                    .set(strings.choice_cleared.replace("{choice}", &option_label(lang.get_untracked(), &current)));
                chosen.set(None);
            }
        }
    };

    Effect::new(move |_| {
        latest.update_value(|g| *g = g.wrapping_add(1));
        let Some(request) = key.get() else {
            load.set(Load::NeedAddress);
            show(Vec::new());
            return;
        };
        let generation = latest.get_value();
        load.set(Load::Loading);
        let client = client.clone();
        leptos::task::spawn_local(async move {
            let answer = client.delivery_options(&request).await;
            if latest.get_value() != generation {
                return;
            }
            let (state, options) = match answer {
                Ok(found) if found.options.is_empty() => (Load::NoneFound, vec![fallback_option()]),
                Ok(found) => (Load::Loaded, found.options),
                Err(_) => (Load::Failed, vec![fallback_option()]),
            };
            reconcile(&options);
            show(options);
            load.set(state);
        });
    });

    let message = move || {
        let strings = &lang.get().strings().delivery;
        match load.get() {
            Load::NeedAddress => strings.needs_address,
            Load::Loading => strings.loading,
            Load::Failed => strings.failed,
            Load::NoneFound => strings.none_found,
            Load::Loaded => "",
        }
    };

    let radio = move |option: DeliveryOption| {
        let id = option.id.clone();
        let description_id = unique_id("delivery-option");
        let described = description_id.clone();
        let lang_now = lang.get();
        let strings = &lang_now.strings().delivery;
        let deadline = (!option.order_by_date.is_empty()).then(|| {
            strings
                .order_by
                .replace("{time}", &option.order_by_time)
                .replace("{date}", &format::long_date(lang_now, &option.order_by_date))
        });
        let price = (option.id != STANDARD_FALLBACK_ID).then(|| format::price(lang_now, option.price_centimes));
        let date = (!option.date.is_empty()).then(|| format::long_date(lang_now, &option.date));
        let checked_id = id.clone();
        let title = option_title(lang_now, &option);
        view! {
            <label class="sc-radio">
                <input
                    type="radio"
                    name=group_name.clone()
                    value=id.clone()
                    aria-describedby=described
                    prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == checked_id))
                    on:change=move |_| {
                        announcement.set(String::new());
                        chosen.set(Some(option.clone()));
                    }
                />
                <span class="sc-radio-title">
                    {title}
                    {date.map(|d| view! { <span class="sc-visually-hidden">{format!(", {d}")}</span> })}
                </span>
                <span class="sc-radio-details" id=description_id>
                    {price.map(|p| view! { <span class="sc-price">{p}</span> })}
                    {deadline.map(|d| view! { <span class="sc-deadline">{d}</span> })}
                </span>
            </label>
        }
    };

    let days = move || {
        let radio = radio.clone();
        let mut groups: Vec<(String, Vec<DeliveryOption>)> = Vec::new();
        for option in list.get() {
            match groups.last_mut() {
                Some((date, group)) if *date == option.date => group.push(option),
                _ => groups.push((option.date.clone(), vec![option])),
            }
        }
        groups
            .into_iter()
            .map(move |(date, group)| {
                let radio = radio.clone();
                let heading = (!date.is_empty()).then(|| format::long_date(lang.get(), &date));
                view! {
                    <div class="sc-day">
                        {heading.map(|h| view! { <p class="sc-day-heading" aria-hidden="true">{h}</p> })}
                        {group.into_iter().map(radio).collect_view()}
                    </div>
                }
            })
            .collect_view()
    };

    let hidden = move |name: &str, value: fn(&DeliveryOption) -> String| {
        view! {
            <input
                type="hidden"
                name=format!("{name_prefix}{name}")
                prop:value=move || chosen.with(|c| c.as_ref().map(value).unwrap_or_default())
            />
        }
    };

    let section_labelled_by = heading_id.clone();
    let group_labelled_by = heading_id.clone();
    view! {
        <section class="sc-delivery" aria-labelledby=section_labelled_by>
            <h2 class="sc-heading" id=heading_id>{move || lang.get().strings().delivery.heading}</h2>
            <p class="sc-delivery-message">{message}</p>
            <div
                role="radiogroup"
                aria-labelledby=group_labelled_by
                class="sc-radiogroup"
                aria-busy=move || (load.get() == Load::Loading).to_string()
            >
                {days}
            </div>
            <div class="sc-visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</div>
            <p class="sc-notice" aria-hidden="true" hidden=move || announcement.with(String::is_empty)>
                {move || announcement.get()}
            </p>
            {hidden("delivery_option", |o| o.id.clone())}
            {hidden("delivery_kind", |o| api::delivery_kind_name(o.kind).to_owned())}
            {hidden("delivery_date", |o| o.date.clone())}
            {hidden("delivery_product_codes", |o| o.product_codes.join(","))}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::AddressQuality;

    fn address(street: &str, quality: Option<AddressQuality>) -> AddressSelection {
        AddressSelection {
            postcode: "3011".into(),
            town: "Bern".into(),
            street: street.into(),
            house_number: "1".into(),
            verified: false,
            quality,
        }
    }

    #[test]
    fn typing_a_street_does_not_change_the_request_until_it_is_checked() {
        assert_eq!(request_key(&address("Aar", None)), request_key(&address("Aarbergergasse", None)));
        let checked = request_key(&address("Aarbergergasse", Some(AddressQuality::Certified))).unwrap();
        assert_eq!(checked.street, "Aarbergergasse");
        assert_eq!(request_key(&AddressSelection::default()), None);
    }
}
