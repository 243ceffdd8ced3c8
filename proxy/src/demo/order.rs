//! The example shop's backend, in sandbox mode only: `POST /order` receives the checkout form as a shop's
//! server would, shows every field that arrived, turns them into a label request and creates the label
//! through the labels service that `POST /server/v1/labels` serves (the same checks and mapping, called in
//! process rather than over HTTP with a server key). The page shows the PDF label and offers it as ZPL for a
//! label printer (`GET /order/{id}/label.pdf|zpl`), then links to the shopper's tracking and return pages for
//! the order (sealed link tokens, as `POST /server/v1/links` makes them) and a button that moves the sandbox's
//! clock a day ahead, to watch the parcel travel. Never served with real credentials.
//!
//! What a shop's server does here is what its own would: the form carries ids (the delivery option's, the
//! pickup point's), and the server looks them up: the option among those offered for the address now, the
//! point in Swiss Post's location service.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use api::labels::{LabelFormat, LabelLayout, LabelRecipient, LabelRequest, Parcel};
use api::{AddressSelection, IdentityCheck, PickupSelection, PickupUser, Selection};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;

use super::echo::{STRICT_CSP, escape};
use crate::AppState;
use crate::error::AppError;
use crate::labels::Checks;

/// The orders of this run, newest last; the oldest are forgotten past [`KEPT`].
#[derive(Default)]
pub struct Orders(Mutex<VecDeque<(String, LabelRequest)>>);

const KEPT: usize = 200;

impl Orders {
    fn keep(&self, request: LabelRequest) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let mut orders = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if orders.len() == KEPT {
            orders.pop_front();
        }
        orders.push_back((id.clone(), request));
        id
    }

    fn get(&self, id: &str) -> Option<LabelRequest> {
        let orders = self.0.lock().unwrap_or_else(|p| p.into_inner());
        orders.iter().find(|(i, _)| i == id).map(|(_, r)| r.clone())
    }
}

/// The posted value of `name` (`shipping_` prefixed or not), trimmed.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name || k.strip_prefix("shipping_") == Some(name))
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// What the shop's server did with an order placed with the element's plain fields (no wasm: an unverified
/// address, no delivery chosen): it asked `POST /server/v1/selections/check` and ships the standard delivery to
/// the address as Swiss Post knows it. `None` for an order the widget completed.
struct Completed {
    check: api::SelectionCheck,
    /// The standard delivery Swiss Post offers there now.
    standard: Option<api::DeliveryOption>,
}

/// The label request a shop's server makes of the posted form; `Err` says what is missing, for the page.
async fn label_request(
    state: &AppState,
    fields: &[(String, String)],
) -> Result<(LabelRequest, Option<Completed>), String> {
    let name = field(fields, "customer_name");
    let (first_name, last_name) = name.rsplit_once(' ').unwrap_or(("", name));
    let posted = api::form::PostedSelection::from_fields(fields, "shipping_");
    let mut address = AddressSelection {
        postcode: posted.postcode.clone(),
        town: posted.town.clone(),
        street: posted.street.clone(),
        house_number: posted.house_number.clone(),
        verified: posted.address_verified == "true",
        quality: None,
    };
    let option_id = posted.delivery_option.as_str();
    let mut completed = None;
    let delivery = if !option_id.is_empty() {
        let input = address.input();
        let offered = state.delivery.options(&input, Some(api::MAX_DELIVERY_DAYS)).await.map_err(|e| e.to_string())?;
        let found = offered.value.into_iter().find(|o| o.id == option_id);
        Some(found.ok_or_else(|| format!("the delivery option {option_id} is no longer offered"))?)
    } else if posted.pickup_point_id.is_empty() {
        // Placed with the plain fields: checked as the shop's server would, standard delivery to Swiss Post's
        // spelling of the address.
        let check = crate::selection::check_posted(&state.lookups, &state.delivery, &posted)
            .await
            .map_err(|e| e.to_string())?;
        if let (api::AddressQuality::Certified, Some(official)) = (check.address.quality, &check.address.corrected) {
            address.postcode = official.postcode.clone();
            address.town = official.town.clone();
            address.street = official.street.clone();
            address.house_number = official.house_number.clone();
        }
        address.verified = check.address.quality == api::AddressQuality::Certified;
        let standard = check.delivery_options.iter().find(|o| o.kind == api::DeliveryKind::Standard).cloned();
        let delivery = standard.clone();
        completed = Some(Completed { check, standard });
        delivery
    } else {
        None
    };
    let point_id = field(fields, "pickup_point_id");
    let pickup = if point_id.is_empty() {
        None
    } else {
        let point = state.pickup.point(point_id).await.map_err(|e| e.to_string())?;
        let point = point.ok_or_else(|| format!("the pickup point {point_id} is not known"))?;
        let (street, house_number) = api::split_street(&point.street);
        let user_id = field(fields, "pickup_user_id");
        Some(PickupSelection {
            point_id: point.id,
            kind: point.kind,
            name: point.name,
            address: AddressSelection {
                postcode: point.postcode,
                town: point.town,
                street,
                house_number,
                verified: true,
                quality: None,
            },
            user: (!user_id.is_empty()).then(|| PickupUser {
                id: user_id.into(),
                verified: IdentityCheck::None,
                name2: field(fields, "pickup_name2").into(),
            }),
            product: match field(fields, api::form::PICKUP_PRODUCT) {
                "economy" => Some(api::DeliveryKind::Economy),
                _ => Some(api::DeliveryKind::Standard),
            },
            price_centimes: field(fields, api::form::PICKUP_PRICE_CENTIMES).parse().ok(),
            ready_on: Some(field(fields, api::form::PICKUP_READY_ON).to_owned()).filter(|d| !d.is_empty()),
        })
    };
    let request = LabelRequest {
        selection: Selection { address, delivery, pickup },
        recipient: LabelRecipient {
            first_name: first_name.into(),
            last_name: last_name.into(),
            company: None,
            email: field(fields, "customer_email").into(),
            phone: None,
        },
        parcel: Parcel { weight_grams: 1000, item_id: None, services: Vec::new() },
        format: LabelFormat::Pdf,
        layout: LabelLayout::A6,
        dpi: None,
        print_preview: true,
        language: Some("en".into()),
    };
    Ok((request, completed))
}

/// What the page says of an order placed with the plain fields: Swiss Post's verdict and the delivery shipped.
fn completed_section(completed: &Completed) -> String {
    let check = &completed.check;
    let quality = match check.address.quality {
        api::AddressQuality::Certified => "confirmed by Swiss Post",
        api::AddressQuality::Usable => "postcode and town correct; street or number not confirmed",
        api::AddressQuality::Unusable => "not deliverable: the shop contacts the shopper",
    };
    let official = check.address.corrected.as_ref().map_or(String::new(), |a| {
        format!(
            " Swiss Post writes it <strong>{}</strong>.",
            escape(&format!("{} {}, {} {}", a.street, a.house_number, a.postcode, a.town))
        )
    });
    let shipped = completed.standard.as_ref().map_or("no standard delivery is offered there".to_owned(), |o| {
        format!("standard delivery on {} ({})", escape(&o.date), escape(&o.id))
    });
    format!(
        "<section aria-labelledby=\"checked\"><h2 id=\"checked\">Checked by the shop's server</h2>\
         <p>This order came with the plain address fields (no WebAssembly in the shopper's browser): the shop's server \
         asked <code>POST /server/v1/selections/check</code>. The address is <strong>{quality}</strong>.{official} \
         The shop ships {shipped}.</p></section>"
    )
}

fn html(status: StatusCode, body: String) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>What the shop received</title>\
         <link rel=\"icon\" href=\"/element/favicon.svg\"><link rel=\"stylesheet\" href=\"/element/swiss-checkout.css\">\
         <link rel=\"stylesheet\" href=\"/element/shop.css\"></head><body><main>{body}</main></body></html>"
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, STRICT_CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

/// `POST /order`: the posted fields, and the label made of them.
pub async fn order(State(state): State<Arc<AppState>>, Form(fields): Form<Vec<(String, String)>>) -> Response {
    let rows: String = fields
        .iter()
        .map(|(name, value)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(name), escape(value)))
        .collect();
    let mut checked = String::new();
    let label = match label_request(&state, &fields).await {
        Err(why) => format!("<p role=\"alert\">No label: {}.</p>", escape(&why)),
        Ok((request, completed)) => {
            if let Some(completed) = &completed {
                checked = completed_section(completed);
            }
            let id = state.orders.keep(request.clone());
            match made(&state, &id, request, LabelFormat::Pdf).await {
                Err(error) => format!("<p role=\"alert\">No label: {}.</p>", escape(&error.to_string())),
                Ok(label) => format!(
                    "<dl class=\"shop-label\"><dt>Identcode</dt><dd>{ident}</dd><dt>Service codes</dt><dd>{services}</dd></dl>\
                     <iframe class=\"shop-label__pdf\" title=\"Label (PDF)\" src=\"/order/{id}/label.pdf\"></iframe>\
                     <p><a href=\"/order/{id}/label.pdf\">Open the label (PDF)</a> · \
                     <a href=\"/order/{id}/label.zpl\" download=\"label.zpl\">Download it as ZPL for a label printer</a></p>{after}",
                    ident = api::labels::dotted_ident_code(&label.ident_code),
                    services = escape(&services(&state, &id)),
                    after = after_the_sale(&state, &label.ident_code, &id),
                ),
            }
        }
    };
    html(
        StatusCode::OK,
        format!(
            "<h1>What the shop received</h1>\
             <p>Sandbox mode: this page plays the shop's server. It shows the fields the checkout form posted, then \
             makes the parcel label of them as <code>POST /server/v1/labels</code> does.</p>\
             <table><caption>Posted fields</caption><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Value</th></tr></thead>\
             <tbody>{rows}</tbody></table>{checked}<h2>The parcel label</h2>{label}"
        ),
    )
}

/// Links to the shopper's pages for this order (tracking the label, returning the parcel), with sealed
/// tokens, and the clock button.
fn after_the_sale(state: &AppState, ident_code: &str, id: &str) -> String {
    let expires = time::OffsetDateTime::now_utc() + time::Duration::days(30);
    let track = state.links.seal(crate::links::Grant::Shipment(ident_code.to_owned()), expires);
    let returner = state.orders.get(id).map(|request| api::aftersale::Returner {
        address: request.selection.address.clone(),
        first_name: request.recipient.first_name.clone(),
        last_name: request.recipient.last_name.clone(),
        email: request.recipient.email.clone(),
    });
    let give_back = returner.map(|r| state.links.seal(crate::links::Grant::Return(r), expires));
    let (Ok(track), Some(Ok(give_back))) = (track, give_back) else { return String::new() };
    format!(
        "<h2>After the sale</h2><p>The links the shop sends the shopper (made as <code>POST /server/v1/links</code> \
         makes them): <a href=\"/aftersale/track.html?token={track}\">Follow the parcel</a> · \
         <a href=\"/aftersale/return.html?token={give_back}\">Return it (collected at the door)</a></p>\
         <form method=\"post\" action=\"/order/clock\"><input type=\"hidden\" name=\"token\" value=\"{track}\">\
         <button type=\"submit\">Move the sandbox's clock a day ahead, then follow the parcel</button></form>"
    )
}

/// `POST /order/clock`: the embedded sandbox's after-sale clock a day ahead; then the shopper's tracking page.
pub async fn clock_ahead(State(state): State<Arc<AppState>>, Form(fields): Form<Vec<(String, String)>>) -> Response {
    if let Some(sandbox) = &state.sandbox {
        let now = sandbox.knobs.settings().clock_ahead_minutes.unwrap_or(0);
        sandbox.knobs.apply(&sandbox::KnobSettings { clock_ahead_minutes: Some(now + 24 * 60), ..Default::default() });
    }
    let token = field(&fields, "token");
    let location = format!("/aftersale/track.html?token={}", url_token(token));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// A link token as it may stand in a URL (they are URL-safe base64; anything else is dropped).
fn url_token(token: &str) -> String {
    token.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// The service codes the order's label carries, for the page.
fn services(state: &AppState, id: &str) -> String {
    state.orders.get(id).and_then(|r| crate::labels::service_codes(&r).ok()).unwrap_or_default().join(", ")
}

/// The order's label in `format`: the same label each time (the order id is its idempotency key).
async fn made(
    state: &AppState,
    id: &str,
    mut request: LabelRequest,
    format: LabelFormat,
) -> Result<api::labels::LabelResponse, AppError> {
    request.format = format;
    let checks = Checks { lookups: &state.lookups, delivery: &state.delivery, pickup: &state.pickup };
    let suffix = match format {
        LabelFormat::Pdf => "pdf",
        LabelFormat::Png => "png",
        LabelFormat::Zpl2 => "zpl",
    };
    state.labels.create(checks, request, Some(format!("order-{id}-{suffix}"))).await
}

/// `GET /order/{id}/label.pdf` or `…/label.zpl`.
pub async fn label_file(State(state): State<Arc<AppState>>, Path((id, file)): Path<(String, String)>) -> Response {
    let format = match file.as_str() {
        "label.pdf" => LabelFormat::Pdf,
        "label.zpl" => LabelFormat::Zpl2,
        _ => return AppError::NotFound.into_response(),
    };
    let Some(request) = state.orders.get(&id) else { return AppError::NotFound.into_response() };
    match made(&state, &id, request, format).await {
        Err(error) => error.into_response(),
        Ok(label) => {
            let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(&label.label) else {
                return AppError::Upstream(crate::error::UpstreamError::Body).into_response();
            };
            let disposition = if format == LabelFormat::Pdf { "inline" } else { "attachment; filename=\"label.zpl\"" };
            (
                [
                    (header::CONTENT_TYPE, format.media_type().to_owned()),
                    (header::CONTENT_DISPOSITION, disposition.to_owned()),
                    (header::HeaderName::from_static(api::labels::IDENT_CODE_HEADER), label.ident_code.clone()),
                ],
                bytes,
            )
                .into_response()
        }
    }
}
