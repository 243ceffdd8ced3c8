//! Labels: the selection the checkout posted becomes a Swiss Post parcel label (POST-API.md §6), in one call
//! from the shop's server.
//!
//! In order: the request is checked and its text put into the label alphabet (`text`), naming the field of
//! anything wrong, before Swiss Post is called; the selection is checked against Swiss Post as
//! `/server/v1/selections/check` does (a home address it calls unusable, or a delivery option no longer
//! offered, is refused); a pickup point without its user id gets one; then the label is asked for, with the
//! service codes of the chosen delivery (§5.3), the point's address and `PickPost …` / `MyPost24 …` line in
//! `name2`, the shop's sender and franking licence. Swiss Post's business errors become a 422 with its code.
//!
//! An `Idempotency-Key` makes the call safe to repeat (`idempotency.rs`): the same key and body give the same
//! label (also when many arrive at once, after a restart, on another instance: one call upstream), the same
//! key with another body is refused.

pub mod text;

use std::sync::Arc;

use api::labels::{LabelFormat, LabelLayout, LabelRequest, LabelResponse, LabelWarning};
use api::{AddressQuality, AddressSelection, DeliveryKind, PickupUserRequest, Selection, check};
use base64::Engine;
use swisspost::barcode::{
    GenerateLabel, LabelAttributes, LabelCustomer, LabelDefinition, LabelItem, LabelMessage, LabelRecipient,
};

use crate::config::{LabelsConfig, Sender};
use crate::delivery::DeliveryOptions;
use crate::error::AppError;
use crate::idempotency::Idempotent;
use crate::lookup::Lookups;
use crate::pickup::Pickup;
use crate::selection::{self, FieldPrefix};
use crate::upstream::PostClient;

/// The services a label's selection is checked with.
pub struct Checks<'a> {
    pub lookups: &'a Lookups,
    pub delivery: &'a DeliveryOptions,
    pub pickup: &'a Pickup,
}

pub struct Labels {
    post: Arc<PostClient>,
    sender: Option<Sender>,
    franking_license: Option<String>,
    /// Every label says SPECIMEN: sandbox labels are never real.
    sandbox_mode: bool,
    made: Idempotent<LabelResponse>,
}

/// A text for the label: put into the label alphabet, at most `limit` characters, else a 400 naming `field`.
fn line(value: &str, field: &'static str, limit: usize, required: bool) -> Result<String, AppError> {
    let printed = text::to_label(value).map_err(|why| AppError::invalid(field, why.to_string()))?;
    if required && printed.is_empty() {
        return Err(AppError::invalid(field, "is required"));
    }
    if printed.chars().count() > limit {
        return Err(AppError::invalid(field, format!("is longer than the {limit} characters a label line has")));
    }
    Ok(printed)
}

fn optional(value: Option<&str>, field: &'static str, limit: usize) -> Result<Option<String>, AppError> {
    value.map(|v| line(v, field, limit, false)).transpose().map(|v| v.filter(|v| !v.is_empty()))
}

/// The service codes: the base product first (§5.3), then the shop's extra services.
pub fn service_codes(request: &LabelRequest) -> Result<Vec<String>, AppError> {
    let selection = &request.selection;
    let mut codes: Vec<String> = match (&selection.pickup, &selection.delivery) {
        (Some(_), Some(_)) => return Err(crate::selection::both_ways("selection.pickup")),
        // A parcel for a pickup point travels as economy or standard; windows and Saturday are for homes.
        (Some(point), None) if point.product == Some(DeliveryKind::Economy) => vec!["ECO".into()],
        (Some(_), None) | (None, None) => vec!["PRI".into()],
        (None, Some(option)) => {
            let mut codes = option.product_codes.clone();
            codes.sort_by_key(|c| !matches!(c.as_str(), "PRI" | "ECO" | "SKB" | "DIR" | "SEM"));
            codes
        }
    };
    for service in &request.parcel.services {
        if *service == api::labels::ExtraService::PersonalDelivery && selection.pickup.is_some() {
            return Err(AppError::invalid("parcel.services", "personal_delivery is for home delivery only"));
        }
        codes.push(service.code().to_owned());
    }
    Ok(codes)
}

/// Which field of the request a Swiss Post error code is about.
fn field_of(code: &str, pickup: bool) -> Option<&'static str> {
    Some(match code {
        "E1000" | "E1001" | "E1005" => "selection.delivery",
        "E2001" => "recipient",
        "E2032" | "E2033" | "E2034" if pickup => "selection.pickup.address.postcode",
        "E2032" | "E2033" | "E2034" => "selection.address.postcode",
        "E2036" | "E2037" => "parcel.weight_grams",
        "E2045" => "parcel.item_id",
        _ => return None,
    })
}

impl Labels {
    /// `made` keeps the idempotency records (in the store, so a restart or another instance answers the same).
    pub fn new(
        post: Arc<PostClient>,
        config: &LabelsConfig,
        sandbox_mode: bool,
        made: Idempotent<LabelResponse>,
    ) -> Self {
        let sender = config.sender_or_sample(sandbox_mode);
        Self { post, sender, franking_license: config.franking_license.clone(), sandbox_mode, made }
    }

    /// The label for `request`; with `key`, the same label every time that key comes with this request.
    pub async fn create(
        &self,
        checks: Checks<'_>,
        request: LabelRequest,
        key: Option<String>,
    ) -> Result<LabelResponse, AppError> {
        self.made.run(key, &request, || self.make(&checks, &request)).await
    }

    async fn make(&self, checks: &Checks<'_>, request: &LabelRequest) -> Result<LabelResponse, AppError> {
        let sender = self.sender.as_ref().ok_or(AppError::NotConfigured(
            "labels need the shop's sender address: set SWISS_CHECKOUT_SENDER or [labels.sender]",
        ))?;
        let weight = request.parcel.weight_grams;
        if !(1..=99_999).contains(&weight) {
            return Err(AppError::invalid("parcel.weight_grams", "must be 1 to 99999 grams"));
        }
        if let Some(id) = &request.parcel.item_id
            && (id.is_empty() || id.len() > 200 || !id.chars().all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c)))
        {
            return Err(AppError::invalid("parcel.item_id", "must be 1 to 200 of A-Z a-z 0-9 _ - +"));
        }
        let dpi = request.dpi.unwrap_or(300);
        if ![200, 300, 600].contains(&dpi) {
            return Err(AppError::invalid("dpi", "must be 200, 300 or 600"));
        }
        let language = check::language(request.language.as_deref(), "language")?.to_uppercase();
        let person = &request.recipient;
        let first_name = line(&person.first_name, "recipient.first_name", 35, true)?;
        let last_name = line(&person.last_name, "recipient.last_name", 35, true)?;
        let company = optional(person.company.as_deref(), "recipient.company", 35)?;
        let email = check::email(&person.email).map_err(|e| AppError::invalid("recipient.email", e.why))?;
        let phone = person.phone.as_deref().map(str::trim).filter(|p| !p.is_empty());
        if let Some(phone) = phone
            && (phone.len() > 20 || !phone.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)))
        {
            return Err(AppError::invalid("recipient.phone", "must be up to 20 digits, spaces and + ( ) -"));
        }
        let przl = service_codes(request)?;
        let selection = &request.selection;
        let (address, name2, name3) = match &selection.pickup {
            None => (self.check_home(checks, selection).await?, company, None),
            Some(point) => {
                let name2 = match &point.user {
                    Some(user) => user.name2.clone(),
                    // The checkout could not fetch the user id (Swiss Post was down): fetched now.
                    None => {
                        let asked = PickupUserRequest {
                            first_name: first_name.clone(),
                            last_name: last_name.clone(),
                            email: email.clone(),
                            language: language.to_lowercase(),
                            kind: Some(point.kind),
                        };
                        checks.pickup.user(&asked, point.kind).await?.name2
                    }
                };
                (point.address.clone(), Some(line(&name2, "selection.pickup.user.name2", 35, true)?), company)
            }
        };
        // The fields a refusal names: the home address's, or the pickup point's.
        let at_point = selection.pickup.is_some();
        let field = |home: &'static str, point: &'static str| if at_point { point } else { home };
        let recipient = LabelRecipient {
            first_name: Some(first_name),
            name1: Some(last_name),
            name2,
            name3,
            street: Some(line(
                &address.street,
                field("selection.address.street", "selection.pickup.address.street"),
                35,
                true,
            )?),
            house_no: optional(
                Some(&address.house_number),
                field("selection.address.house_number", "selection.pickup.address.house_number"),
                10,
            )?,
            zip: Some(check::postcode(
                Some(&address.postcode),
                field("selection.address.postcode", "selection.pickup.address.postcode"),
            )?),
            city: Some(line(
                &address.town,
                field("selection.address.town", "selection.pickup.address.town"),
                35,
                true,
            )?),
            country: Some("CH".into()),
            email: Some(email),
            phone: phone.map(str::to_owned),
            ..Default::default()
        };
        let format = match request.format {
            LabelFormat::Pdf => "PDF",
            LabelFormat::Png => "PNG",
            LabelFormat::Zpl2 => "ZPL2",
        };
        let layout = match request.layout {
            LabelLayout::A5 => "A5",
            LabelLayout::A6 => "A6",
            LabelLayout::A7 => "A7",
        };
        let upstream = GenerateLabel {
            language,
            franking_license: self.franking_license.clone(),
            pp_franking: false,
            customer_system: Some("swiss-checkout".into()),
            sending_id: None,
            customer: LabelCustomer {
                name1: sender.name.clone(),
                street: sender.street.clone(),
                zip: sender.postcode.clone(),
                city: sender.town.clone(),
                country: Some("CH".into()),
                ..Default::default()
            },
            label_definition: LabelDefinition {
                label_layout: layout.into(),
                print_addresses: Some("RECIPIENT_AND_CUSTOMER".into()),
                image_file_type: format.into(),
                image_resolution: Some(dpi),
                print_preview: self.sandbox_mode || request.print_preview,
            },
            item: LabelItem {
                item_id: request.parcel.item_id.clone(),
                recipient: Some(recipient),
                attributes: LabelAttributes { przl, weight: Some(f64::from(weight)), ..Default::default() },
                ..Default::default()
            },
        };
        let answer = self.post.generate_label(&upstream).await?;
        let item = answer.item;
        if let Some(errors) = item.errors.filter(|e| !e.is_empty()) {
            let first = &errors[0];
            let message = errors.iter().map(|e| format!("{} {}", e.code, e.message)).collect::<Vec<_>>().join("; ");
            return Err(AppError::LabelRefused {
                code: first.code.clone(),
                message,
                field: field_of(&first.code, at_point),
            });
        }
        let (Some(ident_code), Some(parts)) = (item.ident_code, item.label) else {
            return Err(crate::error::UpstreamError::Body.into());
        };
        let engine = base64::engine::general_purpose::STANDARD;
        let mut bytes = Vec::new();
        for part in parts {
            bytes.extend(engine.decode(part.trim()).map_err(|_| crate::error::UpstreamError::Body)?);
        }
        let warnings = item
            .warnings
            .unwrap_or_default()
            .into_iter()
            .map(|LabelMessage { code, message }| LabelWarning { code, message })
            .collect();
        Ok(LabelResponse {
            ident_code,
            media_type: request.format.media_type().into(),
            label: engine.encode(bytes),
            warnings,
        })
    }

    /// The home address as the label prints it: in Swiss Post's official spelling when it certified the
    /// address under another. One it calls unusable, or a delivery option no longer offered, cannot be
    /// labelled.
    async fn check_home(&self, checks: &Checks<'_>, selection: &Selection) -> Result<AddressSelection, AppError> {
        let checked = selection::check(checks.lookups, checks.delivery, selection, FieldPrefix::LabelRequest).await?;
        if checked.address.quality == AddressQuality::Unusable {
            return Err(AppError::NotShippable {
                field: "selection.address",
                why: "Swiss Post cannot deliver to this address".into(),
            });
        }
        if checked.delivery_offered == Some(false) {
            let id = selection.delivery.as_ref().map(|o| o.id.as_str()).unwrap_or_default();
            return Err(AppError::NotShippable {
                field: "selection.delivery",
                why: format!("the delivery option {id} is no longer offered for this address"),
            });
        }
        let mut address = selection.address.clone();
        if let (AddressQuality::Certified, Some(official)) = (checked.address.quality, checked.address.corrected) {
            address.postcode = official.postcode;
            address.town = official.town;
            address.street = official.street;
            address.house_number = official.house_number;
        }
        Ok(address)
    }
}
