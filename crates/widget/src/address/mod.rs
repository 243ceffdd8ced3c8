//! The address part: postcode/town, street and house number, each with suggestions, then validation.
//!
//! The three fields feel like one form: the street is looked up in the chosen postcode and the house
//! number in the chosen street; once the number is in, Swiss Post checks the address and a corrected
//! spelling is offered, never forced. Every field also takes plain typing: a postcode the data does not
//! know, a street outside the data, or a lookup that failed never stop the shopper, and the selection then
//! says "not verified".

pub mod fields;
mod suggest;
mod texts;

pub use texts::{AddressStrings, FieldStrings};

use api::{AddressInput, AddressQuality, AddressSelection, Locality, ValidationResult};
use leptos::prelude::*;

use crate::context::{HiddenField, checkout};
use crate::i18n::Lang;
use crate::json::ToJs;
use crate::latest::Latest;
use suggest::{Source, SuggestField};

/// Where the validation of the entered address stands.
#[derive(Clone, Debug, PartialEq)]
enum Check {
    /// Nothing checked since the last edit.
    None,
    Checking,
    Done(ValidationResult),
    Failed,
}

/// "3011 Bern" → ("3011", "Bern"): a typed postcode and town, when the text starts with four digits.
fn split_locality(text: &str) -> (String, String) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((zip, town)) if zip.len() == 4 && zip.bytes().all(|b| b.is_ascii_digit()) => {
            (zip.to_owned(), town.trim().to_owned())
        }
        _ if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) => (text.to_owned(), String::new()),
        _ => (String::new(), text.to_owned()),
    }
}

/// "Aarbergergasse 1a" → ("Aarbergergasse", "1a"): what a browser's autofill puts into one line. Not built on
/// `api::split_street`: that one links in 1.6 KB brotli more of the address-only wasm (`npm run size`).
fn split_street_and_number(line: &str) -> Option<(String, String)> {
    let (street, number) = line.trim().rsplit_once(' ')?;
    let starts_with_digit = number.chars().next().is_some_and(|c| c.is_ascii_digit());
    (starts_with_digit && number.len() <= 6 && !street.trim().is_empty())
        .then(|| (street.trim().to_owned(), number.to_owned()))
}

/// "Aarbergergasse 1, 3011 Bern".
fn one_line(address: &AddressInput) -> String {
    format!("{} {}, {} {}", address.street, address.house_number, address.postcode, address.town).replace("  ", " ")
}

fn check_message(strings: &AddressStrings, check: &Check) -> &'static str {
    match check {
        Check::None => "",
        Check::Checking => strings.checking,
        Check::Failed => strings.validation_failed,
        Check::Done(result) => match result.quality {
            AddressQuality::Certified => strings.certified,
            AddressQuality::Usable => strings.usable,
            AddressQuality::Unusable => strings.unusable,
        },
    }
}

#[component]
pub fn AddressForm(
    /// What the shopper entered, kept up to date for the host page.
    selection: RwSignal<AddressSelection>,
    /// An address to put into the fields and check (a saved address the shopper chose, with the `connector`
    /// feature); emptied once taken.
    #[prop(optional)]
    fill: Option<RwSignal<Option<AddressInput>>>,
) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    // A selection the host handed in (a widget started again, a restored checkout) fills the fields.
    let start = selection.get_untracked();
    let start_locality = (!start.postcode.is_empty() && !start.town.is_empty())
        .then(|| Locality::new(start.postcode.clone(), start.town.clone()));
    // A postcode alone (typed into the plain fields before the wasm ran) stays too.
    let locality_text = RwSignal::new(format!("{} {}", start.postcode, start.town).trim().to_owned());
    let chosen_locality = RwSignal::new(start_locality);
    let street_text = RwSignal::new(start.street.clone());
    let number_text = RwSignal::new(start.house_number.clone());
    // Its check result stays as it was handed in; without one, the address is checked again below.
    let check = RwSignal::new(match start.quality {
        Some(quality) => Check::Done(ValidationResult { quality, corrected: None }),
        None => Check::None,
    });
    // Only the answer for the address as it is now counts.
    let checks = Latest::new();

    let postcode_and_town = move || match chosen_locality.get() {
        Some(locality) => (locality.postcode, locality.town),
        None => split_locality(&locality_text.get()),
    };
    let entered = Memo::new(move |_| {
        let (postcode, town) = postcode_and_town();
        AddressInput {
            postcode,
            town,
            street: street_text.get().trim().to_owned(),
            house_number: number_text.get().trim().to_owned(),
        }
    });

    Effect::new(move |_| {
        let address = entered.get();
        let quality = match check.get() {
            Check::Done(result) => Some(result.quality),
            _ => None,
        };
        selection.set(AddressSelection {
            postcode: address.postcode,
            town: address.town,
            street: address.street,
            house_number: address.house_number,
            verified: quality == Some(AddressQuality::Certified),
            quality,
        });
    });

    let edited = Callback::new(move |()| {
        checks.forget();
        check.set(Check::None);
    });

    // The address the check in hand (or under way) is for.
    let checked_for = StoredValue::new(None::<AddressInput>);
    let validate = {
        let client = client.clone();
        move || {
            let address = entered.get_untracked();
            if address.postcode.is_empty() || address.town.is_empty() || address.street.is_empty() {
                return;
            }
            // Leaving a field unchanged since its suggestion was chosen (a click on "Place order" right after)
            // asks nothing again: a second check would redraw the delivery choice under the shopper's pointer.
            let same = checked_for.with_value(|c| c.as_ref() == Some(&address));
            if same && matches!(check.get_untracked(), Check::Checking | Check::Done(_)) {
                return;
            }
            checked_for.set_value(Some(address.clone()));
            check.set(Check::Checking);
            let client = client.clone();
            checks.spawn(async move { client.validate(&address).await }, move |result| {
                check.set(result.map_or(Check::Failed, Check::Done));
            });
        }
    };

    let street_source =
        Signal::derive(move || chosen_locality.get().map(|locality| Source::Streets { postcode: locality.postcode }));
    let number_source = Signal::derive(move || {
        let (postcode, _) = postcode_and_town();
        let street = street_text.get().trim().to_owned();
        (!postcode.is_empty() && !street.is_empty()).then_some(Source::HouseNumbers { postcode, street })
    });

    let on_locality_chosen = Callback::new(move |label: String| {
        let (postcode, town) = split_locality(&label);
        chosen_locality.set(Some(Locality::new(postcode, town)));
    });
    let on_locality_edit = Callback::new(move |()| {
        chosen_locality.set(None);
        edited.run(());
    });
    let on_street_chosen = {
        let validate = validate.clone();
        Callback::new(move |_: String| {
            if !number_text.get_untracked().trim().is_empty() {
                validate();
            }
        })
    };
    // Autofill writes "Street 12" into the street line: the number goes where it belongs.
    let on_street_commit = Callback::new(move |()| {
        if number_text.get_untracked().trim().is_empty()
            && let Some((street, number)) = split_street_and_number(&street_text.get_untracked())
        {
            street_text.set(street);
            number_text.set(number);
        }
    });
    let on_number_chosen = {
        let validate = validate.clone();
        Callback::new(move |_: String| validate())
    };
    let on_number_commit = {
        let validate = validate.clone();
        Callback::new(move |()| validate())
    };
    if !start.street.is_empty() && start.quality.is_none() {
        validate();
    }

    let put = move |address: &AddressInput| {
        locality_text.set(format!("{} {}", address.postcode, address.town));
        chosen_locality.set(Some(Locality::new(address.postcode.clone(), address.town.clone())));
        street_text.set(address.street.clone());
        number_text.set(address.house_number.clone());
    };
    #[cfg(not(feature = "connector"))]
    let _ = (fill, put);
    #[cfg(feature = "connector")]
    if let Some(fill) = fill {
        let validate = validate.clone();
        Effect::new(move |_| {
            if let Some(address) = fill.get() {
                put(&address);
                edited.run(());
                validate();
                fill.set(None);
            }
        });
    }
    let use_correction = move |corrected: AddressInput| {
        put(&corrected);
        check.update(|c| {
            if let Check::Done(result) = c {
                result.corrected = None;
            }
        });
    };

    let value_of = move |field: fn(&AddressSelection) -> String| Signal::derive(move || selection.with(field));

    view! {
        <fieldset class="sc-address">
            <legend class="sc-legend">{move || lang.get().address().address_legend}</legend>
            <SuggestField
                source=Signal::derive(|| Some(Source::Localities))
                part="locality"
                field=|l: Lang| &l.address().locality
                autocomplete="postal-code"
                min_chars=2
                text=locality_text
                on_choose=on_locality_chosen
                on_edit=on_locality_edit
            />
            <SuggestField
                source=street_source
                part="street"
                field=|l: Lang| &l.address().street
                autocomplete="address-line1"
                min_chars=1
                text=street_text
                on_choose=on_street_chosen
                on_edit=edited
                on_commit=on_street_commit
            />
            <SuggestField
                source=number_source
                part="house-number"
                field=|l: Lang| &l.address().house_number
                autocomplete="off"
                min_chars=1
                text=number_text
                on_choose=on_number_chosen
                on_edit=edited
                on_commit=on_number_commit
            />
            <div class="sc-check" role="status" aria-live="polite">
                <p class="sc-check-message" data-quality=move || match check.get() {
                    Check::Done(result) => result.quality.to_js().as_string().unwrap_or_default(),
                    _ => String::new(),
                }>
                    {move || check_message(lang.get().address(), &check.get())}
                </p>
                {move || match check.get() {
                    Check::Done(ValidationResult { corrected: Some(corrected), .. }) => {
                        let line = one_line(&corrected);
                        let strings = lang.get().address();
                        Some(view! {
                            <p class="sc-correction">
                                {strings.did_you_mean.replace("{address}", &line)}
                                " "
                                <button type="button" class="sc-button" on:click=move |_| use_correction(corrected.clone())>
                                    {strings.use_suggestion}
                                </button>
                            </p>
                        })
                    }
                    _ => None,
                }}
            </div>
            <p class="sc-verified" hidden=move || selection.with(|s| s.street.is_empty() || s.town.is_empty())>
                {move || {
                    let strings = lang.get().address();
                    if selection.with(|s| s.verified) { strings.verified } else { strings.not_verified }
                }}
            </p>
            <HiddenField name=fields::POSTCODE.name value=value_of(|s| s.postcode.clone()) />
            <HiddenField name=fields::TOWN.name value=value_of(|s| s.town.clone()) />
            <HiddenField name=fields::STREET.name value=value_of(|s| s.street.clone()) />
            <HiddenField name=fields::HOUSE_NUMBER.name value=value_of(|s| s.house_number.clone()) />
            <HiddenField name=fields::VERIFIED value=value_of(|s| s.verified.to_string()) />
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_localities_split_into_postcode_and_town() {
        assert_eq!(split_locality("3011 Bern"), ("3011".into(), "Bern".into()));
        assert_eq!(split_locality(" 2502  Biel/Bienne "), ("2502".into(), "Biel/Bienne".into()));
        assert_eq!(split_locality("9999"), ("9999".into(), String::new()));
        assert_eq!(split_locality("Bern"), (String::new(), "Bern".into()));
    }

    #[test]
    fn autofilled_street_lines_lose_their_number() {
        assert_eq!(split_street_and_number("Aarbergergasse 1a"), Some(("Aarbergergasse".into(), "1a".into())));
        assert_eq!(split_street_and_number("Rue du 23-Juin 4"), Some(("Rue du 23-Juin".into(), "4".into())));
        assert_eq!(split_street_and_number("Aarbergergasse"), None);
        assert_eq!(split_street_and_number("Via San Gottardo"), None);
    }

    #[test]
    fn one_line_address() {
        let a = AddressInput {
            postcode: "3011".into(),
            town: "Bern".into(),
            street: "Aarbergergasse".into(),
            house_number: "1".into(),
        };
        assert_eq!(one_line(&a), "Aarbergergasse 1, 3011 Bern");
    }
}
