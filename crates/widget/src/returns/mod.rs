//! The return part: a parcel collected at the shopper's door (pick@home), from a link the shop's server made
//! for this shopper and address. The shopper picks a collection day among the ones Swiss Post offers (one
//! radio group) and the number of parcels, orders once, and gets the labels to print. A second order from the
//! same link gives the same confirmation.

mod texts;

use api::aftersale::{ReturnChoice, ReturnConfirmation, ReturnOptions};
use leptos::prelude::*;

pub use texts::ReturnStrings;

use crate::a11y::{NO_FORM, unique_id};
use crate::client::FetchError;
use crate::context::checkout;
use crate::format;

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Loading,
    Choosing(ReturnOptions),
    Done(ReturnConfirmation),
    /// A text for the shopper: the link or the address does not work.
    Stopped(&'static str),
}

#[component]
pub fn ReturnForm(
    /// The link token naming who returns and where it is collected.
    token: String,
) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let step = RwSignal::new(Step::Loading);
    let message = RwSignal::new(String::new());
    {
        let (client, token) = (client.clone(), token.clone());
        leptos::task::spawn_local(async move {
            let strings = lang.get_untracked().returns();
            let next = match client.return_options(&token).await {
                Ok(options) => Step::Choosing(options),
                Err(FetchError::Problem(p)) if p.status == 403 => Step::Stopped(strings.not_valid),
                Err(FetchError::Problem(p)) if p.status == 422 => Step::Stopped(strings.not_collectable),
                Err(_) => Step::Stopped(strings.failed),
            };
            step.try_set(next);
        });
    }
    let order = Callback::new(move |choice: ReturnChoice| {
        let (client, token) = (client.clone(), token.clone());
        message.set(lang.get_untracked().returns().ordering.to_owned());
        leptos::task::spawn_local(async move {
            let strings = lang.get_untracked().returns();
            match client.order_return(&token, &choice).await {
                Ok(done) => {
                    message.set(
                        strings
                            .confirmed
                            .replace("{date}", &format::long_date(lang.get_untracked(), &done.pickup_date)),
                    );
                    step.set(Step::Done(done));
                }
                Err(FetchError::Problem(p)) if p.status == 422 || p.status == 409 => {
                    message.set(strings.refused.replace("{reason}", p.detail.as_deref().unwrap_or(&p.title)));
                }
                Err(_) => message.set(strings.failed.to_owned()),
            }
        });
    });
    let heading = unique_id("return-heading");
    view! {
        <section class="sc-return" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || lang.get().returns().heading}</h2>
            {move || match step.get() {
                Step::Loading => view! { <p>{lang.get().returns().loading}</p> }.into_any(),
                Step::Stopped(text) => view! { <p role="alert">{text}</p> }.into_any(),
                Step::Choosing(options) => view! { <Choice options=options on_order=order /> }.into_any(),
                Step::Done(done) => view! { <Labels done=done /> }.into_any(),
            }}
            <p role="status">{move || message.get()}</p>
        </section>
    }
}

/// The collection day and the number of parcels.
#[component]
fn Choice(options: ReturnOptions, on_order: Callback<ReturnChoice>) -> impl IntoView {
    let lang = checkout().lang;
    let day = RwSignal::new(options.pickup_dates.first().cloned().unwrap_or_default());
    let parcels = RwSignal::new(1u8);
    let (group, select_id) = (unique_id("return-day"), unique_id("return-parcels"));
    let days = options
        .pickup_dates
        .iter()
        .map(|date| {
            let (value, checked, chosen) = (date.clone(), date.clone(), date.clone());
            view! {
                <label class="sc-return__day">
                    <input type="radio" form=NO_FORM name=group.clone() value=value
                        prop:checked=move || day.with(|d| *d == checked) on:change=move |_| day.set(chosen.clone()) />
                    {let date = date.clone(); move || format::long_date(lang.get(), &date)}
                </label>
            }
        })
        .collect_view();
    let counts = (1..=options.max_parcels).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view();
    let address = options.address_line.clone();
    view! {
        <p>{move || lang.get().returns().collected_at.replace("{address}", &address)}</p>
        <fieldset>
            <legend>{move || lang.get().returns().day_legend}</legend>
            {days}
        </fieldset>
        <label for=select_id.clone()>{move || lang.get().returns().parcels}</label>
        <select id=select_id form=NO_FORM on:change=move |e| parcels.set(event_target_value(&e).parse().unwrap_or(1))>{counts}</select>
        <div>
            <button type="button" on:click=move |_| {
                let tag = lang.get_untracked().tag().split('-').next().unwrap_or("de").to_owned();
                on_order.run(ReturnChoice { pickup_date: day.get_untracked(), parcels: parcels.get_untracked(), language: Some(tag) });
            }>{move || lang.get().returns().order}</button>
        </div>
    }
}

/// The confirmation's labels, to print.
#[component]
fn Labels(done: ReturnConfirmation) -> impl IntoView {
    let lang = checkout().lang;
    let links = done
        .labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let href = format!("data:application/pdf;base64,{}", label.label);
            let file = format!("return-label-{}.pdf", label.ident_code);
            view! {
                <li><a href=href download=file>{move || lang.get().returns().download.replace("{n}", &(i + 1).to_string())}</a></li>
            }
        })
        .collect_view();
    view! {
        <div class="sc-return__done">
            <p>{move || lang.get().returns().print_hint}</p>
            <ul>{links}</ul>
        </div>
    }
}
