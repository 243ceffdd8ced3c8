//! A selection the checkout posted, checked against Swiss Post now: the home address validated, the delivery
//! option compared with today's offer for it. `POST /server/v1/selections/check` answers with it, and a label
//! is made only for a selection that passes.

use api::{AddressInput, AddressQuality, Selection, SelectionCheck, check};

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

/// The selection's home address and delivery option against Swiss Post now.
pub async fn check(
    lookups: &Lookups,
    delivery: &DeliveryOptions,
    selection: &Selection,
    prefix: FieldPrefix,
) -> Result<SelectionCheck, AppError> {
    let address = home_address(selection, prefix)?;
    let verdict = lookups.validate(&address).await?;
    let delivery_offered = match &selection.delivery {
        None => None,
        Some(chosen) => {
            let offered = delivery.options(&address, Some(api::MAX_DELIVERY_DAYS)).await?;
            Some(offered.value.iter().any(|option| option == chosen))
        }
    };
    let shippable = verdict.quality != AddressQuality::Unusable && delivery_offered != Some(false);
    Ok(SelectionCheck { address: verdict, delivery_offered, shippable })
}
