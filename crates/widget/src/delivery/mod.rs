//! The delivery part: the days Swiss Post can deliver to the entered address as a strip of native radio
//! buttons (weekday and date, "from CHF x", a mark for Saturday and same-day days), and below it only the
//! chosen day's options, one radio group (arrow keys move and choose, Space chooses), price and order
//! deadline beside each. The shop's default (standard on its earliest day, unless switched off) is chosen
//! from the start, so a shopper who wants nothing special is done.
//!
//! Options reload when the address changes; a choice still offered stays, one that is not is cleared
//! and that is said in a live region. If the options cannot be loaded, standard delivery stays
//! selectable and the failure is shown: never a dead end.

use api::{AddressSelection, DeliveryKind, DeliveryOption};
use leptos::prelude::*;

mod texts;

pub use texts::DeliveryStrings;

use crate::a11y::{NO_FORM, unique_id};
use crate::context::{HiddenField, checkout};
use crate::format;
use crate::i18n::Lang;
use crate::latest::Latest;

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

/// The earliest option of `kind`.
fn earliest(options: &[DeliveryOption], kind: DeliveryKind) -> Option<&DeliveryOption> {
    options.iter().filter(|o| o.kind == kind && !o.date.is_empty()).min_by(|a, b| a.date.cmp(&b.date))
}

/// A day in the strip: its lowest price and its marks.
#[derive(Clone, Debug, PartialEq, Eq)]
struct DaySummary {
    date: String,
    from_centimes: u32,
    saturday: bool,
    same_day: bool,
}

/// The days of `options`, in order, each with its lowest price and whether it is a Saturday or offers
/// same-day delivery.
fn days(options: &[DeliveryOption]) -> Vec<DaySummary> {
    let mut days: Vec<DaySummary> = Vec::new();
    for option in options.iter().filter(|o| !o.date.is_empty()) {
        let index = match days.iter().position(|d| d.date == option.date) {
            Some(index) => index,
            None => {
                days.push(DaySummary {
                    date: option.date.clone(),
                    from_centimes: option.price_centimes,
                    saturday: false,
                    same_day: false,
                });
                days.len() - 1
            }
        };
        let day = &mut days[index];
        day.from_centimes = day.from_centimes.min(option.price_centimes);
        day.saturday |= option.kind == DeliveryKind::Saturday;
        day.same_day |= option.kind == DeliveryKind::SameDay;
    }
    days.sort_by(|a, b| a.date.cmp(&b.date));
    days
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
    let strings = lang.delivery();
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
    /// The address the options are for.
    #[prop(into)]
    address: Signal<AddressSelection>,
    /// The chosen option.
    chosen: RwSignal<Option<DeliveryOption>>,
    /// The kind chosen from the start on its earliest day (the shop's default); `None`: nothing.
    default_kind: Option<DeliveryKind>,
) -> impl IntoView {
    let checkout = checkout();
    let (lang, client, collect) = (checkout.lang, checkout.client, checkout.collect);
    let load = RwSignal::new(Load::NeedAddress);
    let list = RwSignal::new(Vec::<DeliveryOption>::new());
    let show = move |options: Vec<DeliveryOption>| {
        if list.with_untracked(|current| *current != options) {
            list.set(options);
        }
    };
    let announcement = RwSignal::new(String::new());
    let latest = Latest::new();
    let key = Memo::new(move |_| request_key(&address.get()));
    let heading_id = unique_id("delivery-heading");
    let group_name = unique_id("delivery");
    let strip_name = unique_id("delivery-day");
    // The default is the shop's until the shopper chooses, or a choice of theirs was cleared.
    let defaulting = StoredValue::new(default_kind.is_some() && chosen.get_untracked().is_none());
    // The day the shopper picked in the strip; else the chosen option's, else the default's, else the first.
    let picked_day = RwSignal::new(None::<String>);
    let shown_day = Memo::new(move |_| {
        list.with(|options| {
            let offered = |day: &String| options.iter().any(|o| &o.date == day);
            picked_day
                .get()
                .filter(offered)
                .or_else(|| chosen.with(|c| c.as_ref().map(|c| c.date.clone())).filter(offered))
                .or_else(|| earliest(options, default_kind.unwrap_or(DeliveryKind::Standard)).map(|o| o.date.clone()))
                .or_else(|| options.first().map(|o| o.date.clone()))
        })
    });

    // Keeps the choice if the new list still has it, else clears it and says so.
    let reconcile = move |list: &[DeliveryOption]| {
        let Some(current) = chosen.get_untracked() else { return };
        match list.iter().find(|o| o.id == current.id) {
            Some(still) => chosen.set(Some(still.clone())),
            None => {
                defaulting.set_value(false);
                let strings = lang.get_untracked().delivery();
                announcement
                    .set(strings.choice_cleared.replace("{choice}", &option_label(lang.get_untracked(), &current)));
                chosen.set(None);
            }
        }
    };

    Effect::new(move |_| {
        let Some(request) = key.get() else {
            latest.forget();
            load.set(Load::NeedAddress);
            show(Vec::new());
            return;
        };
        load.set(Load::Loading);
        let client = client.clone();
        latest.spawn(async move { client.delivery_options(&request).await }, move |answer| {
            let (state, options) = match answer {
                Ok(found) if found.options.is_empty() => (Load::NoneFound, vec![fallback_option()]),
                Ok(found) => (Load::Loaded, found.options),
                Err(_) => (Load::Failed, vec![fallback_option()]),
            };
            reconcile(&options);
            if defaulting.get_value()
                && chosen.with_untracked(Option::is_none)
                && let Some(first) = default_kind.and_then(|kind| earliest(&options, kind))
            {
                chosen.set(Some(first.clone()));
            }
            show(options);
            load.set(state);
        });
    });

    let message = move || {
        let strings = lang.get().delivery();
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
        let strings = &lang_now.delivery();
        let deadline = (!option.order_by_date.is_empty()).then(|| {
            strings
                .order_by
                .replace("{time}", &option.order_by_time)
                .replace("{date}", &format::short_date(lang_now, &option.order_by_date))
        });
        let price = (option.id != STANDARD_FALLBACK_ID).then(|| format::price(lang_now, option.price_centimes));
        let date = (!option.date.is_empty()).then(|| format::long_date(lang_now, &option.date));
        let checked_id = id.clone();
        let title = option_title(lang_now, &option);
        view! {
            <label class="sc-radio">
                <input
                    type="radio"
                    form=NO_FORM
                    name=group_name.clone()
                    value=id.clone()
                    aria-describedby=described
                    prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == checked_id))
                    on:change=move |_| {
                        announcement.set(String::new());
                        defaulting.set_value(false);
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

    // The days of the list, once per list: the strip shows them, the options below look at their number.
    let strip_days = Memo::new(move |_| list.with(|options| days(options)));

    // The chosen day's options only.
    let day_options = move || {
        let radio = radio.clone();
        let day = shown_day.get();
        let options: Vec<DeliveryOption> =
            list.get().into_iter().filter(|o| o.date.is_empty() || Some(&o.date) == day.as_ref()).collect();
        // With a strip of days the chosen day is marked there; the date shows above the options only alone.
        let single_day = strip_days.with(|d| d.len() < 2);
        let heading = day.filter(|d| single_day && !d.is_empty()).map(|d| format::long_date(lang.get(), &d));
        view! {
            <div class="sc-day">
                {heading.map(|h| view! { <p class="sc-day-heading" aria-hidden="true">{h}</p> })}
                {options.into_iter().map(radio).collect_view()}
            </div>
        }
    };

    // Another day: the same kind and window on it if offered, else its standard delivery, else nothing.
    let choose_day = move |day: String| {
        picked_day.set(Some(day.clone()));
        let Some(current) = chosen.get_untracked() else { return };
        if current.date == day {
            return;
        }
        let next = list.with_untracked(|options| {
            let on_day = || options.iter().filter(|o| o.date == day);
            on_day()
                .find(|o| o.kind == current.kind && o.window_start == current.window_start)
                .or_else(|| on_day().find(|o| o.kind == DeliveryKind::Standard))
                .cloned()
        });
        defaulting.set_value(false);
        chosen.set(next);
    };

    // The strip of days, when there is more than one.
    let strip = move || {
        let summaries = strip_days.get();
        if summaries.len() < 2 {
            return None;
        }
        let lang_now = lang.get();
        let strings = &lang_now.delivery();
        let name = strip_name.clone();
        Some(view! {
            <fieldset class="sc-days">
                <legend class="sc-days-legend">{strings.day_legend}</legend>
                <div class="sc-days-list">
                {summaries
                    .into_iter()
                    .map(|day| {
                        let date = day.date.clone();
                        let checked = day.date.clone();
                        let from = strings.from_price.replace("{price}", &format::price(lang_now, day.from_centimes));
                        let marks: Vec<&'static str> = [
                            day.saturday.then_some(strings.saturday),
                            day.same_day.then_some(strings.same_day),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        view! {
                            <label class="sc-day-option">
                                <input
                                    type="radio"
                                    form=NO_FORM
                                    name=name.clone()
                                    value=day.date.clone()
                                    prop:checked=move || shown_day.get().as_ref() == Some(&checked)
                                    on:change=move |_| choose_day(date.clone())
                                />
                                <span class="sc-day-date">{format::short_date(lang_now, &day.date)}</span>
                                <span class="sc-day-from">{from}</span>
                                {marks.into_iter().map(|m| view! { <span class="sc-day-mark">{m}</span> }).collect_view()}
                            </label>
                        }
                    })
                    .collect_view()}
                </div>
            </fieldset>
        })
    };

    let value_of = move |field: fn(&DeliveryOption) -> String| {
        Signal::derive(move || chosen.with(|c| c.as_ref().map(field).unwrap_or_default()))
    };

    let section_labelled_by = heading_id.clone();
    let group_labelled_by = heading_id.clone();
    view! {
        <section class="sc-delivery" aria-labelledby=section_labelled_by>
            <h2 class="sc-heading" id=heading_id>{move || lang.get().delivery().heading}</h2>
            <p class="sc-delivery-message">{message}</p>
            {strip}
            <div
                role="radiogroup"
                aria-labelledby=group_labelled_by
                class="sc-radiogroup"
                aria-busy=move || (load.get() == Load::Loading).to_string()
            >
                {day_options}
            </div>
            <div class="sc-visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</div>
            <p class="sc-notice" aria-hidden="true" hidden=move || announcement.with(String::is_empty)>
                {move || announcement.get()}
            </p>
            // Only while it is home delivery: a shopper collecting at a point posts the point alone.
            <HiddenField name=api::form::DELIVERY_OPTION value=value_of(|o| o.id.clone()) off=collect />
            <HiddenField name=api::form::DELIVERY_KIND value=value_of(|o| api::delivery_kind_name(o.kind).to_owned()) off=collect />
            <HiddenField name=api::form::DELIVERY_DATE value=value_of(|o| o.date.clone()) off=collect />
            <HiddenField name=api::form::DELIVERY_PRODUCT_CODES value=value_of(|o| o.product_codes.join(",")) off=collect />
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

    fn option(date: &str, kind: DeliveryKind, price_centimes: u32) -> DeliveryOption {
        DeliveryOption { date: date.into(), kind, price_centimes, ..fallback_option() }
    }

    #[test]
    fn the_strip_has_each_day_once_with_its_lowest_price_and_marks() {
        let options = [
            option("2026-12-02", DeliveryKind::SameDay, 1500),
            option("2026-12-03", DeliveryKind::Standard, 400),
            option("2026-12-03", DeliveryKind::Evening, 900),
            option("2026-12-05", DeliveryKind::Saturday, 700),
            option("2026-12-03", DeliveryKind::Economy, 0),
        ];
        let strip = days(&options);
        assert_eq!(
            strip.iter().map(|d| d.date.as_str()).collect::<Vec<_>>(),
            ["2026-12-02", "2026-12-03", "2026-12-05"]
        );
        assert_eq!(
            strip[0],
            DaySummary { date: "2026-12-02".into(), from_centimes: 1500, saturday: false, same_day: true }
        );
        assert_eq!(strip[1].from_centimes, 0);
        assert!(strip[2].saturday && !strip[2].same_day);
        // The shop's default: standard on its earliest day, not the same-day day before it.
        assert_eq!(earliest(&options, DeliveryKind::Standard).map(|o| o.date.as_str()), Some("2026-12-03"));
        assert_eq!(earliest(&options, DeliveryKind::TimeWindow), None);
        assert!(days(&[fallback_option()]).is_empty());
    }

    #[test]
    fn typing_a_street_does_not_change_the_request_until_it_is_checked() {
        assert_eq!(request_key(&address("Aar", None)), request_key(&address("Aarbergergasse", None)));
        let checked = request_key(&address("Aarbergergasse", Some(AddressQuality::Certified))).unwrap();
        assert_eq!(checked.street, "Aarbergergasse");
        assert_eq!(request_key(&AddressSelection::default()), None);
    }
}
