//! The "Postcode or town" field: suggests Swiss localities from the proxy as the shopper types.
//!
//! Lookups wait for a short pause in typing and only the answer to the latest text is shown. A failed
//! lookup leaves the typed text where it is and says that the shopper can go on by hand.

use std::time::Duration;

use api::Locality;
use leptos::prelude::*;

use crate::a11y::{Combobox, unique_id};
use crate::client::ProxyClient;
use crate::i18n::Lang;

/// Pause in typing before a lookup starts.
const DEBOUNCE: Duration = Duration::from_millis(120);
/// Shorter text is not looked up ("3" would match hundreds of postcodes).
const MIN_QUERY_CHARS: usize = 2;

/// Where a lookup stands.
#[derive(Clone, Debug, PartialEq)]
enum Lookup {
    Idle,
    Loading,
    Done,
    Failed,
}

#[component]
pub fn LocalityField(
    client: ProxyClient,
    #[prop(into)] lang: Signal<Lang>,
    /// The chosen locality; `None` while the shopper types something not chosen from the list.
    chosen: RwSignal<Option<Locality>>,
    /// Prefix of the hidden form fields' names ("" gives `postcode` and `town`).
    #[prop(optional, into)]
    name_prefix: String,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Locality>::new());
    let lookup = RwSignal::new(Lookup::Idle);
    let latest = StoredValue::new(0_u32);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let on_type = Callback::new(move |typed: String| {
        chosen.set(None);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let generation = latest.get_value().wrapping_add(1);
        latest.set_value(generation);
        let query = typed.trim().to_owned();
        if query.chars().count() < MIN_QUERY_CHARS {
            suggestions.set(Vec::new());
            lookup.set(Lookup::Idle);
            return;
        }
        lookup.set(Lookup::Loading);
        let client = client.clone();
        let start = move || {
            leptos::task::spawn_local(async move {
                let answer = client.localities(&query).await;
                // A slower answer to older text must not replace the newer one.
                if latest.get_value() != generation {
                    return;
                }
                match answer {
                    Ok(found) => {
                        suggestions.set(found.localities);
                        lookup.set(Lookup::Done);
                    }
                    Err(_) => {
                        suggestions.set(Vec::new());
                        lookup.set(Lookup::Failed);
                    }
                }
            });
        };
        pending.set_value(set_timeout_with_handle(start, DEBOUNCE).ok());
    });

    let on_choose = Callback::new(move |index: usize| {
        if let Some(locality) = suggestions.with(|list| list.get(index).cloned()) {
            text.set(locality.label());
            suggestions.set(Vec::new());
            lookup.set(Lookup::Idle);
            chosen.set(Some(locality));
        }
    });

    let status = Signal::derive(move || {
        let strings = lang.get().strings();
        match lookup.get() {
            Lookup::Idle => String::new(),
            Lookup::Loading => strings.loading.to_owned(),
            Lookup::Failed => strings.lookup_failed.to_owned(),
            Lookup::Done => match suggestions.with(Vec::len) {
                0 => strings.no_results.to_owned(),
                n => strings.suggestion_count(n),
            },
        }
    });

    let postcode_name = format!("{name_prefix}postcode");
    let town_name = format!("{name_prefix}town");
    view! {
        <div class="sc-locality">
            <Combobox
                id=unique_id("locality")
                label=Signal::derive(move || lang.get().strings().locality_label)
                hint=Signal::derive(move || lang.get().strings().locality_hint)
                listbox_label=Signal::derive(move || lang.get().strings().suggestions_label)
                autocomplete="postal-code"
                text=text
                options=Signal::derive(move || suggestions.with(|list| list.iter().map(Locality::label).collect()))
                busy=Signal::derive(move || lookup.get() == Lookup::Loading)
                status=status
                on_type=on_type
                on_choose=on_choose
            />
            <input type="hidden" name=postcode_name prop:value=move || chosen.get().map(|l| l.postcode).unwrap_or_default()/>
            <input type="hidden" name=town_name prop:value=move || chosen.get().map(|l| l.town).unwrap_or_default()/>
        </div>
    }
}
