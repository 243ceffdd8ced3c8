//! A selection the checkout posted, checked against Swiss Post now: the home address validated, the delivery
//! option compared with today's offer for it, and the options offered for the address as Swiss Post knows it.
//! `POST /server/v1/selections/check` answers with it (for a JSON selection, or the form's fields as they came:
//! an order placed with the element's plain fields has an unverified address and no delivery option), and a
//! label is made only for a selection that passes.

use api::form::PostedSelection;
use api::{AddressInput, AddressQuality, DeliveryOption, Selection, SelectionCheck, ValidationResult, check};

use crate::delivery::DeliveryOptions;
use crate::error::AppError;
use crate::lookup::Lookups;

/// The home address of `selection` as Swiss Post is asked about it; a 400 names the field, with `prefix`
/// before it (`selection.address.` in a label request).
pub fn home_address(selection: &Selection, prefix: FieldPrefix) -> Result<AddressInput, AppError> {
    let chosen = &selection.address;
    let input = chosen.input();
    check::address(&input, true).map_err(|e| AppError::invalid(prefix.name(e.field), e.why))
}

/// How the fields of the home address are named in the request.
#[derive(Clone, Copy)]
pub enum FieldPrefix {
    /// The selection is the body: `postcode`, `town`…
    None,
    /// The selection is inside a label request: `selection.address.postcode`…
    LabelRequest,
}

impl FieldPrefix {
    fn name(self, field: &'static str) -> &'static str {
        match (self, field) {
            (FieldPrefix::None, field) => field,
            (FieldPrefix::LabelRequest, "postcode") => "selection.address.postcode",
            (FieldPrefix::LabelRequest, "town") => "selection.address.town",
            (FieldPrefix::LabelRequest, "street") => "selection.address.street",
            (FieldPrefix::LabelRequest, "house_number") => "selection.address.house_number",
            (FieldPrefix::LabelRequest, _) => "selection.address",
        }
    }
}

/// A selection carries exactly one way to receive the parcel: both is a 400 naming `field`.
pub fn both_ways(field: &'static str) -> AppError {
    AppError::invalid(field, "a selection is a home delivery option or a pickup point, not both")
}

/// Tells the chosen delivery option among those offered.
type IsChosen<'a> = &'a (dyn Fn(&DeliveryOption) -> bool + Sync);

/// The selection's home address and delivery option against Swiss Post now.
pub async fn check(
    lookups: &Lookups,
    delivery: &DeliveryOptions,
    selection: &Selection,
    prefix: FieldPrefix,
) -> Result<SelectionCheck, AppError> {
    if selection.delivery.is_some() && selection.pickup.is_some() {
        return Err(both_ways(match prefix {
            FieldPrefix::None => "pickup",
            FieldPrefix::LabelRequest => "selection.pickup",
        }));
    }
    let address = home_address(selection, prefix)?;
    let is_chosen = selection.delivery.as_ref().map(|chosen| move |option: &DeliveryOption| option == chosen);
    verdict(lookups, delivery, &address, is_chosen.as_ref().map(|f| f as IsChosen)).await
}

/// The fields a checkout form posted, as they came, against Swiss Post now.
pub async fn check_posted(
    lookups: &Lookups,
    delivery: &DeliveryOptions,
    posted: &PostedSelection,
) -> Result<SelectionCheck, AppError> {
    if !posted.delivery_option.is_empty() && !posted.pickup_point_id.is_empty() {
        return Err(both_ways(api::form::PICKUP_POINT_ID));
    }
    let address = check::address(&posted.address(), true).map_err(|e| AppError::invalid(e.field, e.why))?;
    let chosen = posted.delivery_option.as_str();
    let is_chosen = |option: &DeliveryOption| option.id == chosen;
    verdict(lookups, delivery, &address, (!chosen.is_empty()).then_some(&is_chosen as IsChosen)).await
}

/// Swiss Post's verdict on `address`, the options it offers there (for its official spelling), and, when an
/// option was chosen, whether one `is_chosen` is among those offered for the address as given.
async fn verdict(
    lookups: &Lookups,
    delivery: &DeliveryOptions,
    address: &AddressInput,
    is_chosen: Option<IsChosen<'_>>,
) -> Result<SelectionCheck, AppError> {
    let verdict: ValidationResult = lookups.validate(address).await?;
    let delivery_offered = match is_chosen {
        None => None,
        Some(is_chosen) => {
            let offered = delivery.options(address, Some(api::MAX_DELIVERY_DAYS)).await?;
            Some(offered.value.iter().any(is_chosen))
        }
    };
    let delivery_options = match (verdict.quality, &verdict.corrected) {
        (AddressQuality::Unusable, _) => Vec::new(),
        (AddressQuality::Certified, Some(official)) => delivery.options(official, None).await?.value,
        _ => delivery.options(address, None).await?.value,
    };
    let shippable = verdict.quality != AddressQuality::Unusable && delivery_offered != Some(false);
    Ok(SelectionCheck { address: verdict, delivery_offered, shippable, delivery_options })
}
