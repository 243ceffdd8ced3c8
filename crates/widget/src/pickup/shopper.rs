//! The shopper's name and e-mail for Swiss Post: what the page knows wins, and only what it does not know is
//! asked here. With them, the chosen point's user id and label line are fetched, and fetched again when they
//! change.

use api::{IdentityCheck, PickupKind, PickupSelection, PickupUserRequest};
use leptos::prelude::*;

use crate::Shopper;
use crate::a11y::unique_id;
use crate::context::checkout;

/// What Swiss Post is told: the page's value where it has one, else what the shopper typed here.
#[derive(Clone, Copy)]
pub struct ShopperDetails {
    page: Shopper,
    typed: [RwSignal<String>; 3],
    pub first_name: Memo<String>,
    pub last_name: Memo<String>,
    pub email: Memo<String>,
}

impl ShopperDetails {
    pub fn new(page: Shopper) -> Self {
        let typed = [RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new())];
        let known = |from_page: RwSignal<String>, typed: RwSignal<String>| {
            Memo::new(move |_| from_page.with(|v| if v.is_empty() { typed.get() } else { v.clone() }))
        };
        Self {
            page,
            typed,
            first_name: known(page.first_name, typed[0]),
            last_name: known(page.last_name, typed[1]),
            email: known(page.email, typed[2]),
        }
    }

    fn page_fields(self) -> [RwSignal<String>; 3] {
        [self.page.first_name, self.page.last_name, self.page.email]
    }
}

/// The fields the page could not fill; the fieldset is hidden when it filled all three. A field is hidden,
/// not removed, so what the shopper typed here stays when the page's own field is emptied again.
#[component]
pub fn ShopperFields(details: ShopperDetails) -> impl IntoView {
    let lang = checkout().lang;
    let asked = move |i: usize| details.page_fields()[i].with(String::is_empty);
    type Label = fn(&super::PickupStrings) -> &'static str;
    let fields: [(Label, &str, &str); 3] = [
        (|s| s.first_name, "text", "given-name"),
        (|s| s.last_name, "text", "family-name"),
        (|s| s.email, "email", "email"),
    ];
    let inputs = fields
        .into_iter()
        .enumerate()
        .map(|(i, (label, kind, autocomplete))| {
            let id = unique_id("pickup-shopper");
            let typed = details.typed[i];
            view! {
                <div class="sc-pickup__field" hidden=move || !asked(i)>
                    <label for=id.clone()>{move || label(lang.get().pickup())}</label>
                    <input id=id type=kind autocomplete=autocomplete prop:value=move || typed.get()
                        on:change=move |e| typed.set(event_target_value(&e)) />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="sc-pickup__shopper" hidden=move || !(asked(0) || asked(1) || asked(2))>
            <legend>{move || lang.get().pickup().shopper_hint}</legend>
            {inputs}
        </fieldset>
    }
}

/// Asks the proxy for the shopper's user id for the chosen point and puts it, with its label line, into the
/// selection; `status` says how it went.
#[derive(Clone)]
pub struct UserIdRequest {
    pub details: ShopperDetails,
    pub chosen: RwSignal<Option<PickupSelection>>,
    pub status: RwSignal<String>,
}

impl UserIdRequest {
    /// A request for the chosen point, made again whenever the name or e-mail change while one is chosen.
    pub fn new(details: ShopperDetails, chosen: RwSignal<Option<PickupSelection>>) -> Self {
        let request = Self { details, chosen, status: RwSignal::new(String::new()) };
        let again = request.clone();
        let ask = again.asker();
        Effect::new(move |previous: Option<(String, String, String)>| {
            let now = (details.first_name.get(), details.last_name.get(), details.email.get());
            if previous.is_some_and(|before| before != now) {
                ask();
            }
            now
        });
        request
    }

    /// What asks (made while the part is built, where the widget's client is known; called later).
    pub fn asker(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let checkout = checkout();
        let (client, lang) = (checkout.client, checkout.lang);
        let Self { details, chosen, status } = self.clone();
        move || {
            let Some(selection) = chosen.get_untracked() else { return };
            let strings = lang.get_untracked().pickup();
            let request = PickupUserRequest {
                first_name: details.first_name.get_untracked(),
                last_name: details.last_name.get_untracked(),
                email: details.email.get_untracked(),
                language: lang.get_untracked().tag().split('-').next().unwrap_or("de").to_owned(),
                kind: Some(selection.kind),
            };
            if [&request.first_name, &request.last_name, &request.email].iter().any(|v| v.trim().is_empty()) {
                status.set(strings.user_needs_details.to_owned());
                return;
            }
            status.set(strings.user_loading.to_owned());
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let result = client.pickup_user(&request).await;
                let strings = lang.get_untracked().pickup();
                // The shopper may have chosen another point, or home delivery, meanwhile.
                if chosen.with_untracked(|c| c.as_ref().map(|c| c.point_id.clone())) != Some(selection.point_id.clone())
                {
                    return;
                }
                let Ok(user) = result else {
                    status.set(strings.user_failed.to_owned());
                    return;
                };
                let mut text = strings.label_line.replace("{name2}", &user.name2);
                if user.verified == IdentityCheck::Checked {
                    text = format!("{text}. {}", strings.user_checked);
                } else if selection.kind == PickupKind::MyPost24 {
                    text = format!("{text}. {}", strings.mypost24_identity);
                }
                status.set(text);
                chosen.update(|c| {
                    if let Some(c) = c {
                        c.user = Some(user);
                    }
                });
            });
        }
    }
}
