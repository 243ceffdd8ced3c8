//! The name normalisers that match what the shopper types against Swiss names: never a panic; folding is
//! idempotent; a name typed in full, or its first letters, finds the name itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use swisspost::matching::{fold, fold_query, house_number_key, name_matches};

fuzz_target!(|text: &str| {
    let folded = fold(text);
    assert_eq!(fold(&folded), folded, "fold is idempotent");
    assert!(folded.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
    assert!(name_matches(text, &fold_query(text)), "{text:?} typed in full finds itself");
    if let Some((cut, _)) = text.char_indices().nth(3) {
        assert!(name_matches(text, &fold_query(&text[..cut])), "{:?} finds {text:?}", &text[..cut]);
    }
    let key = house_number_key(text);
    assert_eq!(house_number_key(&key), key);
});
