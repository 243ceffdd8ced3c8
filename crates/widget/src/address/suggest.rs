//! One address field with suggestions from the proxy: a [`Combobox`] plus the lookup behind it.
//!
//! Lookups wait for a short pause in typing and only the answer to the latest text is shown. A failed
//! lookup leaves the typed text where it is and says that the shopper can go on by hand.

use std::time::Duration;

use api::Locality;
use leptos::prelude::*;

use super::texts::FieldStrings;
use crate::a11y::{Combobox, unique_id};
use crate::client::{FetchError, ProxyClient};
use crate::context::checkout;
use crate::i18n::Lang;
use crate::latest::Latest;

/// Pause in typing before a lookup starts.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// What a field looks up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Localities,
    Streets { postcode: String },
    HouseNumbers { postcode: String, street: String },
}

impl Source {
    /// Suggestions for `q`: how each is shown, and what choosing it puts in the field (the same, except for a
    /// place found by another name: "1201 Genève (Genf)" is shown, "1201 Genève" goes in the field).
    async fn fetch(&self, client: &ProxyClient, q: &str) -> Result<(Vec<String>, Vec<String>), FetchError> {
        let same = |list: Vec<String>| (list.clone(), list);
        match self {
            Source::Localities => client.localities(q).await.map(|r| {
                (
                    r.localities.iter().map(Locality::suggestion).collect(),
                    r.localities.iter().map(Locality::label).collect(),
                )
            }),
            Source::Streets { postcode } => client.streets(postcode, q).await.map(|r| same(r.streets)),
            Source::HouseNumbers { postcode, street } => {
                client.house_numbers(postcode, street, q).await.map(|r| same(r.house_numbers))
            }
        }
    }
}

/// Where a lookup stands.
#[derive(Clone, Debug, PartialEq)]
enum Lookup {
    Idle,
    Loading,
    Done,
    Failed,
}

#[component]
pub fn SuggestField(
    /// What to look up; `None` while there is nothing to look up in (the field still takes typing).
    #[prop(into)]
    source: Signal<Option<Source>>,
    /// Names the field in element ids ("street").
    part: &'static str,
    /// This field's texts in a language.
    field: fn(Lang) -> &'static FieldStrings,
    autocomplete: &'static str,
    /// Shorter text is not looked up.
    min_chars: usize,
    /// The field's text, owned by the address form.
    text: RwSignal<String>,
    /// The shopper chose the suggestion with this label.
    on_choose: Callback<String>,
    /// The shopper typed: what was chosen before no longer holds.
    on_edit: Callback<()>,
    /// The shopper left the field after typing in it.
    #[prop(optional)]
    on_commit: Option<Callback<()>>,
) -> impl IntoView {
    let checkout = checkout();
    let lang = checkout.lang;
    let suggestions = RwSignal::new(Vec::<String>::new());
    // What choosing each suggestion puts in the field.
    let values = StoredValue::new(Vec::<String>::new());
    let lookup = RwSignal::new(Lookup::Idle);
    // Cancels whatever is waiting or in flight: its answer will be ignored.
    let latest = Latest::new();
    let forget_lookups = move || latest.forget();

    // When what the field looks up in changes (another postcode), old suggestions no longer apply.
    Effect::new(move |previous: Option<Option<Source>>| {
        let current = source.get();
        if previous.is_some_and(|p| p != current) {
            forget_lookups();
            suggestions.set(Vec::new());
            lookup.set(Lookup::Idle);
        }
        current
    });

    let on_type = Callback::new(move |typed: String| {
        on_edit.run(());
        forget_lookups();
        let query = typed.trim().to_owned();
        let Some(source) = source.get_untracked().filter(|_| query.chars().count() >= min_chars) else {
            suggestions.set(Vec::new());
            lookup.set(Lookup::Idle);
            return;
        };
        lookup.set(Lookup::Loading);
        let client = checkout.client.clone();
        // A slower answer to older text must not replace the newer one.
        latest.spawn_after(
            DEBOUNCE,
            move || async move { source.fetch(&client, &query).await },
            move |answer| match answer {
                Ok((shown, chosen)) => {
                    values.set_value(chosen);
                    suggestions.set(shown);
                    lookup.set(Lookup::Done);
                }
                Err(_) => {
                    suggestions.set(Vec::new());
                    lookup.set(Lookup::Failed);
                }
            },
        );
    });

    let choose = Callback::new(move |index: usize| {
        if let Some(label) = values.with_value(|list| list.get(index).cloned()) {
            forget_lookups();
            text.set(label.clone());
            suggestions.set(Vec::new());
            lookup.set(Lookup::Idle);
            on_choose.run(label);
        }
    });

    let status = Signal::derive(move || {
        let strings = lang.get().strings();
        match lookup.get() {
            Lookup::Idle => String::new(),
            Lookup::Loading => strings.loading.to_owned(),
            Lookup::Failed => strings.lookup_failed.to_owned(),
            Lookup::Done => match suggestions.with(Vec::len) {
                0 => field(lang.get()).no_results.to_owned(),
                n => strings.suggestion_count(n),
            },
        }
    });

    view! {
        <Combobox
            id=unique_id(part)
            label=Signal::derive(move || field(lang.get()).label)
            hint=Signal::derive(move || field(lang.get()).hint)
            listbox_label=Signal::derive(move || lang.get().strings().suggestions_label)
            autocomplete=autocomplete
            text=text
            options=suggestions
            busy=Signal::derive(move || lookup.get() == Lookup::Loading)
            status=status
            on_type=on_type
            on_choose=choose
            on_commit=on_commit.unwrap_or_else(|| Callback::new(|()| {}))
        />
    }
}
