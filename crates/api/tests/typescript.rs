//! The TypeScript declarations of the npm package (`js/swiss-checkout.d.ts`) against this crate: every member
//! of a fully populated `Selection`, as it travels as JSON, must be declared there, and so must every kind.

use swiss_checkout_api::{
    AddressQuality, AddressSelection, DeliveryKind, DeliveryOption, IdentityCheck, PickupKind, PickupSelection,
    PickupUser, Problem, Selection,
};

const DECLARATIONS: &str = include_str!("../../../js/swiss-checkout.d.ts");

fn member_names(value: &serde_json::Value, into: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(members) => {
            for (name, member) in members {
                into.push(name.clone());
                member_names(member, into);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| member_names(item, into)),
        _ => {}
    }
}

#[test]
fn every_member_of_the_selection_is_declared() {
    let address = AddressSelection {
        postcode: "3011".into(),
        town: "Bern".into(),
        street: "Aarbergergasse".into(),
        house_number: "1".into(),
        verified: true,
        quality: Some(AddressQuality::Certified),
    };
    let selection = Selection {
        address: address.clone(),
        delivery: Some(DeliveryOption {
            id: "x".into(),
            kind: DeliveryKind::Evening,
            date: "2026-12-12".into(),
            window_start: Some("17:30".into()),
            window_end: Some("19:00".into()),
            order_by_date: "2026-12-11".into(),
            order_by_time: "14:00".into(),
            product_codes: vec!["PRI".into()],
            price_centimes: 900,
        }),
        pickup: Some(PickupSelection {
            point_id: "p".into(),
            kind: PickupKind::MyPost24,
            name: "n".into(),
            address,
            user: Some(PickupUser { id: "PT1".into(), verified: IdentityCheck::None, name2: "MyPost24 PT1".into() }),
            product: Some(swiss_checkout_api::DeliveryKind::Economy),
            price_centimes: Some(400),
            ready_on: Some("2026-12-09".into()),
        }),
    };
    let mut names = Vec::new();
    member_names(&serde_json::to_value(&selection).unwrap(), &mut names);
    assert!(names.len() > 20);
    for name in names {
        assert!(
            DECLARATIONS.contains(&format!("  {name}: ")) || DECLARATIONS.contains(&format!("  {name}?: ")),
            "js/swiss-checkout.d.ts does not declare `{name}`"
        );
    }
}

#[test]
fn every_member_of_a_problem_is_declared() {
    let problem = Problem {
        kind: "https://swiss-checkout.dev/problems/invalid-request".into(),
        title: "t".into(),
        status: 400,
        detail: Some("d".into()),
        field: Some("q".into()),
        manual_entry: true,
        code: Some("E2001".into()),
    };
    let serde_json::Value::Object(members) = serde_json::to_value(&problem).unwrap() else { panic!("an object") };
    assert_eq!(members.len(), 7);
    for name in members.keys() {
        assert!(
            DECLARATIONS.contains(&format!("  {name}: ")) || DECLARATIONS.contains(&format!("  {name}?: ")),
            "js/swiss-checkout.d.ts does not declare `{name}` of Problem"
        );
    }
}

#[test]
fn every_kind_and_quality_is_declared() {
    let values = DeliveryKind::ALL
        .iter()
        .map(|k| serde_json::to_value(k).unwrap())
        .chain(PickupKind::ALL.iter().map(|k| serde_json::to_value(k).unwrap()))
        .chain(
            [AddressQuality::Certified, AddressQuality::Usable, AddressQuality::Unusable]
                .map(|q| serde_json::to_value(q).unwrap()),
        )
        .chain([IdentityCheck::None, IdentityCheck::Checked].map(|c| serde_json::to_value(c).unwrap()));
    for value in values {
        let text = value.as_str().unwrap();
        assert!(DECLARATIONS.contains(&format!("'{text}'")), "js/swiss-checkout.d.ts lacks '{text}'");
    }
}
