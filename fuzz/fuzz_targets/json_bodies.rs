//! JSON bodies the proxy accepts (`AddressInput` for validation, `Selection` for the server check): never
//! a panic, a body that reads survives a round trip, and its address goes through `check::address`.
#![no_main]

use api::{AddressInput, Selection, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    if let Ok(address) = serde_json::from_slice::<AddressInput>(body) {
        let again: AddressInput = serde_json::from_str(&serde_json::to_string(&address).unwrap()).unwrap();
        assert_eq!(again, address);
        if let Ok(checked) = check::address(&address, true) {
            assert!(!checked.street.is_empty() && !checked.town.is_empty());
        }
    }
    if let Ok(selection) = serde_json::from_slice::<Selection>(body) {
        let again: Selection = serde_json::from_str(&serde_json::to_string(&selection).unwrap()).unwrap();
        assert_eq!(again, selection);
    }
});
