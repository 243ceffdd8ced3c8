//! After the sale: a shipment's status and events (Swiss Post tracking), and a return collected at the
//! shopper's door (pick@home: one call that orders and approves the collection). The upstream's answers are
//! read through `swisspost::tracking` and `swisspost::collection`, where what is INFERRED is marked.

use std::sync::Arc;

use api::aftersale::{
    MAX_RETURN_PARCELS, ReturnConfirmation, ReturnLabel, ReturnOptions, ReturnRequest, Returner, Shipment,
    ShipmentEvent, ShipmentStatus,
};
use api::{AddressInput, check};
use swisspost::collection::{CollectionAddress, CollectionOrderRequest, CollectionParcel, code};
use swisspost::tracking::status;

use crate::config::{LabelsConfig, Sender};
use crate::error::AppError;
use crate::idempotency::Idempotent;
use crate::lookup::Lookups;
use crate::pickup::Pickup;
use crate::upstream::PostClient;

pub struct AfterSale {
    post: Arc<PostClient>,
    sender: Option<Sender>,
    franking_license: Option<String>,
    returns: Idempotent<ReturnConfirmation>,
}

fn shipment_status(upstream: &str) -> ShipmentStatus {
    match upstream {
        status::NOT_YET_SENT => ShipmentStatus::NotYetSent,
        status::ON_GOING_DELIVERY => ShipmentStatus::OnItsWay,
        status::WAITING_FOR_PICKUP => ShipmentStatus::WaitingForPickup,
        status::DELIVERED => ShipmentStatus::Delivered,
        status::RETURNED => ShipmentStatus::Returned,
        status::CUSTOMS => ShipmentStatus::Customs,
        status::NOT_DELIVERED => ShipmentStatus::NotDelivered,
        _ => ShipmentStatus::Unknown,
    }
}

/// Which field of a return request a pick@home error code is about.
fn return_field(code: u32) -> Option<&'static str> {
    Some(match code {
        code::PICKUP_DATE_NOT_VALID | code::TOO_LATE => "pickup_date",
        code::TOO_MANY_PARCELS | code::AT_LEAST_ONE_PARCEL => "parcels",
        code::PICKUP_ADDRESS_NOT_VALID | code::PICKUP_ADDRESS_REQUIRED => "returner.address",
        code::EMAIL_NOT_VALID => "returner.email",
        code::NAME_LENGTH => "returner.last_name",
        code::FIRSTNAME_LENGTH => "returner.first_name",
        _ => return None,
    })
}

impl AfterSale {
    /// `returns` keeps the idempotency records of returns, the "one return per link" record among them.
    pub fn new(
        post: Arc<PostClient>,
        labels: &LabelsConfig,
        sandbox_mode: bool,
        returns: Idempotent<ReturnConfirmation>,
    ) -> Self {
        Self {
            post,
            sender: labels.sender_or_sample(sandbox_mode),
            franking_license: labels.franking_license.clone(),
            returns,
        }
    }

    /// The shipment with `ident_code`: status, events oldest first, and the pickup point while it waits there.
    pub async fn shipment(&self, pickup: &Pickup, ident_code: &str, lang: &str) -> Result<Shipment, AppError> {
        let ident_code = check::ident_code(ident_code, "ident_code")?;
        let (detail, events) = self.post.mailpiece(&ident_code, lang).await?.ok_or(AppError::UnknownShipment)?;
        let status = shipment_status(&detail.status.status);
        let events: Vec<ShipmentEvent> = events
            .events
            .into_iter()
            .map(|e| ShipmentEvent { code: e.code, title: e.title, at: e.timestamp, location: e.location })
            .collect();
        let pickup_point = match (status, events.last()) {
            (ShipmentStatus::WaitingForPickup, Some(last)) => pickup.point_named(&last.location).await.ok().flatten(),
            _ => None,
        };
        Ok(Shipment { ident_code, status, status_title: detail.status.title, events, pickup_point })
    }

    /// The house key of the returner's address (pick@home collects at a building Swiss Post certified).
    async fn house_key(&self, lookups: &Lookups, returner: &Returner) -> Result<(AddressInput, String), AppError> {
        let chosen = &returner.address;
        let input = chosen.input();
        let address = check::address(&input, true).map_err(|e| AppError::invalid("returner.address", e.why))?;
        let (_, key) = lookups.validate_with_key(&address).await?;
        let key = key.ok_or(AppError::NotShippable {
            field: "returner.address",
            why: "Swiss Post does not certify this address, so it cannot collect there".into(),
        })?;
        Ok((address, key))
    }

    /// Where and on which days a return for `returner` can be collected.
    pub async fn return_options(&self, lookups: &Lookups, returner: &Returner) -> Result<ReturnOptions, AppError> {
        let (address, key) = self.house_key(lookups, returner).await?;
        let instructions = self.post.collection_instructions(&key).await?.ok_or(AppError::NotShippable {
            field: "returner.address",
            why: "Swiss Post does not collect at this address".into(),
        })?;
        Ok(ReturnOptions {
            address_line: format!("{} {}, {} {}", address.street, address.house_number, address.postcode, address.town),
            pickup_dates: instructions.pickup_dates,
            max_parcels: MAX_RETURN_PARCELS,
        })
    }

    /// Orders and approves the collection; with `key`, the same confirmation every time.
    pub async fn create_return(
        &self,
        lookups: &Lookups,
        request: ReturnRequest,
        key: Option<String>,
    ) -> Result<ReturnConfirmation, AppError> {
        self.returns.run(key, &request, || self.order(lookups, &request)).await
    }

    async fn order(&self, lookups: &Lookups, request: &ReturnRequest) -> Result<ReturnConfirmation, AppError> {
        let sender = self.sender.as_ref().ok_or(AppError::NotConfigured(
            "returns need the shop's address: set SWISS_CHECKOUT_SENDER or [labels.sender]",
        ))?;
        let returner = &request.returner;
        let first_name = check::person_name(&returner.first_name, "returner.first_name")?;
        let last_name = check::person_name(&returner.last_name, "returner.last_name")?;
        let email = check::email(&returner.email).map_err(|e| AppError::invalid("returner.email", e.why))?;
        if !(1..=MAX_RETURN_PARCELS).contains(&request.parcels) {
            return Err(AppError::invalid("parcels", "must be 1 to 5"));
        }
        if swisspost::clock::parse_iso_date(&request.pickup_date).is_none() {
            return Err(AppError::invalid("pickup_date", "must be a date like 2026-12-09"));
        }
        let lang = check::language(request.language.as_deref(), "language")?;
        let (_, house_key) = self.house_key(lookups, returner).await?;
        let (shop_street, shop_number) = api::split_street(&sender.street);
        let order = CollectionOrderRequest {
            house_key: Some(house_key),
            pickup_address: Some(CollectionAddress {
                first_name: Some(first_name),
                name: Some(last_name),
                email: Some(email),
                ..Default::default()
            }),
            sender_address: Some(CollectionAddress {
                company: Some(sender.name.clone()),
                street: Some(shop_street),
                house_number: Some(shop_number),
                zip: Some(sender.postcode.clone()),
                city: Some(sender.town.clone()),
                ..Default::default()
            }),
            parcels: (0..request.parcels)
                .map(|_| CollectionParcel { sending_type: "PARCEL".into(), weight_type: "UP_TO_10_KG".into() })
                .collect(),
            pickup_date: request.pickup_date.clone(),
            pickup_time: "FROM_7_30_AM".into(),
            language: lang.to_uppercase(),
            product: "ECO".into(),
            mandator: 0,
            franking_license: self.franking_license.clone(),
        };
        let refused = |errors: &[swisspost::collection::CollectionMessage]| {
            let first = &errors[0];
            AppError::ReturnRefused {
                code: first.code,
                message: errors.iter().map(|e| format!("{} {}", e.code, e.description)).collect::<Vec<_>>().join("; "),
                field: return_field(first.code),
            }
        };
        let created = self.post.collection_order(Some(&order), None).await?;
        if !created.errors.is_empty() {
            return Err(refused(&created.errors));
        }
        let order_key = created.order_key.ok_or(crate::error::UpstreamError::Body)?;
        let approved = self.post.collection_order(None, Some(&order_key)).await?;
        if !approved.errors.is_empty() {
            return Err(refused(&approved.errors));
        }
        Ok(ReturnConfirmation {
            order_key,
            pickup_date: approved.pickup_date.unwrap_or_else(|| request.pickup_date.clone()),
            labels: approved
                .labels
                .into_iter()
                .map(|l| ReturnLabel { ident_code: l.identcode, label: l.label })
                .collect(),
        })
    }
}
